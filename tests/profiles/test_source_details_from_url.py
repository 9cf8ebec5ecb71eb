"""A new source's details read from its page: what the page says, and nothing made up."""

import httpx
import pytest

from profiles.metadata import source_details_from_url
from tests.web import FakeWeb


@pytest.fixture
def fake():
    return FakeWeb()


def details(fake, name, url="https://news.example/story/"):
    fake.fixture_page(url, name)
    return source_details_from_url(url, fetcher=fake.fetcher())


def test_a_page_with_json_ld_fills_every_detail(fake):
    found = details(fake, "news_article_jsonld.html")
    assert found["title"] == "Tenants Win Repairs at Millrace Court"
    assert found["authors"] == "Marisol Quint; Devon Achebe"
    assert found["publication"] == "The Riverton Ledger"
    assert (found["published_date"], found["date_precision"]) == ("2018-09-14", "day")
    assert found["found"] == ["title", "authors", "publication", "published_date"]
    assert found["error"] == ""


def test_a_page_with_only_open_graph_fills_what_it_has_and_leaves_the_authors_empty(fake):
    found = details(fake, "opengraph_only.html")
    assert found["title"] == "Council Adopts the Right-to-Counsel Ordinance"
    assert found["publication"] == "Westmarch Public Radio"
    assert (found["published_date"], found["date_precision"]) == ("2020-06", "month")
    assert found["authors"] == ""
    assert found["found"] == ["title", "publication", "published_date"]


def test_a_bare_page_gives_its_title_and_nothing_is_guessed_from_its_text(fake):
    found = details(fake, "bare.html")
    assert found["title"] == "Annual meeting notes"
    assert found["authors"] == found["publication"] == found["published_date"] == ""
    assert found["date_precision"] == ""
    assert found["found"] == ["title"]


def test_the_address_after_redirects_is_given(fake):
    fake.redirect("https://news.example/s/1", "https://news.example/2018/09/story/")
    fake.fixture_page("https://news.example/2018/09/story/", "bare.html")
    found = source_details_from_url("https://news.example/s/1", fetcher=fake.fetcher())
    assert found["url"] == "https://news.example/2018/09/story/"


def test_a_page_that_cannot_be_read_gives_a_reason_and_no_details(fake):
    fake.timeout("https://slow.example/")
    found = source_details_from_url("https://slow.example/", fetcher=fake.fetcher())
    assert found["error"] == "The site did not answer in time."
    assert found["found"] == [] and found["title"] == ""


def test_a_private_address_gives_a_reason_and_is_not_fetched(fake):
    fake.dns["router.example"] = "192.168.0.1"
    found = source_details_from_url("http://router.example/", fetcher=fake.fetcher())
    assert "not a public address" in found["error"]
    assert fake.requests == []


def test_a_missing_page_and_a_document_give_reasons(fake):
    fake.status("https://news.example/gone/", 404)
    assert (
        "404"
        in source_details_from_url("https://news.example/gone/", fetcher=fake.fetcher())["error"]
    )
    fake.routes["https://news.example/report.pdf"] = lambda request: httpx.Response(
        200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"}
    )
    found = source_details_from_url("https://news.example/report.pdf", fetcher=fake.fetcher())
    assert "not a web page" in found["error"]


def test_broken_markup_gives_what_can_be_read(fake):
    fake.page(
        "https://news.example/broken/",
        '<title>Still a title</title><script type="application/ld+json">{"@type": </script>',
    )
    found = source_details_from_url("https://news.example/broken/", fetcher=fake.fetcher())
    assert found["title"] == "Still a title" and found["error"] == ""
