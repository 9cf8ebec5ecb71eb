from datetime import date

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone

from profiles.models import FormerSlug, LinkCheck
from profiles.revisions import latest_revision
from tests.factories import make_profile, make_profile_with_citations, make_source
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_a_profile_shows_category_name_infobox_lead_sections_and_references(client):
    profile = make_profile(
        "Tidewater Housing Council",
        location="Port Verity, Eastmark",
        types=["Housing Advocacy"],
        facts=[("Website", "https://tidewater.example"), ("Formation", "2004 [^first]")],
    )
    soup = parse(client.get(profile.get_absolute_url()))
    assert soup.find("h1").get_text(strip=True) == "Tidewater Housing Council"
    assert len(soup.find_all("h1")) == 1
    assert soup.select_one(".profile-category").get_text(strip=True) == "Non-profit"
    infobox = {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in soup.select(".infobox tr")
    }
    assert infobox["Location"] == "Port Verity, Eastmark"
    assert infobox["Type"] == "Housing Advocacy"
    assert infobox["Formation"].startswith("2004")
    assert soup.select_one("#background").get_text() == "Background"
    assert soup.select_one(".toc a[href='#background']")
    assert len(soup.select(".reference-list > li")) == 1


def test_every_marker_links_to_its_entry_and_every_backlink_to_its_marker(client):
    shared, other = make_source(), make_source()
    profile = make_profile(
        lead="One.[^a] Two.[^b]",
        body="## More\n\nThree.[^a] Four.[^a][^b]",
        citations={"a": shared, "b": other},
    )
    soup = parse(client.get(profile.get_absolute_url()))
    markers = soup.select("sup.reference")
    assert [m.get_text() for m in markers] == ["[1]", "[2]", "[1]", "[1]", "[2]"]
    for marker in markers:
        entry = soup.find(id=marker.a["href"][1:])
        assert entry.name == "li"
        assert entry.find("a", href=f"#{marker['id']}"), "the entry links back to the marker"
    entry = soup.find(id="cite-note-1")
    assert [a.get_text() for a in entry.select("a.backlink")] == ["a", "b", "c"]


def test_a_reference_entry_reads_authors_title_publication_date_accessed_url(client):
    source = make_source(
        authors="Ruth Ambler",
        title="Reading Rooms Reopen",
        publication="Harbor Courier",
        url="https://courier.example/reading-rooms/",
        archive_url="https://archive.example/courier-reading-rooms",
        archive_date=date(2021, 3, 4),
    )
    profile = make_profile(citations={"first": source})
    entry = parse(client.get(profile.get_absolute_url())).find(id="cite-note-1")
    text = text_of(entry.select_one(".source-citation"))
    assert text.startswith(
        "Ruth Ambler. “Reading Rooms Reopen.” Harbor Courier. May 17, 2020. "
        "Accessed October 1, 2026. Archived from the original on March 4, 2021."
    )
    title = entry.select_one("a.source-title")
    assert title.get_text() == "Reading Rooms Reopen."
    assert title["href"] == "https://courier.example/reading-rooms/"
    assert entry.select_one("cite.source-publication").get_text() == "Harbor Courier."
    assert "https://courier.example" not in text, "the address is the title's link, not printed"
    archived = entry.find("a", string="Archived")
    assert archived["href"] == "https://archive.example/courier-reading-rooms"


def test_a_dead_references_title_leads_to_the_archived_copy_and_names_the_original(client):
    source = make_source(
        title="Shelter Closes Its Doors",
        url="https://shelter.example/closing/",
        archive_url="https://archive.example/shelter-closing",
        archive_date=date(2021, 3, 4),
    )
    LinkCheck.objects.create(
        source=source,
        checked_url=source.url,
        status=LinkCheck.Status.DEAD,
        checked_at=timezone.now(),
    )
    profile = make_profile(citations={"first": source})
    entry = parse(client.get(profile.get_absolute_url())).find(id="cite-note-1")
    assert entry.select_one("a.source-title")["href"] == "https://archive.example/shelter-closing"
    original = entry.find("a", string="the original")
    assert original["href"] == "https://shelter.example/closing/"
    text = text_of(entry.select_one(".source-citation"))
    assert "Archived from the original on March 4, 2021. (dead link)" in text


