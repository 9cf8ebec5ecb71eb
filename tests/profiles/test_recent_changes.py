from xml.etree import ElementTree

import pytest
import reversion
from django.urls import reverse

from profiles.page_generation import page_cache
from profiles.revisions import latest_revision
from tests.conftest import make_user
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def edit(profile, *, user=None, comment="Edited.", lead=None):
    with reversion.create_revision():
        if user:
            reversion.set_user(user)
        reversion.set_comment(comment)
        profile.lead = lead if lead is not None else profile.lead + " More."
        profile.save()
    return latest_revision(profile)


def recent(client, **params):
    return parse(client.get(reverse("profiles:recent"), params))


def feed_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return root.findall(f"{ATOM}entry")


def test_recent_changes_lists_the_latest_revisions_across_profiles_newest_first(client):
    ruth = make_user("ruth")
    alpha = make_profile("Alpha Fund", comment="Created Alpha.")
    beta = make_profile("Beta Fund", comment="Created Beta.")
    latest = edit(alpha, user=ruth, comment="Expanded Alpha.")
    rows = recent(client).select("tr.recent-entry")
    assert [row.select_one(".recent-profile").get_text() for row in rows] == [
        "Alpha Fund",
        "Beta Fund",
        "Alpha Fund",
    ]
    assert [row.select_one(".revision-comment").get_text() for row in rows] == [
        "Expanded Alpha.",
        "Created Beta.",
        "Created Alpha.",
    ]
    assert rows[0].select_one(".revision-who").get_text() == "Ruth"
    assert rows[0].select_one(".size-up").get_text() == "+6"
    assert rows[0].th.a["href"] == f"/profiles/alpha-fund/revisions/{latest.pk}/"
    assert rows[1].select_one(".size-new")
    assert beta.name in rows[1].get_text()


def test_recent_changes_leave_out_unpublished_profiles(client):
    make_profile("Draft Fund", published=False)
    make_profile("Public Fund")
    rows = recent(client).select("tr.recent-entry")
    assert [row.select_one(".recent-profile").get_text() for row in rows] == ["Public Fund"]


def test_recent_changes_are_paginated(client, settings):
    settings.REVISIONS_PER_PAGE = 2
    profile = make_profile()
    edit(profile)
    edit(profile)
    assert len(recent(client).select("tr.recent-entry")) == 2
    assert len(recent(client, page=2).select("tr.recent-entry")) == 1


@pytest.mark.parametrize("edits", [2, 60])
def test_the_recent_changes_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, edits
):
    profiles = [make_profile(f"Fund {n}") for n in range(3)]
    for number in range(edits):
        edit(profiles[number % 3], user=make_user(f"user{number}"))
    client.get(reverse("profiles:recent"))  # stores the sizes of versions written outside services
    page_cache().clear()
    # the count, one page of revisions with users and the sizes before them, their profiles
    with django_assert_num_queries(3):
        response = client.get(reverse("profiles:recent"))
    assert len(parse(response).select("tr.recent-entry")) == min(edits + 3, 50)


def test_the_recent_changes_feed_lists_revisions_of_published_profiles(client):
    profile = make_profile("Public Fund", comment="Created <b>bold</b>.")
    make_profile("Draft Fund", published=False)
    revision = latest_revision(profile)
    soup = recent(client)
    assert soup.find("link", rel="alternate")["href"] == "/recent/feed/"
    [entry] = feed_entries(client.get(reverse("profiles:recent_feed")))
    assert entry.find(f"{ATOM}title").text == "Public Fund: Created <b>bold</b>."
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/profiles/public-fund/revisions/{revision.pk}/"
    assert "&lt;b&gt;" in entry.find(f"{ATOM}summary").text


def test_a_profiles_history_feed_lists_its_revisions(client):
    profile = make_profile(comment="Created.")
    edit(profile, comment="Second.")
    make_profile("Other Fund")
    entries = feed_entries(client.get(reverse("profiles:history_feed", args=[profile.slug])))
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        f"{profile.name}: Second.",
        f"{profile.name}: Created.",
    ]


def test_an_unpublished_profile_has_no_history_feed_even_for_editors(client, editor):
    profile = make_profile("Draft Fund", published=False)
    client.force_login(editor)
    response = client.get(reverse("profiles:history_feed", args=[profile.slug]))
    assert response.status_code == 404
