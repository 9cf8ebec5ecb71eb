"""The Finances section: a table by year with every figure cited to its filing, a chart, the
latest revenue in the infobox, in the API and the export; queries constant in the years."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from bench.generate_returns import return_xml
from tests.factories import make_profile
from tests.html import parse, text_of
from tests.profiles.filings import run_import

pytestmark = pytest.mark.django_db

# The profile page as the detail tests pin it, one more for the filings.
PROFILE_PAGE_QUERIES = 10


def import_years(tmp_path, profile, years):
    for number, year in enumerate(years, start=1):
        revenue = 100000 * number
        (tmp_path / f"20{year % 100:02d}0000{number:02d}_public.xml").write_text(
            return_xml(
                family="2013+" if year >= 2013 else "2009-2012",
                ein=profile.ein,
                name=profile.name,
                year=year,
                figures={
                    "revenue": revenue,
                    "expenses": revenue - 5000,
                    "assets": 3 * revenue,
                    "liabilities": 12000 + number,
                    "net_assets": 3 * revenue - 12000 - number,
                },
            )
        )
    output, failed = run_import(tmp_path)
    assert not failed, output


@pytest.fixture
def fund():
    return make_profile("Alder Falls Civic Fund", ein="12-3456789", facts=[("Revenue", "$1")])


def test_five_years_show_a_table_with_every_figure_cited_a_chart_and_the_latest_revenue(
    client, fund, tmp_path
):
    import_years(tmp_path, fund, [2012, 2019, 2020, 2021, 2022])
    page = parse(client.get(fund.get_absolute_url()))
    rows = page.select(".finance-table tbody tr")
    assert [text_of(r.select_one("th")).split()[0] for r in rows] == [
        "2012",
        "2019",
        "2020",
        "2021",
        "2022",
    ]
    assert "$500,000" in text_of(rows[-1])
    references = {li["id"]: text_of(li) for li in page.select(".reference-list > li")}
    for row in rows:
        cells = row.select("td")
        assert len(cells) == 4
        numbers = {cell.select_one("sup.reference a")["href"] for cell in cells}
        assert len(numbers) == 1  # the four figures cite the same filing
        entry = references[numbers.pop().lstrip("#")]
        assert "Form 990 for tax year " + text_of(row.select_one("th")).split()[0] in entry
        assert "Internal Revenue Service" in entry
    assert page.select_one("svg.finance-chart title").string == "Revenue and expenses by tax year"
    infobox = text_of(page.select_one("#infobox"))
    assert "Revenue $500,000" in infobox and "(as of December 31, 2022)" in infobox
    assert "$1 " not in infobox + " "  # the hand-typed row gives way to the filing


def test_the_chart_tells_revenue_and_expenses_apart_without_colour(client, fund, tmp_path):
    import_years(tmp_path, fund, [2020, 2021])
    svg = parse(client.get(fund.get_absolute_url())).select_one("svg.finance-chart")
    assert len(svg.select("circle.chart-revenue")) == 2 + 1  # two years and the legend
    assert len(svg.select("rect.chart-expenses")) == 2 + 1
    assert svg.select_one("polyline.chart-expenses")["stroke-dasharray"]
    assert not svg.select_one("polyline.chart-revenue").get("stroke-dasharray")


@pytest.mark.parametrize("years", [[2022], [2018, 2019, 2020, 2021, 2022]])
def test_the_profile_page_queries_are_constant_in_the_number_of_years(
    client, fund, tmp_path, django_assert_num_queries, years
):
    import_years(tmp_path, fund, years)
    with django_assert_num_queries(PROFILE_PAGE_QUERIES):
        response = client.get(fund.get_absolute_url())
    assert len(parse(response).select(".finance-table tbody tr")) == len(years)


def test_the_api_and_the_export_carry_the_filings(client, fund, tmp_path):
    import_years(tmp_path, fund, [2021, 2022])
    data = client.get(reverse("api:profile", args=[fund.slug])).json()
    assert [(f["tax_year"], f["form"], f["revenue"]) for f in data["filings"]] == [
        (2021, "990", "100000"),
        (2022, "990", "200000"),
    ]
    out = StringIO()
    call_command("export_profiles", stdout=out)
    exported = json.loads(out.getvalue())
    profile = next(p for p in exported["profiles"] if p["slug"] == fund.slug)
    assert [f["revenue"] for f in profile["filings"]] == [100000, 200000]
    source_ids = {s["id"] for s in exported["sources"]}
    assert {f["source"] for f in profile["filings"]} <= source_ids


def test_a_profile_without_filings_has_no_finances_section(client, fund):
    page = parse(client.get(fund.get_absolute_url()))
    assert page.select_one("#finances") is None
    assert "$1" in text_of(page.select_one("#infobox"))


def test_a_permanent_link_shows_the_filings_stored_before_its_revision(client, fund, tmp_path):
    from profiles.revisions import latest_revision

    before = latest_revision(fund)
    import_years(tmp_path, fund, [2021])
    after = latest_revision(fund)
    old = parse(client.get(reverse("profiles:revision", args=[fund.slug, before.pk])))
    assert old.select_one(".finance-table") is None
    new = parse(client.get(reverse("profiles:revision", args=[fund.slug, after.pk])))
    assert len(new.select(".finance-table tbody tr")) == 1
    entries = text_of(new.select_one(".reference-list"))
    assert "Form 990 for tax year 2021" in entries
