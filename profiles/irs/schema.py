"""The element names import_filings reads, per schema family and form.

The IRS renamed most elements with the 2013 schemas ("TotalRevenueCurrentYear" became
"CYTotalRevenueAmt", "TaxYear" became "TaxYr"). A return's family comes from the year in its
``returnVersion`` attribute ("2011v1.2", "2019v5.1"). Paths are relative to the return's
header or to its form's element, written without the efile namespace.
"""

NAMESPACE = "http://www.irs.gov/efile"
OLD, NEW = "2009-2012", "2013+"

# The header of every return.
HEADER = {
    OLD: {
        "ein": "Filer/EIN",
        "name": "Filer/Name/BusinessNameLine1",
        "tax_year": "TaxYear",
        "period_end": "TaxPeriodEndDate",
        "form": "ReturnType",
    },
    NEW: {
        "ein": "Filer/EIN",
        "name": "Filer/BusinessName/BusinessNameLine1Txt",
        "tax_year": "TaxYr",
        "period_end": "TaxPeriodEndDt",
        "form": "ReturnTypeCd",
    },
}

# The return's main element under ReturnData, by the form the header names.
FORM_ELEMENTS = {"990": "IRS990", "990EZ": "IRS990EZ", "990PF": "IRS990PF"}

# The yearly figures, relative to the form's element.
FIGURES = {
    (OLD, "990"): {
        "revenue": "TotalRevenueCurrentYear",
        "expenses": "TotalExpensesCurrentYear",
        "assets": "TotalAssetsEOY",
        "liabilities": "TotalLiabilitiesEOY",
        "net_assets": "NetAssetsOrFundBalancesEOY",
    },
    (NEW, "990"): {
        "revenue": "CYTotalRevenueAmt",
        "expenses": "CYTotalExpensesAmt",
        "assets": "TotalAssetsEOYAmt",
        "liabilities": "TotalLiabilitiesEOYAmt",
        "net_assets": "NetAssetsOrFundBalancesEOYAmt",
    },
    (OLD, "990EZ"): {
        "revenue": "TotalRevenue",
        "expenses": "TotalExpenses",
        "assets": "TotalAssets/EOY",
        "liabilities": "TotalLiabilities/EOY",
        "net_assets": "NetAssetsOrFundBalances/EOY",
    },
    (NEW, "990EZ"): {
        "revenue": "TotalRevenueAmt",
        "expenses": "TotalExpensesAmt",
        "assets": "Form990TotalAssetsGrp/EOYAmt",
        "liabilities": "SumOfTotalLiabilitiesGrp/EOYAmt",
        "net_assets": "NetAssetsOrFundBalancesGrp/EOYAmt",
    },
    (OLD, "990PF"): {
        "revenue": "AnalysisOfRevenueAndExpenses/TotalRevenueAndExpenses/"
        "RevenueAndExpensesPerBooks",
        "expenses": "AnalysisOfRevenueAndExpenses/TotalExpensesRevAndExpnss/"
        "RevenueAndExpensesPerBooks",
        "assets": "Form990PFBalanceSheets/TotalAssets/EOYBookValue",
        "liabilities": "Form990PFBalanceSheets/TotalLiabilities/EOYBookValue",
        "net_assets": "Form990PFBalanceSheets/TotNetAstOrFundBalances/EOYBookValue",
    },
    (NEW, "990PF"): {
        "revenue": "AnalysisOfRevenueAndExpenses/TotalRevAndExpnssAmt",
        "expenses": "AnalysisOfRevenueAndExpenses/TotalExpensesRevAndExpnssAmt",
        "assets": "Form990PFBalanceSheetsGrp/TotalAssetsEOYAmt",
        "liabilities": "Form990PFBalanceSheetsGrp/TotalLiabilitiesEOYAmt",
        "net_assets": "Form990PFBalanceSheetsGrp/TotNetAstOrFundBalancesEOYAmt",
    },
}

# Officers, directors, trustees and key employees: the repeated element (relative to the
# form's element) and, inside it, the name, title, hours a week and compensation.
OFFICERS = {
    (OLD, "990"): (
        "Form990PartVIISectionA",
        {
            "name": "NamePerson",
            "title": "Title",
            "hours": "AverageHoursPerWeek",
            "pay": "ReportableCompFromOrganization",
        },
    ),
    (NEW, "990"): (
        "Form990PartVIISectionAGrp",
        {
            "name": "PersonNm",
            "title": "TitleTxt",
            "hours": "AverageHoursPerWeekRt",
            "pay": "ReportableCompFromOrgAmt",
        },
    ),
    (OLD, "990EZ"): (
        "OfficerDirectorTrusteeKeyEmpl",
        {
            "name": "PersonName",
            "title": "Title",
            "hours": "AverageHoursPerWeek",
            "pay": "Compensation",
        },
    ),
    (NEW, "990EZ"): (
        "OfficerDirectorTrusteeEmplGrp",
        {
            "name": "PersonNm",
            "title": "TitleTxt",
            "hours": "AverageHrsPerWkDevotedToPosRt",
            "pay": "CompensationAmt",
        },
    ),
    (OLD, "990PF"): (
        "OfficerDirTrstKeyEmplInfo/OfficerDirTrstKeyEmpl",
        {
            "name": "PersonName",
            "title": "Title",
            "hours": "AverageHrsPerWkDevotedToPosition",
            "pay": "Compensation",
        },
    ),
    (NEW, "990PF"): (
        "OfficerDirTrstKeyEmplInfoGrp/OfficerDirTrstKeyEmplGrp",
        {
            "name": "PersonNm",
            "title": "TitleTxt",
            "hours": "AverageHrsPerWkDevotedToPosRt",
            "pay": "CompensationAmt",
        },
    ),
}

# Grants made: Schedule I of the 990 (its own element under ReturnData) and Part XV of the
# 990-PF (inside the form). (where, repeated element, its fields); "where" is "return" for a
# path under ReturnData and "form" for one under the form's element.
GRANTS = {
    (OLD, "990"): (
        "return",
        "IRS990ScheduleI/RecipientTable",
        {
            "name": "RecipientNameBusiness/BusinessNameLine1",
            "ein": "EINOfRecipient",
            "amount": "AmountOfCashGrant",
        },
    ),
    (NEW, "990"): (
        "return",
        "IRS990ScheduleI/RecipientTable",
        {
            "name": "RecipientBusinessName/BusinessNameLine1Txt",
            "ein": "RecipientEIN",
            "amount": "CashGrantAmt",
        },
    ),
    (OLD, "990PF"): (
        "form",
        "SupplementaryInformation/GrantOrContributionPdDurYr",
        {"name": "RecipientBusinessName/BusinessNameLine1", "ein": "", "amount": "Amount"},
    ),
    (NEW, "990PF"): (
        "form",
        "SupplementaryInformationGrp/GrantOrContributionPdDurYrGrp",
        {"name": "RecipientBusinessName/BusinessNameLine1Txt", "ein": "", "amount": "Amt"},
    ),
}


def family_of(return_version):
    """The schema family of a returnVersion such as "2011v1.2"; the newer one when unknown."""
    year = return_version[:4]
    return OLD if year.isdigit() and int(year) < 2013 else NEW
