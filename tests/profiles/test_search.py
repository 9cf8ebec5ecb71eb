import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import make_profile, make_source
from tests.html import live_markup, parse

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def result_names(response):
    return [a.get_text() for a in parse(response).select(".search-result h2 a")]


def search(client, q, **params):
    return client.get(SEARCH, {"q": q, **params})


@pytest.mark.parametrize(
    "url, status",
    [
        ("/", 200),
        ("/profiles/", 200),
        ("/profiles/harbor-literacy-fund/", 200),
        ("/search/?q=fund", 200),
        ("/profiles/no-such-profile/", 404),
    ],
)
def test_the_search_box_is_in_the_header_of_every_page(client, url, status):
    make_profile("Harbor Literacy Fund")
    response = client.get(url)
    assert response.status_code == status
    soup = BeautifulSoup(response.content.decode(), "lxml")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == reverse("profiles:search")
    field = form.find("input", attrs={"name": "q"})
    assert soup.find("label", attrs={"for": field["id"]}), "the search field has a label"


def test_the_home_page_and_the_404_page_also_have_a_search_box_in_the_content(client):
    home = parse(client.get("/"))
    assert home.select_one("main form[role=search] input[name=q]")
    missing = client.get("/profiles/no-such-profile/")
    assert missing.status_code == 404
    assert b'id="not-found-search"' in missing.content


def test_an_exact_name_ranks_its_profile_above_profiles_that_mention_it(client):
    make_profile(
        "Harbor Reading Circle",
        lead="A club that meets at the Tidewater Housing Council office.[^first]",
        body="## Notes\n\nThe Tidewater Housing Council lends it a room. Tidewater Housing "
        "Council staff also volunteer.[^first]",
    )
    make_profile("Tidewater Housing Council", lead="A tenants group on the coast.[^first]")
    make_profile("Tidewater Rowing Club", lead="Rowers on the coast.[^first]")
    # With a filter set the page lists the results instead of going to the profile.
    results = search(client, "Tidewater Housing Council", category="non-profit")
    assert result_names(results)[0] == "Tidewater Housing Council"


def test_an_alias_finds_its_profile_first(client):
    make_profile("Tidewater Housing Council", aliases="THC\nTide Council")
    make_profile("Harbor Literacy Fund")
    assert result_names(search(client, "THC")) == ["Tidewater Housing Council"]


def test_the_start_of_a_word_finds_the_profile(client):
    make_profile("Tidewater Housing Council")
    assert result_names(search(client, "Tidewat"))[0] == "Tidewater Housing Council"


def test_a_misspelled_name_still_finds_the_profile_and_offers_the_right_spelling(client):
    make_profile("Tidewater Housing Council")
    make_profile("Harbor Literacy Fund")
    soup = parse(search(client, "Tidewatter Housing Counsil"))
    assert soup.select(".search-result h2 a")[0].get_text() == "Tidewater Housing Council"
    suggestion = soup.select_one(".did-you-mean a")
    assert suggestion.get_text() == "Tidewater Housing Council"
    assert suggestion["href"] == "/search/?q=Tidewater%20Housing%20Council"


def test_words_from_the_body_and_from_the_infobox_find_the_profile(client):
    make_profile(
        "Harbor Literacy Fund",
        body="## Programs\n\nIt runs a lighthouse storytelling festival every summer.[^first]",
        facts=[("Founders", "Marguerite Okafor")],
    )
    make_profile("Tidewater Housing Council")
    assert result_names(search(client, "lighthouse storytelling")) == ["Harbor Literacy Fund"]
    assert result_names(search(client, "Okafor")) == ["Harbor Literacy Fund"]


def test_a_snippet_marks_the_matched_words_and_shows_markup_as_text(client):
    make_profile(
        "Harbor Literacy Fund",
        lead="It quoted <script>alert(1)</script> in a flyer about reading rooms.[^first]",
    )
    soup = parse(search(client, "reading rooms"))
    snippet = soup.select_one(".search-result .snippet")
    assert [mark.get_text() for mark in snippet.find_all("mark")] == ["reading", "rooms"]
    assert "<script>alert(1)</script>" in snippet.get_text()
    assert not snippet.find("script")
    assert live_markup(soup) == []


