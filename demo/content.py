"""Fictional demo content for Sourcebook.

Every organization, person, place, publication and URL below is invented. The region
("Westmarch", with the cities of Riverton, Port Calloway and Alder Falls) does not exist, and
all URLs use the reserved ``.example`` top-level domain.

Type vocabulary used by the profiles: Housing Advocacy, Labor Organizing, Coalition,
Ballot Measure Committee, Real Estate, Local Government, Political Party,
Grantmaking Foundation, Trade Association, Policy Research.
"""

from textwrap import dedent

ACCESSED = "2026-10-15"  # default accessed date for citations

SOURCES = {
    # --- Riverton Tenants Alliance -----------------------------------------------------------
    "rta-about": {
        "url": "https://www.rivertontenants.example/about/",
        "title": "About the Alliance",
        "authors": "",
        "publication": "Riverton Tenants Alliance",
        "published": "",
        "kind": "web",
        "archive_url": "https://archive.example/2024/https://www.rivertontenants.example/about/",
    },
    "rta-form990-2019": {
        "url": "https://filings.nonprofit-archive.example/ein/001047729/2019/",
        "title": "Form 990: Return of Organization Exempt From Income Tax, 2019 - Riverton Tenants Alliance",
        "authors": "",
        "publication": "Nonprofit Filings Archive",
        "published": "2020-11-13",
        "kind": "filing",
        "archive_url": "",
    },
    "rta-form990-2022": {
        "url": "https://filings.nonprofit-archive.example/ein/001047729/2022/",
        "title": "Form 990: Return of Organization Exempt From Income Tax, 2022 - Riverton Tenants Alliance",
        "authors": "",
        "publication": "Nonprofit Filings Archive",
        "published": "2023-11-08",
        "kind": "filing",
        "archive_url": "",
    },
    "sos-rta-registration": {
        "url": "https://SOS.Westmarch.example/entities/N-2010-004417#filing-history",
        "title": "Business Entity Record: Riverton Tenants Alliance",
        "authors": "",
        "publication": "Westmarch Secretary of State",
        "published": "2010-02-19",
        "kind": "government",
        "archive_url": "",
    },
    "ledger-rta-founding": {
        "url": "https://www.riverton-ledger.example/2009/05/11/eastside-renters-alliance/",
        "title": "Eastside Renters Form Citywide Alliance After Wave of Evictions",
        "authors": "Harriet Lindqvist",
        "publication": "Riverton Ledger",
        "published": "2009-05-11",
        "kind": "news",
        "archive_url": "https://archive.example/2011/https://www.riverton-ledger.example/2009/05/11/eastside-renters-alliance/",
    },
    "ledger-millrace-strike": {
        "url": "https://www.riverton-ledger.example/2018/02/06/millrace-rent-strike/?fbclid=IwAR0xDemo77",
        "title": "Millrace Towers Tenants Withhold Rent Over Heat and Mold Complaints",
        "authors": "Harriet Lindqvist",
        "publication": "Riverton Ledger",
        "published": "2018-02-06",
        "kind": "news",
        "archive_url": "https://archive.example/2018/https://www.riverton-ledger.example/2018/02/06/millrace-rent-strike/",
    },
    "wpr-millrace-settlement": {
        "url": "https://www.westmarchpublicradio.example/news/2018/09/14/millrace-settlement",
        "title": "Millrace Towers Owner Settles With Striking Tenants",
        "authors": "Owen Achterberg",
        "publication": "Westmarch Public Radio",
        "published": "2018-09-14",
        "kind": "news",
        "archive_url": "",
    },
    "riverton-ord-2020-14": {
        "url": "https://www.riverton.example/council/ordinances/2020-14/",
        "title": "Ordinance No. 2020-14: Tenant Right to Counsel in Eviction Proceedings",
        "authors": "",
        "publication": "City of Riverton",
        "published": "2020-03-03",
        "kind": "government",
        "archive_url": "",
    },
    "wpr-right-to-counsel": {
        "url": "https://www.westmarchpublicradio.example/news/2020/03/04/riverton-right-to-counsel",
        "title": "Riverton Council Approves Guaranteed Lawyers for Tenants Facing Eviction",
        "authors": "Owen Achterberg",
        "publication": "Westmarch Public Radio",
        "published": "2020-03-04",
        "kind": "news",
        "archive_url": "",
    },
    "observer-measure5-results": {
        "url": "https://www.westmarch-observer.example/2022/11/10/measure-5-results/",
        "title": "Rent Stabilization Measure Falls Short Statewide, Carries Riverton",
        "authors": "Celia Marchetti; Dev Kowalski",
        "publication": "The Westmarch Observer",
        "published": "2022-11-10",
        "kind": "news",
        "archive_url": "",
    },
    "network-members": {
        "url": "https://www.housingjusticewm.example/members/",
        "title": "Member Organizations",
        "authors": "",
        "publication": "Westmarch Housing Justice Network",
        "published": "",
        "kind": "web",
        "archive_url": "https://archive.example/2023/https://www.housingjusticewm.example/members/",
    },
    "ledger-whitcombe-appointed": {
        "url": "https://www.riverton-ledger.example/2021/04/22/whitcombe-housing-office/",
        "title": "Tenant Organizer Whitcombe Named to Lead New Housing Stability Office",
        "authors": "Harriet Lindqvist",
        "publication": "Riverton Ledger",
        "published": "2021-04-22",
        "kind": "news",
        "archive_url": "",
    },
    "afcf-grants-2021": {
        "url": "https://www.alderfallsfoundation.example/grants/2021/",
        "title": "2021 Grants List",
        "authors": "",
        "publication": "Alder Falls Community Foundation",
        "published": "2022-03",
        "kind": "web",
        "archive_url": "",
    },
    "times-landlord-criticism": {
        "url": "HTTPS://WWW.Port-Calloway-Times.example/2019/08/19/landlord-group-tenant-alliance/?utm_source=newsletter&utm_medium=email",
        "title": "Landlord Group Calls Tenant Alliance Tactics 'Coercive'",
        "authors": "Benedikt Saari",
        "publication": "Port Calloway Times",
        "published": "2019-08-19",
        "kind": "news",
        "archive_url": "",
    },
    # --- Labor ----------------------------------------------------------------------------
    "local417-about": {
        "url": "https://www.local417.example/who-we-are",
        "title": "Who We Are",
        "authors": "",
        "publication": "Westmarch Service Workers Local 417",
        "published": "",
        "kind": "web",
        "archive_url": "",
    },
    "local417-lm2-2022": {
        "url": "https://labor-filings.example/lm2/local-417/2022/",
        "title": "Labor Organization Annual Report (Form LM-2), Fiscal Year 2022 - Westmarch Service Workers Local 417",
        "authors": "",
        "publication": "Labor Filings Archive",
        "published": "2023-03-29",
        "kind": "filing",
        "archive_url": "",
    },
    "ledger-renner-elected": {
        "url": "https://www.riverton-ledger.example/2015/06/28/local-417-election/",
        "title": "Hospital Janitor Turned Organizer Wins Local 417 Presidency",
        "authors": "Paulina Stroud",
        "publication": "Riverton Ledger",
        "published": "2015-06-28",
        "kind": "news",
        "archive_url": "",
    },
    "times-homecare-contract": {
        "url": "https://www.port-calloway-times.example/2017/11/02/home-care-contract/",
        "title": "Home Care Aides Ratify First Statewide Contract",
        "authors": "Benedikt Saari",
        "publication": "Port Calloway Times",
        "published": "2017-11-02",
        "kind": "news",
        "archive_url": "",
    },
    # --- Housing Justice Network -----------------------------------------------------------
    "network-about": {
        "url": "https://www.housingjusticewm.example/about",
        "title": "About the Network",
        "authors": "",
        "publication": "Westmarch Housing Justice Network",
        "published": "",
        "kind": "web",
        "archive_url": "",
    },
    "courier-network-launch": {
        "url": "https://www.alderfallscourier.example/news/2019/09/12/housing-network-launch",
        "title": "Housing Groups Launch Statewide Network at Alder Falls Gathering",
        "authors": "Jonas Whitlow",
        "publication": "Alder Falls Courier",
        "published": "2019-09-12",
        "kind": "news",
        "archive_url": "",
    },
    "network-measure5-statement": {
        "url": "https://www.housingjusticewm.example/news/2022/11/measure-5-statement",
        "title": "Statement on the Measure 5 Results",
        "authors": "",
        "publication": "Westmarch Housing Justice Network",
        "published": "2022-11-09",
        "kind": "web",
        "archive_url": "",
    },
    "book-eviction-economy": {
        "url": "https://press.eastonbay.example/books/the-eviction-economy",
        "title": "The Eviction Economy: Housing and Power in Westmarch, 1990-2020",
        "authors": "Miriam Castellane-Hobbs",
        "publication": "Easton Bay University Press",
        "published": "2021",
        "kind": "book",
        "archive_url": "",
    },
    # --- Ballot committees -----------------------------------------------------------------
    "wec-hfw-statement": {
        "url": "https://campaignfinance.westmarch.example/committees/BMC-2021-0093/statement-of-organization",
        "title": "Statement of Organization: Homes for Westmarch",
        "authors": "",
        "publication": "Westmarch Elections Commission",
        "published": "2021-08-16",
        "kind": "government",
        "archive_url": "",
    },
    "wec-hfw-2022-post-general": {
        "url": "https://campaignfinance.westmarch.example/committees/BMC-2021-0093/reports/2022-post-general?utm_campaign=share&page=1",
        "title": "Post-General Election Report 2022: Homes for Westmarch",
        "authors": "",
        "publication": "Westmarch Elections Commission",
        "published": "2022-12-08",
        "kind": "government",
        "archive_url": "",
    },
    "observer-measure5-spending": {
        "url": "https://www.Westmarch-Observer.example/2022/10/20/measure-5-spending/?utm_source=townsquare&utm_medium=social#comments",
        "title": "Measure 5 Becomes Most Expensive Ballot Fight in State History",
        "authors": "Celia Marchetti",
        "publication": "The Westmarch Observer",
        "published": "2022-10-20",
        "kind": "news",
        "archive_url": "",
    },
    "wec-nrh-statement": {
        "url": "https://campaignfinance.westmarch.example/committees/BMC-2022-0007/statement-of-organization",
        "title": "Statement of Organization: Neighbors for Responsible Housing",
        "authors": "",
        "publication": "Westmarch Elections Commission",
        "published": "2022-01-10",
        "kind": "government",
        "archive_url": "",
    },
    "wec-nrh-2022-post-general": {
        "url": "https://campaignfinance.westmarch.example/committees/BMC-2022-0007/reports/2022-post-general",
        "title": "Post-General Election Report 2022: Neighbors for Responsible Housing",
        "authors": "",
        "publication": "Westmarch Elections Commission",
        "published": "2022-12-08",
        "kind": "government",
        "archive_url": "",
    },
    "nrh-website": {
        "url": "https://www.responsiblehousingwm.example/why-no-on-5",
        "title": "Why Measure 5 Is Wrong for Westmarch",
        "authors": "",
        "publication": "Neighbors for Responsible Housing",
        "published": "2022",
        "kind": "web",
        "archive_url": "https://archive.example/2022/https://www.responsiblehousingwm.example/why-no-on-5",
    },
    # --- Calloway Harbor Properties ---------------------------------------------------------
    "chp-about": {
        "url": "https://www.callowayharbor.example/company",
        "title": "Our Company",
        "authors": "",
        "publication": "Calloway Harbor Properties",
        "published": "",
        "kind": "web",
        "archive_url": "",
    },
    "times-millrace-purchase": {
        "url": "https://www.port-calloway-times.example/2016/07/21/calloway-harbor-millrace/",
        "title": "Calloway Harbor Buys Millrace Towers in $48 Million Deal",
        "authors": "Benedikt Saari",
        "publication": "Port Calloway Times",
        "published": "2016-07-21",
        "kind": "news",
        "archive_url": "",
    },
    "sos-chp-registration": {
        "url": "https://SOS.Westmarch.example/entities/L-1998-118204#filing-history",
        "title": "Business Entity Record: Calloway Harbor Properties LLC",
        "authors": "",
        "publication": "Westmarch Secretary of State",
        "published": "1998-04",
        "kind": "government",
        "archive_url": "",
    },
    "times-farraday-profile": {
        "url": "https://www.port-calloway-times.example/2019/03/10/gideon-farraday-profile/",
        "title": "From Duplexes to Towers: The Steady Growth of Gideon Farraday",
        "authors": "Benedikt Saari; Ines Valcourt",
        "publication": "Port Calloway Times",
        "published": "2019-03-10",
        "kind": "news",
        "archive_url": "",
    },
    # --- Office of Housing Stability ----------------------------------------------------------
    "riverton-ohs-budget-fy2024": {
        "url": "https://www.riverton.example/budget/fy2024/housing-stability.pdf",
        "title": "Adopted Budget, Fiscal Year 2024: Office of Housing Stability",
        "authors": "",
        "publication": "City of Riverton",
        "published": "2023-06",
        "kind": "government",
        "archive_url": "",
    },
    "ohs-rtc-report-2023": {
        "url": "https://www.riverton.example/housing-stability/reports/right-to-counsel-2023/",
        "title": "Right to Counsel Annual Report 2023",
        "authors": "",
        "publication": "Riverton Office of Housing Stability",
        "published": "2024-02",
        "kind": "government",
        "archive_url": "",
    },
    "wpoc-testimony-2020": {
        "url": "https://www.riverton.example/council/records/2020-02-11/testimony-wpoc.pdf",
        "title": "Written Testimony of the Westmarch Property Owners Council on Proposed Ordinance 2020-14",
        "authors": "",
        "publication": "City of Riverton",
        "published": "2020-02-11",
        "kind": "government",
        "archive_url": "https://archive.example/2020/https://www.riverton.example/council/records/2020-02-11/testimony-wpoc.pdf",
    },
    # --- Westmarch Civic Party ------------------------------------------------------------------
    "wcp-platform": {
        "url": "https://www.westmarchcivic.example/platform",
        "title": "Platform 2022",
        "authors": "",
        "publication": "Westmarch Civic Party",
        "published": "2022",
        "kind": "web",
        "archive_url": "",
    },
    "observer-civic-ballot-line": {
        "url": "https://www.westmarch-observer.example/2014/11/12/civic-party-ballot-line/",
        "title": "Civic Party Secures Ballot Line After Strong Showing",
        "authors": "Dev Kowalski",
        "publication": "The Westmarch Observer",
        "published": "2014-11-12",
        "kind": "news",
        "archive_url": "",
    },
    "ledger-desrosiers-endorsements": {
        "url": "https://www.riverton-ledger.example/2019/08/30/ward-3-endorsements/",
        "title": "Desrosiers Picks Up Civic Party, Union Endorsements in Ward 3 Race",
        "authors": "Paulina Stroud",
        "publication": "Riverton Ledger",
        "published": "2019-08-30",
        "kind": "news",
        "archive_url": "",
    },
    "wcp-townsquare-2023": {
        "url": "https://townsquare.example/WestmarchCivic/status/20231108",
        "title": "Post by @WestmarchCivic on the 2023 Riverton council results",
        "authors": "Westmarch Civic Party",
        "publication": "Townsquare",
        "published": "2023-11-08",
        "kind": "social",
        "archive_url": "",
    },
    # --- Alder Falls Community Foundation -------------------------------------------------------
    "afcf-form990-2022": {
        "url": "https://filings.nonprofit-archive.example/ein/002211952/2022/",
        "title": "Form 990: Return of Organization Exempt From Income Tax, 2022 - Alder Falls Community Foundation",
        "authors": "",
        "publication": "Nonprofit Filings Archive",
        "published": "2023-11-14",
        "kind": "filing",
        "archive_url": "",
    },
    "courier-afcf-anniversary": {
        "url": "https://www.alderfallscourier.example/news/2022/05/15/foundation-70-years",
        "title": "Foundation Marks 70 Years of Giving in Alder Falls",
        "authors": "Jonas Whitlow",
        "publication": "Alder Falls Courier",
        "published": "2022-05-15",
        "kind": "news",
        "archive_url": "",
    },
    # --- Westmarch Property Owners Council -------------------------------------------------------
    "wpoc-about": {
        "url": "https://www.wpoc.example/about",
        "title": "About the Council",
        "authors": "",
        "publication": "Westmarch Property Owners Council",
        "published": "",
        "kind": "web",
        "archive_url": "",
    },
    # --- Center for Westmarch Housing Policy ------------------------------------------------------
    "cwhp-about": {
        "url": "https://www.cwhp.example/about",
        "title": "About the Center",
        "authors": "",
        "publication": "Center for Westmarch Housing Policy",
        "published": "",
        "kind": "web",
        "archive_url": "",
    },
    "cwhp-pushed-out-2021": {
        "url": "https://www.cwhp.example/reports/pushed-out-2021.pdf",
        "title": "Pushed Out: Eviction and Displacement in Riverton, 2015-2020",
        "authors": "Lucia Ferreira-Banks; Tomasz Ebright",
        "publication": "Center for Westmarch Housing Policy",
        "published": "2021-06",
        "kind": "web",
        "archive_url": "",
    },
    "cwhp-form990-2022": {
        "url": "https://filings.nonprofit-archive.example/ein/003390512/2022/",
        "title": "Form 990: Return of Organization Exempt From Income Tax, 2022 - Center for Westmarch Housing Policy",
        "authors": "",
        "publication": "Nonprofit Filings Archive",
        "published": "2023-10-30",
        "kind": "filing",
        "archive_url": "",
    },
    # --- People ----------------------------------------------------------------------------
    "wpr-whitcombe-interview": {
        "url": "https://www.westmarchpublicradio.example/programs/statehouse-hour/2022/06/whitcombe",
        "title": "A Year In: Riverton's Housing Stability Director on Right to Counsel",
        "authors": "Owen Achterberg",
        "publication": "Westmarch Public Radio",
        "published": "2022-06-17",
        "kind": "news",
        "archive_url": "",
    },
    "riverton-council-ward3": {
        "url": "https://www.riverton.example/council/ward-3/",
        "title": "Councilmember Anjali Desrosiers, Ward 3",
        "authors": "",
        "publication": "City of Riverton",
        "published": "",
        "kind": "government",
        "archive_url": "",
    },
    "observer-desrosiers-reelection": {
        "url": "https://www.westmarch-observer.example/2023/11/08/riverton-council-results/",
        "title": "Incumbents Hold Most Riverton Council Seats; Desrosiers Wins Second Term",
        "authors": "Dev Kowalski",
        "publication": "The Westmarch Observer",
        "published": "2023-11-08",
        "kind": "news",
        "archive_url": "",
    },
    "ledger-okonjo-lind-named": {
        "url": "https://www.riverton-ledger.example/2021/06/03/tenant-alliance-new-director/",
        "title": "Tenant Alliance Names Former Millrace Strike Leader as Director",
        "authors": "Harriet Lindqvist",
        "publication": "Riverton Ledger",
        "published": "2021-06-03",
        "kind": "news",
        "archive_url": "",
    },
    "rta-townsquare-2022": {
        "url": "https://townsquare.example/RivTenants/status/20221030",
        "title": "Post by @RivTenants on Measure 5 door-knocking totals",
        "authors": "Riverton Tenants Alliance",
        "publication": "Townsquare",
        "published": "2022-10-30",
        "kind": "social",
        "archive_url": "",
    },
}


