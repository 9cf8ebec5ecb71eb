"""/sources/ and /api/sources/: every source that published profiles cite, with how many cite
it, searchable and paginated; the sources only drafts cite stay private."""

import pytest

from profiles.models import Profile
from profiles.services import save_profile
from tests.factories import make_profile, make_source
from tests.html import live_markup, parse

pytestmark = pytest.mark.django_db

SOURCES = "/sources/"


def listed(response):
    soup = parse(response)
    return [
        (entry.select_one(".source-title").get_text(), entry.select_one(".citing-count").get_text())
        for entry in soup.select(".source-entry")
    ]


@pytest.fixture
def cited():
    """A source cited by two published profiles and a draft, one cited by one profile, and
    one that only a draft cites."""
    ledger = make_source(
        title="Shelter Budget Doubles",
        publication="Westmarch Ledger",
        url="https://ledger.example/a",
    )
    filing = make_source(
        title="Annual Return 2023", publication="State Registry", url="https://registry.example/f"
    )
    secret = make_source(title="Unpublished Tip Sheet", url="https://secret.example/")
    make_profile("Harbor Literacy Fund", citations={"first": ledger, "second": filing})
    make_profile("Tidewater Housing Council", citations={"first": ledger})
    make_profile("Harbor Draft Fund", published=False, citations={"first": ledger, "x": secret})
    return ledger, filing, secret


def test_the_index_lists_the_sources_of_published_profiles_with_citing_counts(client, cited):
    assert listed(client.get(SOURCES)) == [
        ("Annual Return 2023", "Cited by 1 profile"),
        ("Shelter Budget Doubles", "Cited by 2 profiles"),
    ]


def test_a_source_only_a_draft_cites_stays_private_even_for_editors(client, editor, cited):
    client.force_login(editor)
    assert "Unpublished Tip Sheet" not in client.get(SOURCES).content.decode()
    assert client.get(SOURCES, {"q": "secret.example"}).content.decode().count("Unpublished") == 0


def test_publishing_the_draft_lists_its_source(client, cited):
    draft = Profile.objects.get(slug="harbor-draft-fund")
    draft.published = True
    save_profile(draft, user=None, comment="Published.")
    assert ("Unpublished Tip Sheet", "Cited by 1 profile") in listed(client.get(SOURCES))


@pytest.mark.parametrize(
    "query, titles",
    [
        ("budget", ["Shelter Budget Doubles"]),
        ("state registry", ["Annual Return 2023"]),
        ("ledger.example", ["Shelter Budget Doubles"]),
        ("nothing like it", []),
    ],
)
def test_the_index_is_searched_by_title_publication_and_address(client, cited, query, titles):
    response = client.get(SOURCES, {"q": query})
    assert [title for title, _count in listed(response)] == titles


def test_no_match_says_so_and_links_back_to_all_sources(client, cited):
    soup = parse(client.get(SOURCES, {"q": "nothing like it"}))
    assert "0 sources match “nothing like it”" in soup.select_one("#sources-count").get_text()
    assert soup.select_one(".source-list a")["href"] == SOURCES


def test_most_cited_first_and_pages_keep_the_search_and_the_order(client, settings, cited):
    settings.SOURCES_PER_PAGE = 1
    soup = parse(client.get(SOURCES, {"q": "e", "sort": "cited"}))
    assert [entry.get_text() for entry in soup.select(".source-title")] == [
        "Shelter Budget Doubles"
    ]
    next_link = soup.select_one("a[rel=next]")["href"]
    assert next_link == "?q=e&sort=cited&page=2"
    second = client.get(SOURCES + next_link)
    assert [title for title, _count in listed(second)] == ["Annual Return 2023"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "x" * 5000},
        {"q": "<script>alert(1)</script>"},
        {"sort": "'; DROP TABLE x"},
        {"page": "\x00"},
        {"page": "99999"},
    ],
)
def test_bad_input_gives_the_index_never_an_error(client, cited, params):
    response = client.get(SOURCES, params)
    assert response.status_code == 200
    assert live_markup(parse(response)) == []


@pytest.mark.parametrize("count", [1, 30])
def test_the_index_query_count_does_not_grow_with_sources(client, django_assert_num_queries, count):
    make_profile_citing(count)
    with django_assert_num_queries(2):  # the count and the page of sources with their counts
        response = client.get(SOURCES)
    assert len(listed(response)) == count
    with django_assert_num_queries(2):
        client.get(SOURCES, {"q": "story", "sort": "cited"})


def make_profile_citing(count):
    sources = {f"s{n}": make_source() for n in range(count)}
    lead = "".join(f"Claim {n}.[^s{n}]" for n in range(count))
    make_profile("Coastal Trust", lead=lead, citations=sources)


def test_every_page_links_to_the_index_from_the_navigation_and_the_footer(client):
    soup = parse(client.get("/"))
    assert soup.select_one("header nav a[href='/sources/']").get_text() == "Sources"
    assert soup.select_one("footer a[href='/sources/']")


# /api/sources/ -------------------------------------------------------------------------------


def test_the_api_lists_public_sources_with_citing_counts_a_page_at_a_time(client, cited):
    ledger, filing, _secret = cited
    data = client.get("/api/sources/").json()
    assert data["count"] == 2
    assert data["next"] is None and data["previous"] is None
    assert data["license"]["id"] == "CC-BY-SA-4.0"
    first, second = data["results"]
    assert (first["id"], first["title"], first["cited_by"]) == (filing.pk, filing.title, 1)
    assert (second["id"], second["cited_by"]) == (ledger.pk, 2)
    assert second["publication"] == "Westmarch Ledger"
    assert second["api_url"] == f"http://testserver/api/sources/{ledger.pk}/"
    assert second["html_url"] == f"http://testserver/sources/{ledger.pk}/"
    assert "notes" not in second


def test_the_api_takes_the_search_and_the_order_of_the_page(client, cited):
    titles = [s["title"] for s in client.get("/api/sources/", {"q": "ledger"}).json()["results"]]
    assert titles == ["Shelter Budget Doubles"]
    ordered = client.get("/api/sources/", {"sort": "cited"}).json()["results"]
    assert [s["cited_by"] for s in ordered] == [2, 1]


def test_the_api_answers_a_missing_page_with_a_json_400(client, cited):
    response = client.get("/api/sources/", {"page": "9"})
    assert response.status_code == 400
    assert response.json() == {"status": 400, "message": "There is no page 9."}


@pytest.mark.parametrize("count", [1, 30])
def test_the_api_query_count_does_not_grow_with_sources(client, django_assert_num_queries, count):
    make_profile_citing(count)
    with django_assert_num_queries(2):
        data = client.get("/api/sources/").json()
    assert len(data["results"]) == count