def test_a_snippet_comes_from_the_body_when_the_lead_does_not_match(client):
    make_profile(
        "Harbor Literacy Fund",
        lead="A reading charity.[^first]",
        body="## Programs\n\nIt runs a lighthouse festival.[^first]",
    )
    snippet = parse(search(client, "lighthouse")).select_one(".snippet")
    assert snippet.find("mark").get_text() == "lighthouse"


def test_filters_narrow_the_results_by_category_type_and_location(client):
    make_profile("Harbor Housing Fund", location="Port Verity", types=["Housing Advocacy"])
    make_profile("Harbor Housing Union", category="labor-union", location="Port Verity")
    make_profile("Inland Housing Fund", location="Alder Falls", types=["Housing Advocacy"])
    assert len(result_names(search(client, "housing"))) == 3
    assert result_names(search(client, "housing", category="labor-union")) == [
        "Harbor Housing Union"
    ]
    assert sorted(result_names(search(client, "housing", type="housing-advocacy"))) == [
        "Harbor Housing Fund",
        "Inland Housing Fund",
    ]
    assert sorted(result_names(search(client, "housing", location="Port Verity"))) == [
        "Harbor Housing Fund",
        "Harbor Housing Union",
    ]


def test_results_are_paginated_and_the_next_page_keeps_the_query_and_filters(client, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 3
    source = make_source()
    for number in range(5):
        make_profile(f"Harbor Fund {number}", citations={"first": source})
    soup = parse(search(client, "harbor", category="non-profit"))
    assert len(soup.select(".search-result")) == 3
    next_link = soup.select_one("a[rel=next]")["href"]
    assert next_link == "?q=harbor&category=non-profit&page=2"
    assert len(parse(client.get(SEARCH + next_link)).select(".search-result")) == 2


def test_unpublished_profiles_never_appear_in_results(client, editor):
    make_profile("Harbor Draft Fund", published=False)
    make_profile("Harbor Literacy Fund")
    client.force_login(editor)
    assert result_names(search(client, "harbor")) == ["Harbor Literacy Fund"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 2000,
        "harbor " * 300,
        "' OR 1=1; DROP TABLE profiles_profile; --",
        "<script>alert(1)</script>",
        "<b>harbor</b>",
        "harbor\x00fund",
        "\x00",
        '"harbor fund',
        "harbor' fund\"",
        "harbor & | ! :* ( ) <-> fund",
        "-",
        "or",
        "the",
        "ℌ𝔞𝔯𝔟𝔬𝔯 Ünïcode ✓",
    ],
)
def test_bad_input_gives_a_results_page_never_an_error(client, query):
    make_profile("Harbor Literacy Fund")
    response = search(client, query, category="\x00", location="x" * 500, page="\x00")
    soup = parse(response)
    assert len(soup.find_all("h1")) == 1
    assert live_markup(soup) == []
    assert "<b>" not in soup.find("h1").decode_contents()


def test_a_long_query_is_cut_to_a_reasonable_length(client):
    soup = parse(search(client, "a" * 2000))
    assert len(soup.select_one("#search-q")["value"]) == 200


def test_an_empty_query_shows_the_form_without_results(client):
    make_profile("Harbor Literacy Fund")
    soup = parse(search(client, ""))
    assert soup.find("h1").get_text() == "Search profiles"
    assert not soup.select(".search-result")


@pytest.mark.parametrize("matching", [2, 25])
def test_the_search_page_query_count_does_not_grow_with_results(
    client, django_assert_num_queries, matching
):
    source = make_source()
    for number in range(matching):
        make_profile(f"Harbor Fund {number}", citations={"first": source}, location="Port Verity")
    # a profile with that exact name?; filter choices: categories, types, locations; then the
    # count and the page of results
    with django_assert_num_queries(6):
        response = search(client, "harbor fund")
    assert len(parse(response).select(".search-result")) == min(matching, 20)


def test_one_misspelled_word_of_a_long_name_still_offers_the_profile(client):
    make_profile("Riverside Tenants Alliance")
    make_profile("Harbor Literacy Fund")
    soup = parse(search(client, "rivrside"))
    assert soup.select(".search-result h2 a")[0].get_text() == "Riverside Tenants Alliance"


