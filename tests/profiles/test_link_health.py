"""Link health with mocked responses: live, dead after two checks days apart (and its archived
copy found and shown), soft 404s, blocked, and failures that are "could not check"."""

from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from django.utils import timezone

from profiles import linkcheck
from profiles.models import LinkCheck, Source
from tests.factories import make_profile, make_source
from tests.html import parse

Status = LinkCheck.Status
DAY_ONE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@contextmanager
def at(moment, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: moment)
    yield


@pytest.fixture
def check(web, monkeypatch):
    """Check a source as if it were ``moment``; return its stored LinkCheck."""

    def check(source, moment=DAY_ONE):
        with at(moment, monkeypatch):
            linkcheck.check_sources([source.pk])
        return LinkCheck.objects.get(source=source)

    return check


def test_a_page_that_answers_200_is_live(db, web, check):
    source = make_source(url="https://news.example/story/")
    web.page("https://news.example/story/", "<title>Council approves the budget</title>")
    state = check(source)
    assert state.status == Status.LIVE
    assert state.http_status == 200
    assert state.final_url == "https://news.example/story/"
    assert state.checked_at == DAY_ONE and state.live_at == DAY_ONE


@pytest.mark.parametrize("status", [404, 410])
def test_a_missing_page_is_dead_only_after_two_checks_days_apart(db, web, check, status):
    source = make_source(url="https://news.example/gone/")
    web.status("https://news.example/gone/", status)
    first = check(source)
    assert first.status == Status.FAILING and first.http_status == status
    assert check(source, DAY_ONE + timedelta(hours=6)).status == Status.FAILING
    second = check(source, DAY_ONE + timedelta(days=3))
    assert second.status == Status.DEAD
    assert second.failures == 3 and second.first_failed_at == DAY_ONE


def test_a_page_that_comes_back_between_the_two_checks_is_live_again(db, web, check):
    source = make_source(url="https://news.example/flaky/")
    web.status("https://news.example/flaky/", 404)
    check(source)
    web.page("https://news.example/flaky/", "<title>Back</title>")
    state = check(source, DAY_ONE + timedelta(days=3))
    assert state.status == Status.LIVE and state.failures == 0 and state.first_failed_at is None


def test_a_dead_link_gets_its_archived_copy_and_the_profile_shows_it_first(db, web, check, client):
    source = make_source(url="https://news.example/closed/", title="Shelter Closes Its Doors")
    profile = make_profile(
        "Harbor Shelter Trust", citations={"first": source}
    )  # accessed 2026-10-01
    web.status("https://news.example/closed/", 404)
    web.archive_copy("https://news.example/closed/", "20240105120000")
    web.archive_copy("https://news.example/closed/", "20261020120000")  # after the accessed date
    check(source)
    state = check(source, DAY_ONE + timedelta(days=4))
    assert state.status == Status.DEAD
    # The copy closest before the accessed date (October 1, 2026), not the newer one.
    assert state.archive_url == (
        "https://web.archive.org/web/20240105120000/https://news.example/closed/"
    )
    assert state.archive_date == date(2024, 1, 5)

    entry = parse(client.get(profile.get_absolute_url())).select_one(".reference-list li")
    links = entry.select(".source-citation a")
    assert links[0]["href"] == state.archive_url  # the archived copy first
    assert links[1]["href"] == "https://news.example/closed/"
    assert "Archived from the original on January 5, 2024" in entry.get_text(" ", strip=True)
    assert "(dead link)" in entry.get_text()


def test_a_live_link_with_an_archived_copy_shows_the_original_first(db, client):
    source = make_source(
        url="https://news.example/open/",
        archive_url="https://web.archive.org/web/20230304050607/https://news.example/open/",
    )
    profile = make_profile(citations={"first": source})
    entry = parse(client.get(profile.get_absolute_url())).select_one(".reference-list li")
    links = entry.select(".source-citation a")
    assert links[0]["href"] == "https://news.example/open/"
    assert links[1]["href"] == source.archive_url
    assert "Archived from the original on March 4, 2023" in entry.get_text(" ", strip=True)
    assert "dead link" not in entry.get_text()


def test_a_200_page_titled_page_not_found_is_a_soft_404(db, web, check):
    source = make_source(url="https://news.example/2019/report/")
    web.page(
        "https://news.example/2019/report/",
        "<html><head><title>Page Not Found | The Courier</title></head><body></body></html>",
    )
    state = check(source)
    assert state.status == Status.SOFT_404 and state.http_status == 200
    assert "Page Not Found" in state.detail


def test_a_deep_link_that_redirects_to_the_home_page_is_a_soft_404(db, web, check):
    source = make_source(url="https://news.example/2019/05/11/renters-alliance/")
    web.redirect("https://news.example/2019/05/11/renters-alliance/", "https://news.example/")
    web.page("https://news.example/", "<title>The Courier: news from the harbor</title>")
    state = check(source)
    assert state.status == Status.SOFT_404
    assert state.final_url == "https://news.example/"


