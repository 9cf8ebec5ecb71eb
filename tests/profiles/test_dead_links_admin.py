"""The editors' "Dead links" list: sources by link status, with the profiles citing them, and
actions to check again, accept the archived copy or replace the address (a revision each)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from profiles.models import LinkCheck, Source
from profiles.services import accept_archived_copy, replace_source_url
from tests.conftest import assert_one_new_revision
from tests.factories import make_profile, make_source
from tests.html import parse

pytestmark = pytest.mark.django_db

Status = LinkCheck.Status
ARCHIVED = "https://web.archive.org/web/20240105120000/https://news.example/closed/"
LIST = reverse("admin:profiles_deadlink_changelist")


def dead_source(url="https://news.example/closed/", **found):
    source = make_source(url=url, title="Shelter Closes Its Doors")
    LinkCheck.objects.create(
        source=source,
        checked_url=url,
        status=Status.DEAD,
        http_status=404,
        detail="The site answered 404: the page is not there.",
        checked_at=timezone.now(),
        first_failed_at=timezone.now() - timedelta(days=4),
        failures=2,
        **found,
    )
    return source


@pytest.fixture
def cited_dead_source():
    source = dead_source(archive_url=ARCHIVED, archive_date=date(2024, 1, 5))
    make_profile(
        "Harbor Shelter Trust",
        lead="It ran a shelter.[^closed] It closed in 2025.[^closed]",
        body="## History\n\nIt opened in 1999.[^closed]",
        citations={"closed": source},
    )
    make_profile("Port Verity Food Bank", slug="food-bank", citations={"first": source})
    return source


def test_anonymous_visitors_log_in_outsiders_are_refused_editors_see_the_list(
    client, outsider, editor
):
    assert client.get(LIST).status_code == 302
    client.force_login(outsider)
    assert client.get(LIST).status_code == 403
    client.force_login(editor)
    assert client.get(LIST).status_code == 200


def test_the_list_shows_dead_links_with_the_profiles_citing_them_and_how_often(
    editor_client, cited_dead_source
):
    live = make_source(url="https://news.example/fine/", title="Budget Passes")
    LinkCheck.objects.create(
        source=live, checked_url=live.url, status=Status.LIVE, checked_at=timezone.now()
    )
    page = parse(editor_client.get(LIST))
    rows = page.select("#result_list tbody tr")
    assert len(rows) == 1  # the live one needs no editor
    text = rows[0].get_text(" ", strip=True)
    assert "Shelter Closes Its Doors" in text and "Dead" in text and "404" in text
    assert "Harbor Shelter Trust (3)" in text and "Port Verity Food Bank (2)" in text
    assert "2024-01-05 (found, not yet accepted)" in text
    every = parse(editor_client.get(LIST, {"status": "all"}))
    assert len(every.select("#result_list tbody tr")) == 2


def test_the_list_filters_by_every_status(editor_client, cited_dead_source):
    unchecked = make_source(title="Never Looked At")
    page = parse(editor_client.get(LIST, {"status": "unchecked"}))
    titles = [row.select_one("th, td a").get_text() for row in page.select("#result_list tbody tr")]
    assert titles == [unchecked.title]
    page = parse(editor_client.get(LIST, {"status": "dead"}))
    assert len(page.select("#result_list tbody tr")) == 1


def test_accepting_the_archived_copy_is_one_revision_and_every_citing_profile_shows_it(
    editor_client, editor, cited_dead_source, revision_count, client
):
    before = revision_count(cited_dead_source)
    response = editor_client.post(
        LIST, {"action": "use_archived_copy", "_selected_action": [cited_dead_source.pk]}
    )
    assert response.status_code == 302
    source = Source.objects.get(pk=cited_dead_source.pk)
    assert source.archive_url == ARCHIVED and source.archive_date == date(2024, 1, 5)
    assert_one_new_revision(
        source, before=before, user=editor, comment_contains="Accepted the archived copy"
    )
    for slug in ("harbor-shelter-trust", "food-bank"):
        entry = parse(client.get(reverse("profiles:detail", args=[slug])))
        first_link = entry.select_one(".reference-list .source-citation a")
        assert first_link["href"] == ARCHIVED


def test_replacing_the_address_is_one_revision_and_every_citing_profile_shows_it(
    editor_client, editor, cited_dead_source, revision_count, client
):
    before = revision_count(cited_dead_source)
    url = reverse("admin:profiles_deadlink_replace_url", args=[cited_dead_source.pk])
    page = parse(editor_client.get(url))
    assert "Harbor Shelter Trust" in page.get_text() and "Port Verity Food Bank" in page.get_text()
    response = editor_client.post(
        url, {"url": "https://shelter.example/history/closing/", "note": "Found on its site."}
    )
    assert response.status_code == 302
    source = Source.objects.get(pk=cited_dead_source.pk)
    assert source.url == "https://shelter.example/history/closing/"
    revision = assert_one_new_revision(
        source, before=before, user=editor, comment_contains="Replaced the address"
    )
    assert "Found on its site." in revision.comment
    for slug in ("harbor-shelter-trust", "food-bank"):
        links = parse(client.get(reverse("profiles:detail", args=[slug]))).select(
            ".reference-list .source-citation a.source-url"
        )
        assert [link["href"] for link in links] == ["https://shelter.example/history/closing/"]
        # The old address's dead status does not describe the new one.
        assert "dead link" not in links[0].parent.get_text()


def test_an_address_another_source_has_is_refused_and_nothing_is_saved(
    editor_client, cited_dead_source, revision_count
):
    other = make_source(url="https://news.example/elsewhere/")
    before = revision_count(cited_dead_source)
    url = reverse("admin:profiles_deadlink_replace_url", args=[cited_dead_source.pk])
    response = editor_client.post(url, {"url": other.url})
    assert response.status_code == 200
    assert "already the source" in parse(response).select_one(".errorlist").get_text()
    assert Source.objects.get(pk=cited_dead_source.pk).url == "https://news.example/closed/"
    assert revision_count(cited_dead_source) == before


def test_checking_again_queues_the_selected_links(editor_client, cited_dead_source, web):
    web.page("https://news.example/closed/", "<title>Shelter Closes Its Doors</title>")
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(
            LIST, {"action": "check_again", "_selected_action": [cited_dead_source.pk]}
        )
    assert LinkCheck.objects.get(source=cited_dead_source).status == Status.LIVE


def test_only_editors_may_act_on_links_whoever_calls(outsider, cited_dead_source):
    with pytest.raises(PermissionDenied):
        accept_archived_copy(cited_dead_source, user=outsider)
    with pytest.raises(PermissionDenied):
        replace_source_url(cited_dead_source, "https://shelter.example/", user=outsider)


def test_the_admin_index_offers_the_dead_links_list(editor_client):
    page = parse(editor_client.get(reverse("admin:index")))
    assert page.find("a", href=LIST).get_text() == "Dead links"
