"""Saving costs the same few queries however many facts and citations a profile has: an admin
save, a workspace save and the approval of a suggestion. (The page views' counts are pinned
beside each page's tests; the page cache's own in tests/test_page_cache.py.)"""

import pytest
from django.db import connection
from django.urls import reverse

from editorial.services import approve_suggestion
from tests.factories import make_profile_with_citations, make_suggestion
from tests.profiles.test_profile_admin import profile_form_data
from tests.profiles.test_workspace import page_data

pytestmark = pytest.mark.django_db

# Constant in the number of facts and citations. Beyond the rows themselves: the identifiers'
# uniqueness checks (admin), the stored size of the revision, the pending suggestions' conflict
# check, and on SQLite the full-text index row, deleted and written again (PostgreSQL's search
# document is a generated column).
SEARCH_INDEX = 2 if connection.vendor == "sqlite" else 0
ADMIN_SAVE_QUERIES = 52 + SEARCH_INDEX
APPROVAL_QUERIES = 34 + SEARCH_INDEX
WORKSPACE_SAVE_QUERIES = 38 + SEARCH_INDEX


def admin_form_data(profile, **changes):
    data = profile_form_data(profile, name=profile.name, slug=profile.slug, body=profile.body)
    for index, citation in enumerate(profile.citations.all()):
        data[f"citations-{index}-accessed"] = citation.accessed.isoformat()
    data.update(changes)
    return data


@pytest.mark.parametrize("citations", [1, 40])
def test_an_admin_save_costs_the_same_queries_however_many_citations(
    editor_client, django_assert_num_queries, citations
):
    profile = make_profile_with_citations(citations)
    data = admin_form_data(profile, lead="A revised opening.[^s0]")
    with django_assert_num_queries(ADMIN_SAVE_QUERIES):
        response = editor_client.post(
            reverse("admin:profiles_profile_change", args=[profile.pk]), data
        )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert "A revised opening." in profile.lead_html


@pytest.mark.parametrize("citations", [1, 40])
def test_an_approval_costs_the_same_queries_however_many_citations(
    editor, django_assert_num_queries, citations
):
    profile = make_profile_with_citations(citations)
    suggestion = make_suggestion(profile, lead="The trust also keeps a ledger.[^s0]")
    with django_assert_num_queries(APPROVAL_QUERIES):
        approve_suggestion(suggestion=suggestion, editor=editor)
    profile.refresh_from_db()
    assert "keeps a ledger" in profile.lead_html


@pytest.mark.parametrize("citations", [1, 40])
def test_a_workspace_save_costs_the_same_queries_however_many_citations(
    editor_client, django_assert_num_queries, citations
):
    profile = make_profile_with_citations(citations)
    url = reverse("profiles:edit", args=[profile.slug])
    data = page_data(editor_client, url)
    data.update({"location": ["Port Verity"], "summary": ["Location."], "save": ["1"]})
    with django_assert_num_queries(WORKSPACE_SAVE_QUERIES):
        response = editor_client.post(url, data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.location == "Port Verity"
