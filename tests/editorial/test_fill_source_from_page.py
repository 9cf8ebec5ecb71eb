"""The new source box fills itself from the page's details, for the contributor to check; and
editors look a source up by its address (JSON). Pages come from a fake web: nothing is fetched."""

import pytest
from django.urls import reverse

from editorial.models import Suggestion
from tests.editorial.submitting import filled_in, form_fields
from tests.html import parse

pytestmark = pytest.mark.django_db

ARTICLE = "https://www.riverton-ledger.example/2018/09/14/repairs/"


def fill(client, profile, **values):
    page = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    data = filled_in(page, message="A new source.", fill_source="source-0", **values)
    return client.post(reverse("editorial:suggest_edit_preview", args=[profile.slug]), data)


def test_the_new_source_box_has_a_fill_in_button_that_works_without_javascript(client, profile):
    page = parse(client.get(reverse("editorial:suggest_edit", args=[profile.slug])))
    button = page.select_one('main form button[name="fill_source"]')
    assert button.get_text(" ", strip=True).startswith("Fill in from the page")
    assert button["value"] == "source-0"
    assert button["formaction"] == reverse("editorial:suggest_edit_preview", args=[profile.slug])


def test_filling_in_from_a_page_with_json_ld_fills_every_empty_field(client, profile, web):
    web.fixture_page(ARTICLE, "news_article_jsonld.html")
    response = fill(client, profile, **{"source-0-url": ARTICLE, "source-0-key": "ledger"})
    page = parse(response)
    fields = form_fields(page.select_one("main form"))
    assert fields["source-0-title"] == "Tenants Win Repairs at Millrace Court"
    assert fields["source-0-authors"] == "Marisol Quint; Devon Achebe"
    assert fields["source-0-publication"] == "The Riverton Ledger"
    assert fields["source-0-date"] == "2018-09-14"
    assert fields["message"] == "A new source."  # everything else as it was typed
    note = page.select_one(".fill-note").get_text()
    assert "Filled in from the page: the title, the authors, the publication, the date" in note
    assert "Check them" in note
    assert Suggestion.objects.count() == 0  # never saved silently


def test_filling_in_keeps_what_the_contributor_typed_and_leaves_missing_details_empty(
    client, profile, web
):
    web.fixture_page(ARTICLE, "opengraph_only.html")
    response = fill(client, profile, **{"source-0-url": ARTICLE, "source-0-title": "My own title"})
    fields = form_fields(parse(response).select_one("main form"))
    assert fields["source-0-title"] == "My own title"
    assert fields["source-0-publication"] == "Westmarch Public Radio"
    assert fields["source-0-date"] == "2020-06"
    assert fields["source-0-authors"] == ""


def test_a_page_that_cannot_be_read_says_why_and_keeps_the_form(client, profile, web):
    web.timeout(ARTICLE)
    response = fill(client, profile, **{"source-0-url": ARTICLE})
    note = parse(response).select_one(".fill-note").get_text()
    assert "did not answer in time" in note and "Type the details in yourself" in note


def test_a_private_address_is_not_fetched(client, profile, web):
    web.dns["intranet.example"] = "10.0.0.1"
    response = fill(client, profile, **{"source-0-url": "http://intranet.example/secret"})
    assert "not a public address" in parse(response).select_one(".fill-note").get_text()
    assert web.requests == []


def test_filling_in_is_rate_limited_per_address(client, profile, web, settings):
    settings.EDITORIAL_LOOKUP_RATE_LIMITS = [(60, 2)]
    web.fixture_page(ARTICLE, "bare.html")
    assert fill(client, profile, **{"source-0-url": ARTICLE}).status_code == 200
    assert fill(client, profile, **{"source-0-url": ARTICLE}).status_code == 200
    refused = fill(client, profile, **{"source-0-url": ARTICLE})
    assert refused.status_code == 429 and "Retry-After" in refused
    assert len(web.requests) == 2


# The editors' look-up ------------------------------------------------------------------------


def lookup(client, url):
    return client.get(reverse("editorial:source_lookup"), {"url": url})


def test_anonymous_visitors_are_sent_to_log_in_and_non_editors_refused(client, outsider, web):
    assert lookup(client, ARTICLE).status_code == 302
    client.force_login(outsider)
    response = lookup(client, ARTICLE)
    assert response.status_code == 403 and "editors" in response.json()["error"]
    assert web.requests == []


def test_editors_get_the_details_as_json(editor_client, web):
    web.fixture_page(ARTICLE, "news_article_jsonld.html")
    data = lookup(editor_client, ARTICLE).json()
    assert data["title"] == "Tenants Win Repairs at Millrace Court"
    assert data["published_date"] == "2018-09-14" and data["date_precision"] == "day"
    assert data["found"] == ["title", "authors", "publication", "published_date"]
    assert data["existing_source"] is None


def test_the_look_up_names_the_source_already_stored_at_that_address(editor_client, web, profile):
    source = profile.citations.first().source
    web.fixture_page(source.url, "bare.html")
    data = lookup(editor_client, source.url).json()
    assert data["existing_source"]["id"] == source.pk


def test_the_look_up_refuses_what_is_not_a_web_address(editor_client):
    response = lookup(editor_client, "javascript:alert(1)")
    assert response.status_code == 400 and "http://" in response.json()["error"]


def test_the_look_up_rejects_post(editor_client):
    assert editor_client.post(reverse("editorial:source_lookup")).status_code == 405
