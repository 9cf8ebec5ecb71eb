"""import_filings: IRS e-file returns of both schema families and the three forms become
filing sources and yearly finances; bad files are refused one by one, naming the file."""

import zipfile
from decimal import Decimal

import pytest
from reversion.models import Version

from editorial.models import Suggestion
from profiles.models import Filing, Source
from tests.profiles.filings import BAD, GOOD, make_filers, run_import

pytestmark = pytest.mark.django_db

EXPECTED = {
    # object id: form, year, revenue, expenses, assets, liabilities, net assets
    "201110001": ("990", 2011, 410000, 395500, 1220000, 80300, 1139700),
    "201910002": ("990", 2019, 612400, 598250, 1804000, 120750, 1683250),
    "201210003": ("990EZ", 2012, 84200, 79900, 31000, 2500, 28500),
    "202010004": ("990EZ", 2020, 151300, 149800, 47600, 5100, 42500),
    "201210005": ("990PF", 2012, 2210000, 1905000, 30400000, 410000, 29990000),
    "202110006": ("990PF", 2021, 3105000, 2480000, 36750000, 392000, 36358000),
}


@pytest.fixture
def filers():
    return make_filers()


def stored_figures():
    return {
        f.object_id: (
            f.form,
            f.tax_year,
            *(int(getattr(f, n)) for n in ("revenue", "expenses", "assets", "liabilities")),
            int(f.net_assets),
        )
        for f in Filing.objects.all()
    }


@pytest.mark.parametrize(
    ("object_id", "family"),
    [
        ("201110001", "990, 2009–2012 names"),
        ("201910002", "990, 2013+ names"),
        ("201210003", "990-EZ, 2009–2012 names"),
        ("202010004", "990-EZ, 2013+ names"),
        ("201210005", "990-PF, 2009–2012 names"),
        ("202110006", "990-PF, 2013+ names"),
    ],
)
def test_each_schema_family_and_form_imports_with_the_right_figures(filers, object_id, family):
    output, failed = run_import(GOOD / f"{object_id}_public.xml")
    assert not failed, output
    assert stored_figures() == {object_id: EXPECTED[object_id]}, family


def test_a_folder_imports_every_return_as_a_filing_source_cited_by_its_profile(filers):
    output, failed = run_import(GOOD)
    assert not failed, output
    assert stored_figures() == EXPECTED
    filing = Filing.objects.get(object_id="201910002")
    assert filing.profile == filers["alder"]
    source = filing.source
    assert source.kind == Source.Kind.FILING
    assert source.title == "Form 990 for tax year 2019"
    assert source.publication == "Internal Revenue Service"
    assert source.url == (
        "https://projects.propublica.org/nonprofits/organizations/123456789/201910002/full"
    )
    alder = filers["alder"]
    alder.refresh_from_db()
    cited = {reference["source_id"] for reference in alder.references}
    assert {f.source_id for f in alder.filings.all()} <= cited
    assert "6 returns stored" in output


def test_a_profile_gets_one_revision_for_its_new_returns(filers):
    before = Version.objects.get_for_object(filers["alder"]).count()
    run_import(GOOD, user="")
    versions = Version.objects.get_for_object(filers["alder"])
    assert versions.count() == before + 1
    assert "Imported 2 IRS filings (tax years 2011, 2019)" in versions.first().revision.comment


def test_a_second_import_of_the_same_files_changes_nothing(filers):
    run_import(GOOD)
    counts = (
        Filing.objects.count(),
        Source.objects.count(),
        Suggestion.objects.count(),
        Version.objects.count(),
    )
    output, failed = run_import(GOOD)
    assert not failed
    assert "0 returns stored, 6 already stored" in output
    assert counts == (
        Filing.objects.count(),
        Source.objects.count(),
        Suggestion.objects.count(),
        Version.objects.count(),
    )


def test_a_zip_archive_is_read_member_by_member(filers, tmp_path):
    archive = tmp_path / "download_2019.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in GOOD.glob("*.xml"):
            zipped.write(path, f"2019/{path.name}")
    output, failed = run_import(archive)
    assert not failed, output
    assert stored_figures() == EXPECTED


def test_a_dry_run_stores_nothing(filers):
    output, failed = run_import(GOOD, dry_run=True)
    assert not failed
    assert "Dry run" in output and "6 returns would be stored" in output
    assert not Filing.objects.exists() and not Suggestion.objects.exists()


def test_a_return_whose_ein_matches_no_profile_is_reported_and_stores_nothing(filers):
    sources = Source.objects.count()
    output, failed = run_import(BAD / "201810099_public.xml")
    assert "201810099_public.xml: no profile has the EIN 45-6789012" in output
    assert "Unlisted Mutual Aid Society" in output
    assert not Filing.objects.exists()
    assert Source.objects.count() == sources
    assert not failed


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("malformed_public.xml", "is not well-formed XML"),
        ("not_a_return.xml", "is not an IRS e-file return: its root element is <rss>"),
        ("no_ein_public.xml", "the return's header has no EIN"),
        ("bad_amount_public.xml", "the amount in <CYTotalRevenueAmt> is “12,5OO”, which is not"),
    ],
)
def test_a_bad_file_gets_one_clear_message_naming_it_and_stores_nothing(filers, name, words):
    sources = Source.objects.count()
    output, failed = run_import(BAD / name, GOOD / "201110001_public.xml")
    assert failed
    problem = [line for line in output.splitlines() if name in line]
    assert len(problem) == 1, output
    assert words in problem[0] and "nothing of it was stored" in problem[0]
    # The good file beside it is imported; nothing of the bad one is.
    assert set(stored_figures()) == {"201110001"}
    assert Source.objects.count() == sources + 1


def test_an_entity_in_a_file_is_never_expanded(filers, tmp_path):
    hostile = tmp_path / "201900077_public.xml"
    hostile.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<Return xmlns="http://www.irs.gov/efile" returnVersion="2019v5.1"><ReturnHeader>'
        "<TaxYr>2019</TaxYr><ReturnTypeCd>990</ReturnTypeCd><Filer><EIN>123456789</EIN>"
        "<BusinessName><BusinessNameLine1Txt>&x;</BusinessNameLine1Txt></BusinessName></Filer>"
        "</ReturnHeader><ReturnData><IRS990><CYTotalRevenueAmt>1</CYTotalRevenueAmt></IRS990>"
        "</ReturnData></Return>"
    )
    run_import(hostile)
    assert "root:" not in Source.objects.get(kind="filing").notes
    assert Filing.objects.get().revenue == Decimal(1)


def test_an_unknown_user_stops_the_import_before_anything_is_read(filers):
    output, failed = run_import(GOOD, user="nobody-here")
    assert failed and not Filing.objects.exists()