@pytest.mark.parametrize(("count", "in_columns"), [(10, False), (11, True)])
def test_a_long_reference_list_is_set_in_columns(client, count, in_columns):
    profile = make_profile_with_citations(count)
    reference_list = parse(client.get(profile.get_absolute_url())).select_one(".reference-list")
    assert ("reference-list-columns" in reference_list["class"]) is in_columns


def test_markers_get_a_preview_script_and_stay_links_without_it(client):
    profile = make_profile()
    soup = parse(client.get(profile.get_absolute_url()))
    assert soup.select_one("sup.reference a")["href"] == "#cite-note-1"
    scripts = [script["src"] for script in soup.select("script[src]")]
    assert any(src.endswith("js/reference-preview.js") for src in scripts)
    assert not soup.select("script:not([src]):not([type='application/ld+json'])")


@pytest.mark.parametrize("citation_count", [3, 60])
def test_the_profile_page_query_count_does_not_grow_with_citations(
    client, django_assert_num_queries, citation_count
):
    profile = make_profile_with_citations(citation_count)
    make_profile("Linked Org", lead=f"Works with [[{profile.name}]].[^first]")
    # profile, types, facts, citations with sources, connections, filings, links to check,
    # "Mentioned in", the current revision for "Cite this page", and the stamps of the
    # article's key
    with django_assert_num_queries(10):
        response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    assert len(parse(response).select(".reference-list > li")) == citation_count


def test_a_renamed_profile_answers_at_its_old_slug_with_a_permanent_redirect(client):
    profile = make_profile("Old Name Trust")
    with reversion.create_revision():
        FormerSlug.objects.create(slug="old-name-trust", profile=profile)
        profile.slug = "new-name-trust"
        profile.save()
    response = client.get("/profiles/old-name-trust/")
    assert response.status_code == 301
    assert response["Location"] == "/profiles/new-name-trust/"


def test_an_unpublished_profile_is_hidden_from_readers_and_shown_to_editors(client, editor):
    profile = make_profile("Draft Fund", published=False)
    assert client.get(profile.get_absolute_url()).status_code == 404
    client.force_login(editor)
    soup = parse(client.get(profile.get_absolute_url()))
    assert "not published" in soup.select_one(".alert-warning").get_text()


def test_a_link_to_a_missing_profile_leads_to_the_tip_form_with_the_name(client):
    profile = make_profile(lead="Allied with [[Quarry Workers Guild]].[^first]")
    link = parse(client.get(profile.get_absolute_url())).select_one("a.wikilink-missing")
    assert link.get_text() == "Quarry Workers Guild"
    assert link["href"] == "/tips/new/?name=Quarry+Workers+Guild"


def test_links_resolve_once_the_missing_profile_is_written(client):
    profile = make_profile(lead="Allied with [[Quarry Workers Guild]].[^first]")
    make_profile("Quarry Workers Guild", category="labor-union")
    soup = parse(client.get(profile.get_absolute_url()))
    assert not soup.select("a.wikilink-missing")
    assert soup.select_one("a.wikilink")["href"] == "/profiles/quarry-workers-guild/"


def test_mentioned_in_lists_published_profiles_that_link_here(client):
    target = make_profile("Quarry Workers Guild", category="labor-union")
    make_profile("Stone Valley Fund", lead="Funds the [[Quarry Workers Guild]].[^first]")
    make_profile("Hidden Draft", lead="[[Quarry Workers Guild]][^first]", published=False)
    soup = parse(client.get(target.get_absolute_url()))
    section = soup.find("section", attrs={"aria-labelledby": "mentioned-in"})
    assert [a.get_text() for a in section.find_all("a")] == ["Stone Valley Fund"]


