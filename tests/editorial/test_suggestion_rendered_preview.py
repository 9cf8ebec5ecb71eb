"""The preview of a suggested edit shows the page as it will look, beside the diff."""

import pytest
from django.urls import reverse

from editorial.models import Suggestion
from tests.editorial.submitting import filled_in, preview_edit
from tests.editorial.test_suggest_edit import NEW_SOURCE
from tests.factories import make_profile_with_citations
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def rendered(response):
    return parse(response).select_one(".suggestion-rendered .suggestion-preview-page")


def test_the_preview_shows_the_page_with_the_change_and_the_new_reference_numbered(client, profile):
    response = preview_edit(
        client,
        profile,
        lead="It opened in 2003.[^annual-2003] " + profile.lead,
        message="See the report.",
        **NEW_SOURCE,
    )
    page = rendered(response)
    assert "It opened in 2003." in text_of(page.select_one(".profile-lead"))
    # The new source is cited first, so it is reference 1 and the old ones move down.
    entries = page.select(".reference-list li")
    assert "Tenth Annual Report" in text_of(entries[0])
    assert len(entries) == 3
    first_marker = page.select_one(".profile-lead sup a")
    assert text_of(first_marker) == "[1]"
    assert not page.select(".profile-actions")  # a preview offers no actions
    assert Suggestion.objects.count() == 0


def test_a_section_edit_shows_the_whole_page_with_the_section_changed(client, profile):
    response = preview_edit(
        client,
        profile,
        section="programs",
        body="## Programs\n\nIt runs weekend classes for adults.[^second]",
        message="The classes moved to weekends.",
    )
    page = rendered(response)
    body = text_of(page.select_one(".profile-body"))
    assert "weekend classes" in body
    assert "It began in a library basement" in body  # the other section is still there


@pytest.mark.parametrize("citation_count", [1, 40])
def test_the_preview_makes_a_fixed_number_of_queries(
    client, django_assert_num_queries, citation_count
):
    profile = make_profile_with_citations(citation_count)
    form = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    data = filled_in(form, lead="A new lead.[^s0]", message="Shorter.")
    url = reverse("editorial:suggest_edit_preview", args=[profile.slug])
    with django_assert_num_queries(PREVIEW_QUERIES):
        response = client.post(url, data)
    assert response.status_code == 200
    assert len(rendered(response).select(".reference-list li")) == citation_count


# The rate-limit counters (per minute and per day), the profile, the form's checks (its
# revision, infobox rows and labels, citations, start token, the revision it was opened at),
# the diff's snapshot of the profile, and the rendered page's facts, connections and types:
# the same for 1 citation as for 40.
PREVIEW_QUERIES = 32