def test_a_redirect_to_another_article_is_live(db, web, check):
    source = make_source(url="https://news.example/old-slug/")
    web.redirect("https://news.example/old-slug/", "https://news.example/2020/new-slug/")
    web.page("https://news.example/2020/new-slug/", "<title>Budget passes</title>")
    state = check(source)
    assert state.status == Status.LIVE
    assert state.final_url == "https://news.example/2020/new-slug/"


def test_a_site_that_refuses_the_checker_is_blocked(db, web, check):
    source = make_source(url="https://social.example/posts/1")
    web.status("https://social.example/posts/1", 403)
    assert check(source).status == Status.BLOCKED


def test_a_timeout_is_could_not_check_and_never_counts_towards_dead(db, web, check):
    source = make_source(url="https://slow.example/page/")
    web.timeout("https://slow.example/page/")
    state = check(source)
    assert state.status == Status.ERROR
    assert state.get_status_display() == "Could not check"
    assert state.failures == 0
    assert check(source, DAY_ONE + timedelta(days=10)).status == Status.ERROR


def test_a_failure_to_check_leaves_a_dead_link_dead(db, web, check):
    source = make_source(url="https://news.example/gone-for-good/")
    web.status("https://news.example/gone-for-good/", 410)
    check(source)
    check(source, DAY_ONE + timedelta(days=3))
    web.timeout("https://news.example/gone-for-good/")
    assert check(source, DAY_ONE + timedelta(days=30)).status == Status.DEAD


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1"])
def test_a_source_whose_host_resolves_to_a_private_address_is_not_fetched(db, web, check, address):
    source = make_source(url="https://intranet.example/minutes/")
    web.dns["intranet.example"] = address
    state = check(source)
    assert state.status == Status.ERROR and "not a public address" in state.detail
    assert web.requests == []


def test_a_source_that_redirects_to_a_private_address_is_not_followed(db, web, check):
    source = make_source(url="https://news.example/moved/")
    web.redirect("https://news.example/moved/", "http://10.0.0.1/admin/")
    state = check(source)
    assert state.status == Status.ERROR
    assert web.requests == ["https://news.example/moved/"]


def test_an_offline_machine_says_could_not_check_never_dead(db, client):
    """The demo's addresses are under .example: they are refused without a DNS query."""
    source = make_source(url="https://www.riverton-ledger.example/2009/05/11/story/")
    make_profile(citations={"first": source})
    page = parse(client.get(source.get_absolute_url()))
    assert "Not checked yet" in page.select_one(".link-state").get_text()
    for day in range(3):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda day=day: DAY_ONE + timedelta(days=4 * day))
            linkcheck.check_sources([source.pk])
    state = LinkCheck.objects.get(source=source)
    assert state.status == Status.ERROR
    text = parse(client.get(source.get_absolute_url())).select_one(".link-state").get_text()
    assert "Could not check" in text and "reserved for examples" in text


def test_the_source_page_shows_the_status_and_the_last_check(db, web, check, client):
    source = make_source(url="https://news.example/story/")
    make_profile(citations={"first": source})
    web.page("https://news.example/story/", "<title>Story</title>")
    check(source)
    text = parse(client.get(source.get_absolute_url())).select_one(".link-state").get_text()
    assert "Live" in text and "last checked on November 2, 2026" in text


def test_a_check_of_an_old_address_does_not_describe_a_new_one(db, web, check):
    source = make_source(url="https://news.example/gone/")
    web.status("https://news.example/gone/", 404)
    check(source)
    loaded = Source.objects.select_related("link_check").get(pk=source.pk)
    assert loaded.link_state.status == Status.FAILING
    loaded.url = "https://news.example/found/"  # as an editor's save would change it
    assert loaded.link_state is None  # "not checked yet", until the new address is checked


def test_saving_new_sources_in_the_archive_is_off_unless_asked_for(db, web, check, settings):
    source = make_source(url="https://news.example/new/")
    web.page("https://news.example/new/", "<title>New</title>")
    web.hosts["web.archive.org"] = lambda request: httpx.Response(200)
    check(source)
    assert not [url for url in web.requests if "archive.org" in url]

    settings.ARCHIVE_SAVE_NEW_SOURCES = True
    other = make_source(url="https://news.example/newer/")
    web.page("https://news.example/newer/", "<title>Newer</title>")
    state = check(other)
    assert "https://web.archive.org/save/https://news.example/newer/" in web.requests
    assert state.archive_requested_at == DAY_ONE
    check(other, DAY_ONE + timedelta(days=30))  # asked once, not at every check
    assert web.requests.count("https://web.archive.org/save/https://news.example/newer/") == 1