def test_an_unknown_profile_gives_a_friendly_404(client):
    response = client.get("/profiles/no-such-profile/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


def test_the_source_page_lists_every_profile_citing_it(client):
    source = make_source(title="Budget Hearing Minutes")
    make_profile("Alpha Fund", citations={"first": source})
    make_profile("Beta Fund", citations={"first": source})
    soup = parse(client.get(reverse("profiles:source", args=[source.pk])))
    assert soup.find("h1").get_text() == "Budget Hearing Minutes"
    assert [a.get_text() for a in soup.select("main li > a:first-child")] == [
        "Alpha Fund",
        "Beta Fund",
    ]


def test_the_source_page_counts_every_marker_and_links_to_the_reference_entry(client):
    source = make_source(title="Budget Hearing Minutes")
    profile = make_profile(
        lead="One.[^other] Two.[^a] Three.[^b]",
        body="## More\n\nFour.[^a]",
        citations={"other": make_source(), "a": source, "b": source},
    )
    item = parse(client.get(reverse("profiles:source", args=[source.pk]))).select_one("main li")
    assert "cited 3 times as reference 2" in item.get_text(" ", strip=True)
    assert item.select("a")[1]["href"] == f"{profile.get_absolute_url()}#cite-note-2"


def test_sub_sections_are_nested_in_the_table_of_contents_under_their_section(client):
    profile = make_profile(
        body="## Work\n\nA.[^first]\n\n### Grants\n\nB.\n\n### Loans\n\nC.\n\n## Money\n\nD."
    )
    toc = parse(client.get(profile.get_absolute_url())).select_one("nav.toc > ol")
    sections = toc.find_all("li", recursive=False)
    assert [li.a.get_text() for li in sections] == ["Work", "Money"]
    assert [a.get_text() for a in sections[0].select("ol.toc-sub a")] == ["Grants", "Loans"]


def test_the_infobox_is_a_titled_table_of_label_and_value_rows(client):
    profile = make_profile(
        "Tidewater Housing Council",
        location="Port Verity, Eastmark",
        facts=[("Website", "https://tidewater.example"), ("Formation", "2004")],
        aliases="Tidewater Council",
    )
    infobox = parse(client.get(profile.get_absolute_url())).select_one("table.infobox")
    assert infobox.caption.get_text(" ", strip=True) == "Tidewater Housing Council at a glance"
    rows = [
        (row.select_one("th[scope=row]").get_text(strip=True), row.td.get_text(strip=True))
        for row in infobox.select("tbody tr")
    ]
    assert rows == [
        ("Location", "Port Verity, Eastmark"),
        ("Website", "https://tidewater.example"),
        ("Formation", "2004"),
        ("Also known as", "Tidewater Council"),
    ]


@pytest.mark.parametrize("page", ["detail", "history", "revision"])
def test_the_page_actions_are_tabs_at_the_top_with_the_current_one_marked(client, page):
    profile = make_profile("Tidewater Housing Council")
    revision = latest_revision(profile)
    address = {
        "detail": profile.get_absolute_url(),
        "history": reverse("profiles:history", args=[profile.slug]),
        "revision": reverse("profiles:revision", args=[profile.slug, revision.pk]),
    }[page]
    soup = parse(client.get(address))
    tabs = soup.select_one("nav.page-tabs")
    assert tabs.find_previous("h1"), "the tabs come right under the page's name"
    assert not tabs.find_previous(class_="infobox"), "above the infobox, not below it"
    links = {a.get_text(strip=True): a["href"] for a in tabs.select("a")}
    assert links == {
        "Read": profile.get_absolute_url(),
        "History": reverse("profiles:history", args=[profile.slug]),
        "Suggest an edit": reverse("editorial:suggest_edit", args=[profile.slug]),
        "Cite": "#cite-this-page"
        if page != "history"
        else f"{profile.get_absolute_url()}#cite-this-page",
    }
    current = tabs.select_one("[aria-current=page]").get_text(strip=True)
    assert current == ("Read" if page == "detail" else "History")
    if page != "history":
        assert soup.find(id="cite-this-page").name == "details"


def test_an_old_revision_has_no_edit_links_beside_its_headings(client):
    profile = make_profile()
    revision = latest_revision(profile)
    soup = parse(client.get(reverse("profiles:revision", args=[profile.slug, revision.pk])))
    assert soup.select_one("#background")
    assert not soup.select(".section-edit")
