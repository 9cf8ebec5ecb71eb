import pytest

from tests.factories import make_profile, make_source
from tests.html import parse

pytestmark = pytest.mark.django_db

BROWSE = "/profiles/"


def names(soup):
    return [a.get_text() for a in soup.select(".browse-list a") if a["href"] != BROWSE]


def facet(soup, heading_id):
    """{label: count} of one facet's choices."""
    nav = soup.find("nav", attrs={"aria-labelledby": heading_id})
    return {
        li.a.get_text(): int(li.select_one(".badge").contents[0])
        for li in nav.select("li")
        if li.select_one(".badge")
    }


@pytest.fixture
def profiles(db):
    source = make_source()
    make_profile(
        "Alder Tenants Union",
        category="labor-union",
        location="Alder Falls",
        types=["Housing Advocacy"],
        citations={"first": source},
    )
    make_profile(
        "Alder Literacy Fund",
        location="Alder Falls",
        types=["Literacy"],
        citations={"first": source},
    )
    make_profile(
        "Bayside Housing Fund",
        location="Port Verity",
        types=["Housing Advocacy"],
        citations={"first": source},
    )
    make_profile(
        "Bayside Draft Fund", location="Port Verity", published=False, citations={"first": source}
    )


def test_browse_lists_published_profiles_by_name_with_their_number(client, profiles):
    soup = parse(client.get(BROWSE))
    assert names(soup) == ["Alder Literacy Fund", "Alder Tenants Union", "Bayside Housing Fund"]
    assert soup.select_one("#results-count").get_text() == "3 profiles"


def test_filters_combine_category_type_location_and_letter(client, profiles):
    assert names(parse(client.get(BROWSE + "?category=non-profit"))) == [
        "Alder Literacy Fund",
        "Bayside Housing Fund",
    ]
    assert names(parse(client.get(BROWSE + "?type=housing-advocacy&location=Port+Verity"))) == [
        "Bayside Housing Fund"
    ]
    assert names(parse(client.get(BROWSE + "?category=non-profit&letter=A"))) == [
        "Alder Literacy Fund"
    ]
    soup = parse(client.get(BROWSE + "?category=labor-union&type=literacy"))
    assert names(soup) == []
    assert "No profiles match" in soup.select_one(".browse-list").get_text()


def test_each_facet_counts_what_it_would_show_given_the_other_filters(client, profiles):
    soup = parse(client.get(BROWSE + "?location=Alder+Falls"))
    assert facet(soup, "facet-category") == {"Non-profits": 1, "Labor unions": 1}
    assert facet(soup, "facet-type") == {"Housing Advocacy": 1, "Literacy": 1}
    # the location facet ignores the location filter itself, so other places stay reachable
    assert facet(soup, "facet-location") == {"Alder Falls": 2, "Port Verity": 1}
    letters = {
        a.get_text(): a.get("aria-label") for a in soup.select("nav[aria-label='First letter'] a")
    }
    assert letters["A"] == "Names starting with A: 2"
    assert "B" not in letters, "a letter with no profiles is not a link"


def test_facet_links_keep_the_other_filters_in_canonical_order(client, profiles):
    soup = parse(client.get(BROWSE + "?type=housing-advocacy&letter=B"))
    link = soup.find("a", string="Non-profits")
    assert link["href"] == "?category=non-profit&type=housing-advocacy&letter=B"


@pytest.mark.parametrize(
    "asked, canonical",
    [
        ("?letter=b&category=non-profit", "/profiles/?category=non-profit&letter=B"),
        ("?category=&type=&location=&letter=", "/profiles/"),
        ("?page=1", "/profiles/"),
        ("?page=abc&category=non-profit", "/profiles/?category=non-profit"),
        ("?utm_source=mail", "/profiles/"),
        ("?letter=%00", "/profiles/"),
    ],
)
def test_a_non_canonical_address_redirects_permanently_to_the_canonical_one(
    client, profiles, asked, canonical
):
    response = client.get(BROWSE + asked)
    assert response.status_code == 301
    assert response["Location"] == canonical


def test_the_page_names_its_canonical_address(client, profiles):
    soup = parse(client.get(BROWSE + "?category=non-profit&letter=A"))
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "http://testserver/profiles/?category=non-profit&letter=A"


@pytest.mark.parametrize("query", ["?category=no-such-category", "?type=no-such-type"])
def test_an_unknown_category_or_type_is_not_found(client, profiles, query):
    assert client.get(BROWSE + query).status_code == 404


def test_browse_is_paginated_with_canonical_page_links(client, settings):
    settings.PROFILES_PER_PAGE = 2
    source = make_source()
    for name in ["Alpha Fund", "Beta Fund", "Gamma Fund"]:
        make_profile(name, citations={"first": source})
    soup = parse(client.get(BROWSE + "?category=non-profit"))
    assert names(soup) == ["Alpha Fund", "Beta Fund"]
    assert soup.select_one("a[rel=next]")["href"] == "?category=non-profit&page=2"
    second = parse(client.get(BROWSE + "?category=non-profit&page=2"))
    assert names(second) == ["Gamma Fund"]
    assert second.find("link", rel="canonical")["href"].endswith("?category=non-profit&page=2")


@pytest.mark.parametrize("count", [3, 40])
@pytest.mark.parametrize("query", ["", "?category=non-profit&type=literacy&location=Alder+Falls"])
def test_the_browse_page_query_count_does_not_grow_with_profiles_or_filters(
    client, django_assert_num_queries, count, query
):
    source = make_source()
    for number in range(count):
        make_profile(
            f"Alder Fund {number}",
            location="Alder Falls",
            types=["Literacy"],
            citations={"first": source},
        )
    # counts of categories, types, locations and letters; then the count and page of profiles
    with django_assert_num_queries(6):
        response = client.get(BROWSE + query)
    assert len(names(parse(response))) == min(count, 30)