def test_quoted_words_must_stand_together(client):
    make_profile(
        "Harbor Literacy Fund",
        body="## Work\n\nIt backs rent stabilization in the harbor wards.[^first]",
    )
    make_profile(
        "Tidewater Housing Council",
        body="## Work\n\nIt fights rent hikes and wants price stabilization.[^first]",
    )
    assert result_names(search(client, '"rent stabilization"')) == ["Harbor Literacy Fund"]
    assert set(result_names(search(client, "rent stabilization"))) == {
        "Harbor Literacy Fund",
        "Tidewater Housing Council",
    }


def test_a_minus_before_a_word_or_a_phrase_leaves_out_the_profiles_with_it(client):
    make_profile("Harbor Literacy Fund", lead="Reading rooms by the docks.[^first]")
    make_profile("Tidewater Literacy Fund", lead="Reading rooms on the coast.[^first]")
    make_profile("Inland Rowing Club", lead="Rowers on the lake.[^first]")
    assert result_names(search(client, "literacy -harbor")) == ["Tidewater Literacy Fund"]
    assert result_names(search(client, 'reading -"the docks"')) == ["Tidewater Literacy Fund"]
    assert result_names(search(client, "-literacy")) == ["Inland Rowing Club"]
    assert sorted(result_names(search(client, "docks or lake"))) == [
        "Harbor Literacy Fund",
        "Inland Rowing Club",
    ]


def test_an_exact_name_goes_straight_to_its_profile_whatever_the_case(
    client, django_assert_num_queries
):
    make_profile("Tidewater Housing Council")
    make_profile("Tidewater Housing Council Archive")
    with django_assert_num_queries(1):
        response = search(client, "  tidewater HOUSING council ")
    assert response.status_code == 302
    assert response["Location"] == "/profiles/tidewater-housing-council/"


def test_an_exact_name_with_a_filter_set_shows_the_results(client):
    make_profile("Tidewater Housing Council")
    response = search(client, "Tidewater Housing Council", category="non-profit")
    assert response.status_code == 200
    assert result_names(response) == ["Tidewater Housing Council"]


def test_a_name_two_profiles_share_or_only_a_draft_has_shows_the_results(client, editor):
    make_profile("Harbor Fund", slug="harbor-fund-port-verity")
    make_profile("Harbor Fund", slug="harbor-fund-alder-falls")
    make_profile("Tidewater Draft Council", published=False)
    assert result_names(search(client, "Harbor Fund")) == ["Harbor Fund", "Harbor Fund"]
    client.force_login(editor)
    assert search(client, "Tidewater Draft Council").status_code == 200


def test_no_results_offers_a_tip_about_the_query_with_the_name_filled_in(client):
    make_profile("Harbor Literacy Fund")
    soup = parse(search(client, "Quarry & Kiln Guild"))
    assert result_names(search(client, "Quarry & Kiln Guild")) == []
    tip = soup.select_one(".search-tip a")
    assert tip.get_text() == "Tip us about “Quarry & Kiln Guild”"
    assert tip["href"] == "/tips/new/?name=Quarry%20%26%20Kiln%20Guild"
    form = parse(client.get(tip["href"]))
    assert form.select_one("input[name=name]")["value"] == "Quarry & Kiln Guild"


def test_results_found_offer_no_tip_but_a_did_you_mean_does(client):
    make_profile("Tidewater Housing Council")
    assert not parse(search(client, "tidewater")).select(".search-tip")
    assert parse(search(client, "Tidewatter Counsil")).select(".search-tip")


def test_counts_of_one_read_one_profile(client):
    make_profile("Harbor Literacy Fund", types=["Literacy"])
    home = parse(client.get("/")).select_one("#categories-heading").find_parent("section")
    assert "1 profile" in home.get_text(" ", strip=True).replace("  ", " ")
    assert "1 profiles" not in home.get_text(" ", strip=True)
    browse = parse(client.get("/profiles/")).get_text(" ", strip=True)
    assert "1 profile" in browse and "1 profiles" not in browse
