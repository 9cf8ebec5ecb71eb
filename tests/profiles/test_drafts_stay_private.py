"""Unpublished drafts (a tip an editor is finishing) are for editors only, everywhere."""

import pytest
from django.urls import reverse

from tests.factories import make_profile, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_profile(
        "Draft Fund", published=False, citations={"first": make_source(title="Draft Source")}
    )


def draft_urls(draft):
    source_id = draft.citations.get().source_id
    return [
        draft.get_absolute_url(),
        reverse("profiles:history", args=[draft.slug]),
        reverse("profiles:source", args=[source_id]),
        reverse("api:source", args=[source_id]),
        reverse("api:profile", args=[draft.slug]),
    ]


def test_readers_get_404_for_a_draft_its_history_and_its_sources(client, draft):
    for url in draft_urls(draft):
        assert client.get(url).status_code == 404, url


def test_staff_outside_the_editors_group_cannot_see_drafts_either(client, outsider, draft):
    client.force_login(outsider)
    for url in draft_urls(draft)[:3]:
        assert client.get(url).status_code == 404, url


def test_editors_see_the_draft_its_history_and_its_sources(editor_client, draft):
    for url in draft_urls(draft)[:3]:
        assert editor_client.get(url).status_code == 200, url


def test_a_source_cited_by_a_published_profile_is_public(client, draft):
    source = draft.citations.get().source
    make_profile("Open Fund", citations={"first": source})
    assert client.get(reverse("profiles:source", args=[source.pk])).status_code == 200