PROFILES = [
    # =====================================================================================
    # Flagship profile
    # =====================================================================================
    {
        "name": "Riverton Tenants Alliance",
        "slug": "riverton-tenants-alliance",
        "ein": "00-1047729",
        "category": "non-profit",
        "location": "Riverton, Westmarch",
        "types": ["Housing Advocacy"],
        "aliases": ["RTA", "Riverton Tenants"],
        "lead": dedent(
            """
            The **Riverton Tenants Alliance** (RTA) is a non-profit tenant organizing group based in Riverton, Westmarch. It forms tenant associations in large rental buildings, refers renters facing eviction to legal help and campaigns for changes to municipal and state housing law.[^about] The organization says it works with tenant committees in more than 60 buildings and that membership is open to any renter in the city who pays annual dues of $24.[^about]

            The alliance was formed in 2009 by residents of Riverton's Eastside neighborhood after a wave of evictions from foreclosed apartment buildings, and it was organized as a non-profit corporation the following year.[^ledger-founding][^f990-2019-p1] It drew regional attention during a 2018 rent strike at Millrace Towers, a large complex owned by [[Calloway Harbor Properties]], and later played a leading role in the campaign for the city's 2020 right-to-counsel ordinance.[^ledger-millrace][^wpr-rtc]

            The RTA's founding executive director, [[Dolores Whitcombe]], left in 2021 to lead the newly created [[Riverton Office of Housing Stability]], an agency the alliance had campaigned to establish; she was succeeded by [[Rafael Okonjo-Lind]].[^ledger-whitcombe] The group is a founding member of the [[Westmarch Housing Justice Network]].[^network-members] Landlord organizations, including the [[Westmarch Property Owners Council]], have criticized some of its tactics.[^times-landlord]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.rivertontenants.example", None),
            ("Formation", "2009 (incorporated 2010)[^ledger-founding][^f990-2019-p1]", None),
            ("Founders", "[[Dolores Whitcombe]] and Eastside tenant leaders[^about-history]", None),
            ("Executive director", "[[Rafael Okonjo-Lind]][^f990-2022-p7]", "2022-12-31"),
            ("Issue areas", "Tenant organizing; eviction defense; rent regulation[^about]", None),
            ("Revenue", "$1,382,114[^f990-2022-p1]", "2022-12-31"),
            ("Expenses", "$1,209,870[^f990-2022-p1]", "2022-12-31"),
            ("Assets", "$1,046,300[^f990-2022-p1]", "2022-12-31"),
            ("Most recent filing", "Form 990 for 2022[^f990-2022-p1]", None),
        ],
        "body": dedent(
            """
            ## Background

            The RTA grew out of a series of meetings held in the basement of an Eastside church in early 2009, when tenants of several foreclosed apartment buildings began receiving notices to vacate from the lenders that had taken over the properties.[^ledger-founding] Organizers said at the time that many of the affected households had paid their rent on time and had no reliable way of learning who owned their buildings or whom to contact about repairs.[^ledger-founding] Among the early participants was [[Dolores Whitcombe]], a school bus dispatcher and longtime Eastside resident, who became the group's first coordinator and later its executive director.[^about-history]

            Eastside, where the alliance began, is a neighborhood of older walk-up and mid-rise apartment buildings near Riverton's former rail yards, and most of its households rent rather than own their homes.[^ledger-founding] Several of the buildings involved in the 2009 foreclosures had been bought with borrowed money during the preceding housing boom and were then taken over by lenders when rental income failed to cover the owners' debts.[^ledger-founding]

            Staff of [[Westmarch Service Workers Local 417]], whose members included many Eastside renters, helped the new group run its first membership drive, and the union lent it a room in its Riverton hall for weekly meetings during the alliance's first two years.[^ledger-founding-union] [[Tobias Renner]], then a staff organizer with the union and later its president, was quoted in early coverage describing the alliance as "a union for the people who pay the rent."[^ledger-founding-union]

            The alliance reports on its federal tax filings that it was organized in 2010 and that it is recognized as a public charity.[^f990-2019-p1] Its stated mission is to "build the collective power of Riverton renters to secure safe, stable and affordable homes."[^f990-2019-p1] In its early years the alliance had no paid staff: volunteers answered the hotline from their own homes, and the group's small budget came almost entirely from dues and from fundraising dinners held in church halls. Its first paid position, a part-time organizer, was created in 2011.[^about-history] By 2019 the alliance reported nine employees.[^f990-2019-p1] The organization's website describes a model in which volunteers first establish a tenant committee in a single building and then link committees from buildings owned by the same landlord into larger "landlord-wide" associations that can negotiate jointly.[^about-history]

            According to the organization, its services include a telephone hotline, "know your rights" trainings offered in English, Spanish and Haitian Creole, and volunteers who accompany tenants to housing court hearings.[^about] The RTA does not employ attorneys of its own; it refers tenants to legal aid providers and, since 2021, to the city's right-to-counsel program.[^about][^f990-2022-sched-o]

            ## Campaigns

            During its first decade the RTA concentrated on repair disputes and on informing tenants of their rights when buildings were sold. Its filings describe "building campaigns" at 14 properties in 2019 alone, most of which concerned heating, pest control and mold.[^f990-2019-sched-o] The alliance has frequently focused on large corporate owners of rental housing, which it argues are less responsive to individual complaints than small landlords.[^about-history]

            A typical campaign, as the organization describes it, begins with a building survey in which volunteers knock on every door to record repair problems and rent histories. The results are compiled into a list of demands that is delivered to the owner or management company, often at a meeting in the building's lobby.[^about-history] If the owner does not respond, the alliance may help tenants file complaints with city code inspectors, organize pickets or, in a small number of cases, coordinate rent withholding through an escrow account.[^about-history][^f990-2019-sched-o]

            Landlord organizations have disputed that characterization. In 2019 the [[Westmarch Property Owners Council]] said that RTA organizers had encouraged tenants to withhold rent before exhausting the repair procedures set out in state law, and it described some of the group's demonstrations outside owners' homes as "coercive."[^times-landlord] An RTA spokesperson responded that residential protests had been rare and had always taken place on public sidewalks.[^times-landlord]

            ### 2018 Millrace Towers Rent Strike

            The RTA's best-known campaign took place at Millrace Towers, a 412-unit complex in the Millrace district that [[Calloway Harbor Properties]] had acquired in 2016.[^ledger-millrace] Beginning in February 2018, tenants in roughly 150 units paid their rent into an escrow account administered by the alliance instead of to the owner, citing repeated losses of heat, water damage and mold in stairwells and apartments.[^ledger-millrace] Tenants said they had submitted more than 300 repair requests during the previous year.[^ledger-millrace]

            Calloway Harbor Properties responded by filing eviction cases against 38 participating households. A company spokesperson said at the time that the firm had already invested several million dollars in improvements and that the withheld rent prevented it from completing further work.[^ledger-millrace] Several of the eviction cases were later consolidated before a single judge in Riverton Housing Court.[^wpr-settlement]

            In September 2018 the company and the Millrace Towers Tenant Association announced a settlement. Under its terms, Calloway Harbor agreed to replace the complex's boilers, to hire an independent inspector approved by both sides and to dismiss the pending eviction cases, while tenants agreed to release the escrowed rent in stages as repairs were completed.[^wpr-settlement] [[Rafael Okonjo-Lind]], then a Millrace resident and chair of the tenant association's negotiating committee, called the agreement "proof that organized tenants can sit across the table as equals."[^wpr-settlement] The company's chief executive, [[Gideon Farraday]], said the firm was "pleased to have resolved the matter" and would continue to invest in the property.[^wpr-settlement]

            The strike was cited repeatedly in later debates over eviction policy in Riverton. Supporters of the right-to-counsel ordinance adopted in 2020 pointed to the Millrace cases, in which most tenants had initially appeared in court without lawyers, as an example of the imbalance the ordinance was intended to correct.[^wpr-rtc]

            ## Political Activity

            As a public charity, the RTA is limited in the amount of lobbying it may conduct and may not support or oppose candidates for office. It has reported lobbying expenses on each of its annual filings since 2019.[^f990-2019-sched-c][^f990-2022-p1]

            The alliance's most significant legislative campaign concerned Riverton's Ordinance 2020-14, which guarantees a publicly funded attorney to tenants facing eviction whose household income is below 200 percent of the federal poverty guideline.[^ordinance-sec4] The ordinance was sponsored by Ward 3 councilmember [[Anjali Desrosiers]] and passed the city council by a vote of 7 to 2 in March 2020.[^wpr-rtc] The RTA organized turnout for three public hearings on the proposal and delivered a petition that it said carried 11,000 signatures.[^wpr-rtc] The ordinance also created the [[Riverton Office of Housing Stability]] to administer the program, and it directed the city to pay for it from the general fund and from a fee on rental registrations.[^ordinance-sec9] The program was phased in by neighborhood, beginning with three districts that had the highest eviction rates, before becoming available citywide in 2023.[^ordinance-sec4]

            In 2022 the RTA campaigned for Measure 5, a statewide ballot initiative that would have capped annual rent increases on most apartment buildings more than 15 years old. The alliance reported that its volunteers knocked on more than 40,000 doors in Riverton during the campaign.[^f990-2022-sched-o] Electoral spending in support of the measure was handled by a separate committee, [[Homes for Westmarch]], which was funded mainly by labor unions; the alliance's affiliated advocacy organization, the [[Riverton Tenants Action Fund]], also contributed to that committee.[^observer-m5] Measure 5 was rejected statewide with about 46 percent of the vote, although a majority of voters in Riverton supported it.[^observer-m5][^observer-m5-table]

            The RTA joined the [[Westmarch Housing Justice Network]] as a founding member in 2019 and has held a seat on its steering committee since then.[^network-members] The network coordinated the statewide field campaign for Measure 5, in which the alliance was responsible for canvassing in Riverton and the surrounding county.[^network-members][^observer-m5]

            ## Funding and Leadership

            The RTA's revenue grew considerably after 2019. The organization reported total revenue of about $742,000 for 2019, of which roughly 18 percent came from membership dues and the remainder from grants and individual contributions.[^f990-2019-p1] For 2022 it reported revenue of about $1.38 million, expenses of about $1.21 million and total assets of just over $1 million at the end of the year.[^f990-2022-p1]

            Foundation grants make up a large share of the budget. The [[Alder Falls Community Foundation]] listed a two-year grant of $250,000 to the RTA for "tenant leadership development" among its 2021 awards, together with a further $40,000 for the alliance's hotline.[^afcf-2021] The same foundation serves as fiscal sponsor of the housing network to which the RTA belongs.[^afcf-2021] The alliance does not publish a list of its individual donors, but its website names its institutional funders, which include the Alder Falls foundation and two Riverton congregations.[^about]

            Whitcombe led the organization until April 2021, when Riverton's mayor appointed her as the first director of the Office of Housing Stability.[^ledger-whitcombe] The appointment was criticized by the Westmarch Property Owners Council, which said that placing a tenant organizer in charge of the office raised questions about its impartiality; city officials replied that she would be bound by the same conflict-of-interest rules as other department heads.[^ledger-whitcombe] Okonjo-Lind, who had joined the RTA staff as an organizer after the Millrace settlement, was named executive director later that year.[^ledger-whitcombe][^f990-2022-p7] Under his leadership the alliance opened a second office in the Millrace district and added staff to support its ballot measure work.[^f990-2022-sched-o]

            The alliance's 2022 filing lists a nine-member board of directors, all described as current or former Riverton tenants, and reports compensation of $78,400 for the executive director.[^f990-2022-p7] The same filing reports 14 employees, most of them organizers assigned to particular neighborhoods.[^f990-2022-p1] Its largest categories of expense that year were salaries, printed and canvassing materials related to Measure 5, and rent for offices in the Eastside and Millrace districts.[^f990-2022-p9]
            """
        ).strip(),
        "citations": {
            "about": ("rta-about", ""),
            "about-history": ("rta-about", '"Our History" section'),
            "ledger-founding": ("ledger-rta-founding", ""),
            "ledger-founding-union": ("ledger-rta-founding", "paras. 9-11"),
            "f990-2019-p1": ("rta-form990-2019", "Part I, p. 1"),
            "f990-2019-sched-o": ("rta-form990-2019", "Schedule O"),
            "f990-2019-sched-c": ("rta-form990-2019", "Schedule C, Part II-B"),
            "f990-2022-p1": ("rta-form990-2022", "Part I, p. 1"),
            "f990-2022-p7": ("rta-form990-2022", "Part VII, p. 7"),
            "f990-2022-p9": ("rta-form990-2022", "Part IX, p. 10"),
            "f990-2022-sched-o": ("rta-form990-2022", "Schedule O"),
            "ledger-millrace": ("ledger-millrace-strike", ""),
            "wpr-settlement": ("wpr-millrace-settlement", ""),
            "wpr-rtc": ("wpr-right-to-counsel", ""),
            "ordinance-sec4": ("riverton-ord-2020-14", "Sec. 4"),
            "ordinance-sec9": ("riverton-ord-2020-14", "Sec. 9"),
            "observer-m5": ("observer-measure5-results", ""),
            "observer-m5-table": ("observer-measure5-results", "county results table"),
            "network-members": ("network-members", ""),
            "ledger-whitcombe": ("ledger-whitcombe-appointed", ""),
            "afcf-2021": ("afcf-grants-2021", '"Housing and Neighborhoods"'),
            "times-landlord": ("times-landlord-criticism", ""),
        },
    },
    # =====================================================================================
    # Labor union
    # =====================================================================================
    {
        "name": "Westmarch Service Workers Local 417",
        "slug": "westmarch-service-workers-local-417",
        "ein": "00-6031417",
        "category": "labor-union",
        "location": "Riverton, Westmarch",
        "types": ["Labor Organizing"],
        "aliases": ["Local 417", "WSW Local 417"],
        "lead": dedent(
            """
            **Westmarch Service Workers Local 417** is a labor union representing about 14,000 janitors, home care aides, hospital service workers and airport concession workers in the Riverton and Port Calloway areas, and it has been led since 2015 by [[Tobias Renner]].[^about]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.local417.example", None),
            ("Formation", "1971", None),
            ("President", "[[Tobias Renner]]", None),
            ("Revenue", "$11,842,590", "2022-12-31"),
            ("Most recent filing", "Form LM-2 for fiscal year 2022", None),
        ],
        "body": dedent(
            """
            ## History

            Local 417 was chartered in 1971 as a union of office building cleaners in downtown Riverton. It expanded into health care during the 1990s through organizing drives at several hospitals, and into home care in the following decade.[^about] In 2015 Renner, a former hospital janitor who had worked as a staff organizer, defeated the incumbent president in a contested election in which he promised to put more resources into organizing new members.[^ledger-renner]

            In 2017 the union negotiated the first statewide contract for home care aides paid through Westmarch's public home care program, covering about 6,500 workers. The agreement raised the starting wage in stages and created a training fund jointly administered by the union and the state.[^homecare]

            ## Finances

            The union's annual report for fiscal year 2022 lists total receipts of about $11.8 million, most of which came from member dues.[^lm2] The same report records about $1.1 million in political and lobbying disbursements, including $600,000 paid to the ballot committee [[Homes for Westmarch]].[^lm2-sched16]

            ## Housing Advocacy

            The union has been involved in housing campaigns for more than a decade. In 2009 its staff helped found the [[Riverton Tenants Alliance]] and lent the new group meeting space.[^ledger-rta] It is a member of the [[Westmarch Housing Justice Network]].[^members] In 2019 it endorsed [[Anjali Desrosiers]] for the Riverton City Council, citing her support for a right-to-counsel program for tenants.[^ledger-desrosiers] During the 2022 Measure 5 campaign it was the largest single contributor to Homes for Westmarch, according to that committee's filings.[^wec-hfw-report]
            """
        ).strip(),
        "citations": {
            "about": ("local417-about", ""),
            "ledger-renner": ("ledger-renner-elected", ""),
            "homecare": ("times-homecare-contract", ""),
            "lm2": ("local417-lm2-2022", "Statement A"),
            "lm2-sched16": ("local417-lm2-2022", "Schedule 16"),
            "ledger-rta": ("ledger-rta-founding", ""),
            "members": ("network-members", ""),
            "ledger-desrosiers": ("ledger-desrosiers-endorsements", ""),
            "wec-hfw-report": ("wec-hfw-2022-post-general", "Schedule A"),
        },
    },
    # =====================================================================================
    # Network
    # =====================================================================================
    {
        "name": "Westmarch Housing Justice Network",
        "slug": "westmarch-housing-justice-network",
        "category": "network",
        "location": "Riverton, Westmarch",
        "types": ["Coalition", "Housing Advocacy"],
        "aliases": ["WHJN", "Housing Justice Network"],
        "lead": dedent(
            """
            The **Westmarch Housing Justice Network** (WHJN) is a statewide coalition of tenant groups, labor unions, legal aid organizations and researchers that campaigns on rent regulation and eviction policy.[^about] It was launched in 2019 and operates as a fiscally sponsored project of the [[Alder Falls Community Foundation]].[^launch]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.housingjusticewm.example", None),
            ("Formation", "2019", None),
            ("Project of", "[[Alder Falls Community Foundation]]", None),
            ("Issue areas", "Rent regulation; eviction policy; tenant organizing", None),
        ],
        "body": dedent(
            """
            ## Formation and Membership

            The network was announced in September 2019 at a gathering in Alder Falls attended by representatives of 17 founding organizations.[^launch] Its member list includes the [[Riverton Tenants Alliance]], [[Westmarch Service Workers Local 417]] and the [[Port Calloway Renters Union]], while the [[Center for Westmarch Housing Policy]] participates as a non-voting research partner.[^members] A seven-member steering committee elected by the member groups sets the network's priorities.[^members]

            One historian of housing politics in the state has described the network as an attempt to bring together tenant groups that had previously campaigned city by city, noting that its founding coincided with rising eviction filings in Riverton and Port Calloway.[^book]

            The [[Alder Falls Community Foundation]] reported a grant of $180,000 to support the network's staff in 2021.[^afcf-2021]

            ## Measure 5 Campaign

            In 2022 the network coordinated field work for Measure 5, a proposed statewide cap on annual rent increases. Member groups divided canvassing by region, while fundraising and advertising were handled by the separate committee [[Homes for Westmarch]].[^observer-m5] The measure failed statewide but passed in Riverton.[^observer-m5] In a statement after the election, the network said that it would pursue rent stabilization through city councils and the state legislature instead.[^statement]
            """
        ).strip(),
        "citations": {
            "about": ("network-about", ""),
            "launch": ("courier-network-launch", ""),
            "members": ("network-members", ""),
            "book": ("book-eviction-economy", "pp. 211-214"),
            "afcf-2021": ("afcf-grants-2021", '"Fiscally Sponsored Projects"'),
            "observer-m5": ("observer-measure5-results", ""),
            "statement": ("network-measure5-statement", ""),
        },
    },
    # =====================================================================================
    # Political committees
    # =====================================================================================
    {
        "name": "Homes for Westmarch",
        "slug": "homes-for-westmarch",
        "category": "political-committee",
        "location": "Riverton, Westmarch",
        "types": ["Ballot Measure Committee"],
        "aliases": ["Yes on 5"],
        "lead": dedent(
            """
            **Homes for Westmarch** is a ballot measure committee registered with the Westmarch Elections Commission in August 2021 to qualify and support Measure 5, a 2022 statewide initiative to limit annual rent increases.[^wec-org] Its chair is [[Tobias Renner]], president of [[Westmarch Service Workers Local 417]].[^wec-org]
            """
        ).strip(),
        "facts": [
            ("Formation", "2021", None),
            ("Chair", "[[Tobias Renner]]", None),
            ("Revenue", "$6,318,402[^wec-report]", "2022-12-31"),
            ("Expenses", "$6,104,955", "2022-12-31"),
            ("Most recent filing", "Post-general election report, 2022", None),
        ],
        "body": dedent(
            """
            ## Fundraising

            The committee reported raising about $6.3 million and spending about $6.1 million through the end of 2022.[^wec-report] Labor unions provided most of that amount. Its largest contributor was Local 417, which gave $600,000; other donors included regional unions representing teachers, nurses and building trades workers, as well as smaller tenant organizations such as the affiliated advocacy arm of the [[Riverton Tenants Alliance]].[^wec-sched-a][^lm2] Contributions arrived mainly in two periods: during the signature drive in late 2021 and early 2022, and in the two months before the election, when the committee bought most of its advertising.[^wec-sched-a]

            ## Campaign and Result

            Homes for Westmarch paid for signature gathering to place the measure on the ballot and for television and digital advertising during the fall campaign, while canvassing was coordinated by the [[Westmarch Housing Justice Network]].[^observer-spending] Its advertising featured tenants who had faced large rent increases after their buildings were sold, and it emphasized that the measure exempted buildings less than 15 years old in order to protect new construction. It was outspent by more than two to one by the opposing committee, [[Neighbors for Responsible Housing]], which raised about $14.2 million.[^observer-spending] Measure 5 received about 46 percent of the vote statewide but won a majority in Riverton.[^observer-m5]
            """
        ).strip(),
        "citations": {
            "wec-org": ("wec-hfw-statement", ""),
            "wec-report": ("wec-hfw-2022-post-general", "Summary page"),
            "wec-sched-a": ("wec-hfw-2022-post-general", "Schedule A"),
            "lm2": ("local417-lm2-2022", "Schedule 16"),
            "observer-spending": ("observer-measure5-spending", ""),
            "observer-m5": ("observer-measure5-results", ""),
        },
    },
    {
        "name": "Neighbors for Responsible Housing",
        "slug": "neighbors-for-responsible-housing",
        "category": "political-committee",
        "location": "Port Calloway, Westmarch",
        "types": ["Ballot Measure Committee"],
        "aliases": ["No on 5"],
        "lead": dedent(
            """
            **Neighbors for Responsible Housing** is a ballot measure committee formed in January 2022 to oppose Measure 5, a proposed statewide limit on annual rent increases.[^wec-org] Its largest contributors were the [[Westmarch Property Owners Council]] and [[Calloway Harbor Properties]].[^wec-report]
            """
        ).strip(),
        "facts": [
            ("Formation", "2022", None),
            ("Chair", "Evelyn Hartigan", None),
            ("Revenue", "$14,226,780[^wec-report]", "2022-12-31"),
            ("Most recent filing", "Post-general election report, 2022", None),
        ],
        "body": dedent(
            """
            ## Funding

            The committee reported raising about $14.2 million during the 2022 campaign, making the contest the most expensive ballot measure fight in the state's history.[^observer-spending] The Westmarch Property Owners Council contributed about $5.1 million and Calloway Harbor Properties about $2.4 million, with most of the remainder coming from other real estate firms and property management companies. More than 300 individual property owners also gave smaller amounts, which the committee cited as evidence of broad support among landlords.[^wec-report]

            ## Campaign

            The committee argued that rent caps would discourage new construction and leave owners without funds for maintenance, and its website described the measure as "a freeze on the housing Westmarch needs."[^website] The committee also argued that the measure's exemption for newer buildings would give owners an incentive to replace older housing rather than maintain it, a claim that supporters of the measure disputed. Its advertising featured small landlords and retirees who owned rental units, rather than large corporate owners.[^observer-spending] Supporters of the measure said that the committee's funding came overwhelmingly from large companies.[^observer-spending] Measure 5 was defeated statewide in November 2022.[^observer-m5]
            """
        ).strip(),
        "citations": {
            "wec-org": ("wec-nrh-statement", ""),
            "wec-report": ("wec-nrh-2022-post-general", "Schedule A"),
            "observer-spending": ("observer-measure5-spending", ""),
            "website": ("nrh-website", ""),
            "observer-m5": ("observer-measure5-results", ""),
        },
    },
    # =====================================================================================
    # For-profit
    # =====================================================================================
    {
        "name": "Calloway Harbor Properties",
        "slug": "calloway-harbor-properties",
        "category": "for-profit",
        "location": "Port Calloway, Westmarch",
        "types": ["Real Estate"],
        "aliases": ["CHP", "Calloway Harbor"],
        "lead": dedent(
            """
            **Calloway Harbor Properties** is a privately held real estate investment and property management company based in Port Calloway, Westmarch. The company says it owns or manages about 6,200 apartments across the state, most of them in mid-rise buildings constructed between the 1960s and the 1980s.[^about] It was co-founded by its chief executive, [[Gideon Farraday]].[^sos]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.callowayharbor.example", None),
            ("Formation", "1998", None),
            ("Founders", "[[Gideon Farraday]]; Marcus Albrecht-Oyelaran[^sos]", None),
            ("President", "[[Gideon Farraday]]", None),
        ],
        "body": dedent(
            """
            ## History

            The company was registered as a limited liability company in 1998 and initially bought small multifamily buildings in Port Calloway.[^sos] It expanded into Riverton during the following decade, buying older buildings in the Millrace and Eastside districts and renovating them in phases. In 2016 it bought Millrace Towers, a 412-unit complex in Riverton, for about $48 million, its largest acquisition to that point.[^purchase]

            ## Tenant Disputes

            In 2018 tenants at Millrace Towers, organized with the help of the [[Riverton Tenants Alliance]], withheld rent over complaints about heating failures and mold, and the company filed eviction cases against dozens of households. The company said at the time that it had already spent several million dollars on improvements and that the withheld rent delayed further work.[^ledger-millrace] The dispute ended in a settlement in September 2018 under which the company agreed to replace the building's boilers and to dismiss the eviction cases.[^wpr-settlement]

            ## Political Activity

            Calloway Harbor Properties is a member of the [[Westmarch Property Owners Council]], which Farraday chaired from 2021 to 2023.[^about] During the 2022 Measure 5 campaign the company contributed about $2.4 million to [[Neighbors for Responsible Housing]], the committee opposing the measure.[^wec-nrh][^observer-spending]
            """
        ).strip(),
        "citations": {
            "about": ("chp-about", ""),
            "sos": ("sos-chp-registration", ""),
            "purchase": ("times-millrace-purchase", ""),
            "ledger-millrace": ("ledger-millrace-strike", ""),
            "wpr-settlement": ("wpr-millrace-settlement", ""),
            "wec-nrh": ("wec-nrh-2022-post-general", "Schedule A"),
            "observer-spending": ("observer-measure5-spending", ""),
        },
    },
    # =====================================================================================
    # Government agency
    # =====================================================================================
    {
        "name": "Riverton Office of Housing Stability",
        "slug": "riverton-office-of-housing-stability",
        "category": "government-agency",
        "location": "Riverton, Westmarch",
        "types": ["Local Government"],
        "aliases": ["OHS", "Office of Housing Stability"],
        "lead": dedent(
            """
            The **Riverton Office of Housing Stability** is a department of the City of Riverton that administers the city's right-to-counsel program for tenants facing eviction and its registry of rental properties.[^ordinance] It has been directed since 2021 by [[Dolores Whitcombe]].[^ledger-whitcombe]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.riverton.example/housing-stability", None),
            ("Formation", "2020", None),
            ("Parent organization", "City of Riverton", None),
            ("Executive director", "[[Dolores Whitcombe]]", None),
            ("Budget", "$9,614,000[^budget]", "2024-06-30"),
        ],
        "body": dedent(
            """
            ## Establishment

            The office was created by Ordinance 2020-14, which the city council approved in March 2020 following a campaign by tenant groups including the [[Riverton Tenants Alliance]]; its sponsor was councilmember [[Anjali Desrosiers]].[^wpr-rtc] The [[Westmarch Property Owners Council]] opposed the measure, arguing in written testimony that it would lengthen eviction cases and raise costs for small landlords.[^wpoc-testimony]

            ## Programs

            Under the ordinance, the office contracts with non-profit legal providers to represent eligible tenants in eviction cases; the largest of these contractors is the [[Harlow Junction Legal Aid Society]].[^annual-report] Tenants are eligible if their household income is below 200 percent of the federal poverty guideline, and the program was extended from an initial group of three districts to the whole city in 2023.[^ordinance] According to the office's 2023 annual report, contracted attorneys represented about 3,900 households that year, and 62 percent of represented tenants whose cases were closed remained in their homes.[^annual-report] The report uses eviction filing data compiled by the [[Center for Westmarch Housing Policy]] as a baseline for the years before the program began.[^cwhp-report]

            The city's adopted budget for fiscal year 2024 allocates about $9.6 million to the office, most of it for legal services contracts.[^budget]
            """
        ).strip(),
        "citations": {
            "ordinance": ("riverton-ord-2020-14", "Sec. 2"),
            "ledger-whitcombe": ("ledger-whitcombe-appointed", ""),
            "wpr-rtc": ("wpr-right-to-counsel", ""),
            "wpoc-testimony": ("wpoc-testimony-2020", "pp. 2-3"),
            "annual-report": ("ohs-rtc-report-2023", ""),
            "cwhp-report": ("cwhp-pushed-out-2021", "pp. 8-12"),
            "budget": ("riverton-ohs-budget-fy2024", "p. 3"),
        },
    },
    # =====================================================================================
    # Political party
    # =====================================================================================
    {
        "name": "Westmarch Civic Party",
        "slug": "westmarch-civic-party",
        "category": "political-party",
        "location": "Riverton, Westmarch",
        "types": ["Political Party"],
        "aliases": ["Civic Party", "WCP"],
        "lead": dedent(
            """
            The **Westmarch Civic Party** is a minor political party in Westmarch that frequently cross-endorses candidates nominated by larger parties, a practice permitted under state election law.[^platform] It has held a line on the state ballot since 2014.[^ballot-line]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.westmarchcivic.example", None),
            ("Formation", "2013", None),
            ("Chair", "Mireille Szabo[^platform]", None),
            ("Ideological alignment", "Progressive", None),
            ("Issue areas", "Housing; public financing of elections; labor standards", None),
        ],
        "body": dedent(
            """
            ## History

            The party was founded in 2013 by a group of community organizers and small-business owners, who said they wanted to give voters a way to back candidates of the larger parties while signaling support for a specific set of policies. It qualified for a permanent ballot line after its candidate for governor received just over 3 percent of the vote in 2014, above the state's threshold.[^ballot-line] In most elections since then it has cross-endorsed candidates of larger parties and has run its own nominees only for a few local offices.[^platform]

            ## Positions and Endorsements

            The party's 2022 platform calls for limits on annual rent increases, public financing of state legislative campaigns, a higher state minimum wage and a state trust fund for affordable housing.[^platform] It endorsed Measure 5, the unsuccessful 2022 rent stabilization initiative.[^observer-m5]

            In Riverton the party endorsed [[Anjali Desrosiers]] in her first campaign for the city council in 2019, alongside [[Westmarch Service Workers Local 417]].[^ledger-desrosiers] It endorsed her again in 2023, when she won a second term, and described the result on social media as a vote "for tenants and for working families."[^reelection][^social]
            """
        ).strip(),
        "citations": {
            "platform": ("wcp-platform", ""),
            "ballot-line": ("observer-civic-ballot-line", ""),
            "observer-m5": ("observer-measure5-results", ""),
            "ledger-desrosiers": ("ledger-desrosiers-endorsements", ""),
            "reelection": ("observer-desrosiers-reelection", ""),
            "social": ("wcp-townsquare-2023", ""),
        },
    },
    # =====================================================================================
    # Foundation
    # =====================================================================================
    {
        "name": "Alder Falls Community Foundation",
        "slug": "alder-falls-community-foundation",
        "ein": "00-2211952",
        "category": "non-profit",
        "location": "Alder Falls, Westmarch",
        "types": ["Grantmaking Foundation"],
        "aliases": ["AFCF"],
        "lead": dedent(
            """
            The **Alder Falls Community Foundation** (AFCF) is a community foundation in Alder Falls, Westmarch, that manages charitable funds established by local donors and makes grants across the state.[^courier] It reported total assets of about $311 million at the end of 2022.[^f990]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.alderfallsfoundation.example", None),
            ("Formation", "1952", None),
            ("President", "Harold Brandvold-Iyer", None),
            ("Assets", "$311,480,000[^f990]", "2022-12-31"),
            ("Revenue", "$27,905,000", "2022-12-31"),
        ],
        "body": dedent(
            """
            ## History

            The foundation was established in 1952 with a bequest from the owners of a textile mill that was then the largest employer in Alder Falls.[^courier] The mill closed in 1979, and the endowment grew over the following decades mainly through bequests from local families and the creation of donor-advised funds. For most of its history it made grants mainly to schools, hospitals and arts organizations in the Alder Falls area, and it began funding statewide programs in the 2000s.[^courier]

            ## Grantmaking

            The foundation's 2021 grants list includes a program area titled "Housing and Neighborhoods," under which it funded tenant organizing, legal services and research; the list notes that grants may not be used for electoral activity.[^grants-2021] Recipients that year included the [[Riverton Tenants Alliance]], which received a two-year grant of $250,000, and the [[Center for Westmarch Housing Policy]].[^grants-2021]

            The foundation also acts as fiscal sponsor of the [[Westmarch Housing Justice Network]], receiving and administering funds on the network's behalf.[^launch] The foundation's president, Harold Brandvold-Iyer, was listed on its 2022 filing with total compensation of about $412,000.[^f990-p7]
            """
        ).strip(),
        "citations": {
            "courier": ("courier-afcf-anniversary", ""),
            "f990": ("afcf-form990-2022", "Part I, p. 1"),
            "f990-p7": ("afcf-form990-2022", "Part VII, p. 8"),
            "grants-2021": ("afcf-grants-2021", '"Housing and Neighborhoods"'),
            "launch": ("courier-network-launch", ""),
        },
    },
    # =====================================================================================
    # Trade association
    # =====================================================================================
    {
        "name": "Westmarch Property Owners Council",
        "slug": "westmarch-property-owners-council",
        "category": "organization",
        "location": "Port Calloway, Westmarch",
        "types": ["Trade Association", "Real Estate"],
        "aliases": ["WPOC", "Property Owners Council"],
        "lead": dedent(
            """
            The **Westmarch Property Owners Council** (WPOC) is a trade association of owners and managers of rental housing in Westmarch. It says its roughly 1,100 members own or manage about 90,000 rental units.[^about]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.wpoc.example", None),
            ("Formation", "1964", None),
            ("Chair", "[[Gideon Farraday]] (2021-2023)[^about]", None),
            ("Issue areas", "Landlord-tenant law; property taxes; housing construction", None),
        ],
        "body": dedent(
            """
            ## Advocacy

            The council lobbies on landlord-tenant law, property taxes and building codes at the state and municipal levels. It also offers members training on state landlord-tenant law, model lease forms and a legal referral service.[^about] One account of the state's housing politics describes it as the most consistent organized opponent of rent regulation in Westmarch since the 1970s.[^book]

            In 2019 the council criticized the [[Riverton Tenants Alliance]], saying that its organizers encouraged tenants to withhold rent before using the repair procedures available under state law.[^times-landlord] In 2020 it opposed Riverton's right-to-counsel ordinance, arguing in written testimony that publicly funded representation would lengthen eviction cases and raise costs for small landlords.[^testimony]

            ## Measure 5

            The council was the largest contributor to [[Neighbors for Responsible Housing]], the committee opposing the 2022 Measure 5 rent stabilization initiative, giving about $5.1 million.[^wec-nrh] [[Calloway Harbor Properties]], whose chief executive chaired the council at the time, gave a further $2.4 million directly to the same committee.[^wec-nrh] During the campaign the council argued that the measure would reduce the value of older rental buildings and discourage owners from making long-term repairs.[^observer-spending]
            """
        ).strip(),
        "citations": {
            "about": ("wpoc-about", ""),
            "book": ("book-eviction-economy", "pp. 87-90"),
            "times-landlord": ("times-landlord-criticism", ""),
            "testimony": ("wpoc-testimony-2020", "p. 1"),
            "wec-nrh": ("wec-nrh-2022-post-general", "Schedule A"),
            "observer-spending": ("observer-measure5-spending", ""),
        },
    },
    # =====================================================================================
    # Research non-profit
    # =====================================================================================
    {
        "name": "Center for Westmarch Housing Policy",
        "slug": "center-for-westmarch-housing-policy",
        "ein": "00-3390512",
        "category": "non-profit",
        "location": "Riverton, Westmarch",
        "types": ["Policy Research", "Housing Advocacy"],
        "aliases": ["CWHP"],
        "lead": dedent(
            """
            The **Center for Westmarch Housing Policy** (CWHP) is a non-profit research organization in Riverton that publishes studies of rents, evictions and housing construction in Westmarch.[^about] It is led by executive director Lucia Ferreira-Banks.[^f990-p7]
            """
        ).strip(),
        "facts": [
            ("Website", "https://www.cwhp.example", None),
            ("Formation", "2012", None),
            ("Executive director", "Lucia Ferreira-Banks", None),
            ("Revenue", "$1,912,400[^f990]", "2022-12-31"),
        ],
        "body": dedent(
            """
            ## Research

            The center's best-known publication, the 2021 report *Pushed Out*, analyzed eviction filings in Riverton between 2015 and 2020. It found that filings were concentrated in a small number of neighborhoods and that a relatively small group of large landlords accounted for a disproportionate share of cases.[^report] The report also found that fewer than one in ten tenants in eviction cases had a lawyer during the period studied, and it recommended that the city guarantee legal representation in eviction cases and publish data on case outcomes.[^report-p14] The center's other publications include an annual index of median rents in the state's ten largest cities and studies of construction permitting.[^about] The city's [[Riverton Office of Housing Stability]] later used the center's data as a baseline for evaluating its right-to-counsel program.

            ## Funding and Affiliations

            The center reported revenue of about $1.9 million in 2022, almost all of it from foundation grants and contracts.[^f990] Its funders have included the [[Alder Falls Community Foundation]].[^afcf-2021] The center is a non-voting research partner of the [[Westmarch Housing Justice Network]], which it joined when the network was launched in 2019.[^members][^launch]
            """
        ).strip(),
        "citations": {
            "about": ("cwhp-about", ""),
            "f990": ("cwhp-form990-2022", "Part I, p. 1"),
            "f990-p7": ("cwhp-form990-2022", "Part VII, p. 7"),
            "report": ("cwhp-pushed-out-2021", "pp. 4-6"),
            "report-p14": ("cwhp-pushed-out-2021", "p. 14"),
            "afcf-2021": ("afcf-grants-2021", '"Housing and Neighborhoods"'),
            "members": ("network-members", ""),
            "launch": ("courier-network-launch", ""),
        },
    },
    # =====================================================================================
    # People
    # =====================================================================================
    {
        "name": "Dolores Whitcombe",
        "slug": "dolores-whitcombe",
        "category": "person",
        "location": "Riverton, Westmarch",
        "types": ["Housing Advocacy", "Local Government"],
        "aliases": [],
        "lead": dedent(
            """
            **Dolores Whitcombe** is a Westmarch government official and former tenant organizer who has served since 2021 as the first director of the [[Riverton Office of Housing Stability]].[^ledger-appointed] She co-founded the [[Riverton Tenants Alliance]] and was its executive director until her appointment.[^ledger-appointed]
            """
        ).strip(),
        "facts": [
            ("Occupation", "Government official; former tenant organizer[^ledger-appointed]", None),
            ("Issue areas", "Eviction prevention; tenant organizing", None),
        ],
        "body": dedent(
            """
            ## Tenant Organizing

            Whitcombe worked for many years as a school bus dispatcher and lived in Riverton's Eastside neighborhood, where she helped organize the first meetings of what became the Riverton Tenants Alliance in 2009.[^ledger-founding] When the group incorporated in 2010, she was listed as one of its three incorporators and as its registered agent.[^sos] She later became the alliance's first paid executive director.[^ledger-appointed]

            ## Office of Housing Stability

            Riverton's mayor appointed Whitcombe in April 2021 to lead the Office of Housing Stability, which had been created the previous year to run the city's right-to-counsel program. The [[Westmarch Property Owners Council]] questioned whether a former tenant organizer could administer the office impartially.[^ledger-appointed] In a 2022 interview, Whitcombe said that the program's purpose was "to make sure both sides of an eviction case have someone who knows the law," and that the office did not take sides in individual disputes.[^wpr-interview]

            Under her leadership, the office reported that contracted attorneys represented about 3,900 households in 2023.[^ohs-report] Its budget for fiscal year 2024 was set at about $9.6 million.[^ohs-budget]
            """
        ).strip(),
        "citations": {
            "ledger-appointed": ("ledger-whitcombe-appointed", ""),
            "ledger-founding": ("ledger-rta-founding", ""),
            "sos": ("sos-rta-registration", "Articles of Incorporation"),
            "wpr-interview": ("wpr-whitcombe-interview", ""),
            "ohs-report": ("ohs-rtc-report-2023", "p. 2"),
            "ohs-budget": ("riverton-ohs-budget-fy2024", "p. 3"),
        },
    },
    {
        "name": "Tobias Renner",
        "slug": "tobias-renner",
        "category": "person",
        "location": "Riverton, Westmarch",
        "types": ["Labor Organizing"],
        "aliases": ["Toby Renner"],
        "lead": dedent(
            """
            **Tobias Renner** is a Westmarch labor leader who has been president of [[Westmarch Service Workers Local 417]] since 2015.[^ledger-renner] He is also the chair of [[Homes for Westmarch]], the committee that supported the 2022 Measure 5 rent stabilization initiative.[^wec-org]
            """
        ).strip(),
        "facts": [
            ("Occupation", "Labor union president", None),
            ("Issue areas", "Labor organizing; home care; housing", None),
        ],
        "body": dedent(
            """
            ## Career

            Renner began working as a janitor at a Riverton hospital in the 1990s and became a union steward there after a dispute over mandatory overtime, before joining Local 417's staff as an organizer.[^ledger-renner] The union's website says he has served on its executive board since 2008.[^local417] In 2009, as a staff organizer, he helped residents of Riverton's Eastside neighborhood found the [[Riverton Tenants Alliance]], and he was quoted describing the new group as a union for renters.[^ledger-rta]

            He was elected president of Local 417 in 2015, defeating the incumbent.[^ledger-renner] In 2017 he led the union's negotiations for the first statewide contract covering home care aides.[^homecare] The union's annual report for fiscal year 2022 lists his gross salary as about $148,000.[^lm2]

            ## Political Activity

            Under Renner, Local 417 endorsed [[Anjali Desrosiers]] for the Riverton City Council in 2019.[^ledger-desrosiers] In 2021 he became chair of Homes for Westmarch, which was registered to place Measure 5 on the ballot and was funded mainly by labor unions.[^wec-org]
            """
        ).strip(),
        "citations": {
            "ledger-renner": ("ledger-renner-elected", ""),
            "wec-org": ("wec-hfw-statement", ""),
            "local417": ("local417-about", '"Leadership"'),
            "ledger-rta": ("ledger-rta-founding", ""),
            "homecare": ("times-homecare-contract", ""),
            "lm2": ("local417-lm2-2022", "Schedule 11"),
            "ledger-desrosiers": ("ledger-desrosiers-endorsements", ""),
        },
    },
    {
        "name": "Anjali Desrosiers",
        "slug": "anjali-desrosiers",
        "category": "person",
        "location": "Riverton, Westmarch",
        "types": ["Local Government"],
        "aliases": [],
        "lead": dedent(
            """
            **Anjali Desrosiers** is a member of the Riverton City Council, representing Ward 3 since January 2020.[^council] She was the lead sponsor of the city's 2020 right-to-counsel ordinance for tenants facing eviction.[^wpr-rtc]
            """
        ).strip(),
        "facts": [
            ("Occupation", "City councilmember; former teacher[^council]", None),
            ("Issue areas", "Housing; public schools; transit", None),
        ],
        "body": dedent(
            """
            ## Background

            Before entering politics, Desrosiers, who grew up in Port Calloway and moved to Riverton for college, taught middle school social studies in Riverton's public schools and later worked as a paralegal at a legal aid office, where she assisted tenants in housing court.[^council] In her first campaign in 2019 she was endorsed by the [[Westmarch Civic Party]] and [[Westmarch Service Workers Local 417]].[^ledger-desrosiers]

            ## Council Tenure

            Desrosiers introduced Ordinance 2020-14, which guarantees legal representation to low-income tenants facing eviction and created the [[Riverton Office of Housing Stability]].[^ordinance] The council approved the ordinance by a vote of 7 to 2 in March 2020, after hearings at which members of the [[Riverton Tenants Alliance]] testified in support.[^wpr-rtc] Since 2022 she has chaired the council's Committee on Housing and Neighborhoods, which reviews legislation on zoning, code enforcement and tenant protections.[^council]

            She endorsed Measure 5, the 2022 statewide rent stabilization initiative, which passed in Riverton but failed statewide.[^observer-m5] She was reelected in 2023 with about 61 percent of the vote in Ward 3.[^reelection]
            """
        ).strip(),
        "citations": {
            "council": ("riverton-council-ward3", ""),
            "wpr-rtc": ("wpr-right-to-counsel", ""),
            "ledger-desrosiers": ("ledger-desrosiers-endorsements", ""),
            "ordinance": ("riverton-ord-2020-14", "sponsor line"),
            "observer-m5": ("observer-measure5-results", ""),
            "reelection": ("observer-desrosiers-reelection", ""),
        },
    },
    {
        "name": "Gideon Farraday",
        "slug": "gideon-farraday",
        "category": "person",
        "location": "Port Calloway, Westmarch",
        "types": ["Real Estate"],
        "aliases": [],
        "lead": dedent(
            """
            **Gideon Farraday** is a real estate executive who co-founded [[Calloway Harbor Properties]] and serves as its chief executive.[^chp] He chaired the [[Westmarch Property Owners Council]] from 2021 to 2023.[^wpoc]
            """
        ).strip(),
        "facts": [
            ("Occupation", "Real estate executive[^chp]", None),
            ("Issue areas", "Housing construction; landlord-tenant law", None),
        ],
        "body": dedent(
            """
            ## Career

            Farraday grew up in Easton Bay and worked for a commercial bank before buying his first rental property, a duplex in Port Calloway, in the early 1990s.[^profile] He has described his approach as buying older buildings that other investors considered too costly to repair, renovating them in phases and holding them for the long term.[^profile] He co-founded Calloway Harbor Properties in 1998, and by 2019 the company owned or managed several thousand apartments.[^profile] Its largest purchase, the $48 million acquisition of Millrace Towers in Riverton, was completed in 2016.[^purchase]

            ## Public Role

            During the 2018 rent strike at Millrace Towers, Farraday's company filed eviction cases against participating tenants before reaching a settlement with the tenant association. Farraday said afterward that the company was "pleased to have resolved the matter."[^wpr-settlement]

            As chair of the property owners' council, he was a prominent opponent of Measure 5, the 2022 rent stabilization initiative, which he argued would reduce investment in older buildings.[^observer-spending] He has also criticized tenant organizing groups, describing some of their protests as unfair to individual owners.[^times-landlord]
            """
        ).strip(),
        "citations": {
            "chp": ("chp-about", '"Leadership"'),
            "wpoc": ("wpoc-about", '"Past Chairs"'),
            "profile": ("times-farraday-profile", ""),
            "purchase": ("times-millrace-purchase", ""),
            "wpr-settlement": ("wpr-millrace-settlement", ""),
            "observer-spending": ("observer-measure5-spending", ""),
            "times-landlord": ("times-landlord-criticism", ""),
        },
    },
    {
        "name": "Rafael Okonjo-Lind",
        "slug": "rafael-okonjo-lind",
        "category": "person",
        "location": "Riverton, Westmarch",
        "types": ["Housing Advocacy"],
        "aliases": [],
        "lead": dedent(
            """
            **Rafael Okonjo-Lind** is a tenant organizer who has been executive director of the [[Riverton Tenants Alliance]] since 2021.[^ledger-named] He first became known as a leader of the 2018 rent strike at Millrace Towers in Riverton.[^wpr-settlement]
            """
        ).strip(),
        "facts": [
            ("Occupation", "Non-profit executive; tenant organizer[^ledger-named]", None),
            ("Issue areas", "Tenant organizing; rent regulation", None),
        ],
        "body": dedent(
            """
            ## Millrace Towers

            Okonjo-Lind, a former warehouse supervisor, had lived at Millrace Towers since 2012 and was still a resident of the building, a complex owned by [[Calloway Harbor Properties]], when tenants there began withholding rent in February 2018 over repair complaints.[^ledger-millrace] He chaired the tenant association's negotiating committee, which reached a settlement with the company in September 2018.[^wpr-settlement]

            ## Riverton Tenants Alliance

            He joined the alliance's staff as an organizer after the settlement and was named executive director in June 2021, succeeding [[Dolores Whitcombe]], who had left to lead the city's new housing stability office.[^ledger-named] The alliance's 2022 filing lists his compensation as $78,400.[^f990] The same filing shows that the alliance's staff grew to 14 employees and that it opened a second office in the Millrace district in 2022.[^f990]

            During the 2022 Measure 5 campaign he led the alliance's canvassing effort in Riverton, and he publicized the group's door-knocking totals on social media in the final weeks of the campaign.[^social] After the measure's defeat he said that the alliance would press the Riverton City Council to adopt local protections.[^observer-m5]
            """
        ).strip(),
        "citations": {
            "ledger-named": ("ledger-okonjo-lind-named", ""),
            "observer-m5": ("observer-measure5-results", "final paragraphs"),
            "wpr-settlement": ("wpr-millrace-settlement", ""),
            "ledger-millrace": ("ledger-millrace-strike", ""),
            "f990": ("rta-form990-2022", "Part VII, p. 7"),
            "social": ("rta-townsquare-2022", ""),
        },
    },
]

# Connections between the demo profiles: (subject slug, type, object slug, role, start, end,
# amount, [(source key, pinpoint)]). Every one is cited, as the text around it is.
RELATIONSHIPS = [
    ("alder-falls-community-foundation", "funded", "riverton-tenants-alliance",
     "Tenant leadership development (two years)", "2021", "", "250000",
     [("afcf-grants-2021", "Grants awarded, 2021")]),
    ("alder-falls-community-foundation", "funded", "riverton-tenants-alliance",
     "Tenant hotline", "2021", "", "40000", [("afcf-grants-2021", "Grants awarded, 2021")]),
    ("alder-falls-community-foundation", "funded", "westmarch-housing-justice-network",
     "Network staff", "2021", "", "180000",
     [("afcf-grants-2021", '"Fiscally Sponsored Projects"')]),
    ("alder-falls-community-foundation", "funded", "center-for-westmarch-housing-policy",
     "", "2021", "", None, [("afcf-grants-2021", "Grants awarded, 2021")]),
    ("westmarch-housing-justice-network", "project-of", "alder-falls-community-foundation",
     "Fiscally sponsored project", "2019", "", None, [("network-about", "")]),
    ("westmarch-service-workers-local-417", "funded", "homes-for-westmarch",
     "Contribution to the Measure 5 campaign", "2022", "", "600000",
     [("wec-hfw-2022-post-general", "Schedule A")]),
    ("riverton-tenants-alliance", "member-of", "westmarch-housing-justice-network",
     "Founding member", "2019", "", None, [("network-members", "")]),
    ("westmarch-service-workers-local-417", "member-of", "westmarch-housing-justice-network",
     "Founding member", "2019", "", None, [("network-members", "")]),
    ("center-for-westmarch-housing-policy", "member-of", "westmarch-housing-justice-network",
     "Non-voting research partner", "", "", None, [("network-members", "")]),
    ("riverton-tenants-alliance", "co-signed", "westmarch-service-workers-local-417",
     "Statement on Measure 5", "2022-11", "", None, [("network-measure5-statement", "")]),
    ("tobias-renner", "officer", "westmarch-service-workers-local-417",
     "President", "2015", "", "148000", [("local417-lm2-2022", "Schedule 11")]),
    ("tobias-renner", "officer", "homes-for-westmarch",
     "Chair", "2021", "", None, [("wec-hfw-statement", "")]),
    ("dolores-whitcombe", "founder-of", "riverton-tenants-alliance",
     "Co-founder", "2009", "", None, [("ledger-whitcombe-appointed", "")]),
    ("dolores-whitcombe", "employee", "riverton-tenants-alliance",
     "Executive director", "", "2021", None, [("ledger-whitcombe-appointed", "")]),
    ("dolores-whitcombe", "employee", "riverton-office-of-housing-stability",
     "Director", "2021", "", None, [("ledger-whitcombe-appointed", "")]),
    ("rafael-okonjo-lind", "officer", "riverton-tenants-alliance",
     "Executive director", "2021-06", "", "78400",
     [("ledger-okonjo-lind-named", ""), ("rta-form990-2022", "Part VII")]),
    ("gideon-farraday", "officer", "calloway-harbor-properties",
     "Chief executive", "", "", None, [("chp-about", "")]),
    ("gideon-farraday", "board-member", "westmarch-property-owners-council",
     "Chair", "2021", "2023", None, [("wpoc-about", "")]),
    ("anjali-desrosiers", "connected", "westmarch-civic-party",
     "Endorsed in the Ward 3 race", "2019", "", None,
     [("ledger-desrosiers-endorsements", "")]),
]  # fmt: skip
