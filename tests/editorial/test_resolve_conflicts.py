"""An editor resolves each conflicting passage with a choice: the profile's text, the
suggestion's, or their own edit of it."""

import pytest
from django.urls import reverse

from editorial.services import approve_suggestion
from profiles.services import save_profile
from tests.editorial.submitting import form_fields
from tests.factories import make_profile_with_citations, make_suggestion
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_conflicts(profile, editor):
    """A suggestion that changes two sentences the profile has changed since: (suggestion,
    the body as the profile has it now)."""
    suggestion = make_suggestion(
        profile,
        body=profile.body.replace("in 2004", "in 2003").replace("about 300", "about 320"),
    )
    profile.body = profile.body.replace("in 2004", "in 2005").replace("about 300", "over 400")
    save_profile(profile, user=editor, comment="Newer figures.")
    return suggestion, profile.body


def review_form(editor_client, suggestion):
    url = reverse("admin:editorial_suggestion_change", args=[suggestion.pk])
    return parse(editor_client.get(url)).select_one("form.review-form")


def approve(editor_client, suggestion, **choices):
    data = form_fields(review_form(editor_client, suggestion))
    data.update(choices)
    return editor_client.post(
        reverse("admin:editorial_suggestion_approve", args=[suggestion.pk]), data
    )


def test_each_conflict_offers_the_three_choices_and_an_editable_box(editor_client, two_conflicts):
    suggestion, _now = two_conflicts
    form = review_form(editor_client, suggestion)
    choices = form.select(".conflict-choice")
    assert len(choices) == 2
    first = choices[0]
    assert "Conflict 1" in text_of(first.legend)
    cells = [text_of(cell) for cell in first.select(".conflict-table td")]
    assert "2004" in cells[0] and "2005" in cells[1] and "2003" in cells[2]
    labels = [text_of(label) for label in first.select(".conflict-options label")]
    assert labels == [
        "Keep the profile's text",
        "Keep the suggestion's text",
        "Use my edit of it (the box below)",
    ]
    assert "2003" in first.select_one("textarea").get_text()
    assert not form.select("textarea[name=body]")
    assert "<<<<<<<" not in form.get_text()


def test_choices_per_conflict_are_applied_each_in_its_place(editor_client, two_conflicts, profile):
    suggestion, now = two_conflicts
    response = approve(
        editor_client,
        suggestion,
        **{"body-conflict-0": "ours", "body-conflict-1": "theirs"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.body == now.replace("over 400", "about 320")
    suggestion.refresh_from_db()
    assert suggestion.status == "approved"


def test_an_edited_passage_keeps_the_text_around_it(editor_client, two_conflicts, profile):
    suggestion, now = two_conflicts
    approve(
        editor_client,
        suggestion,
        **{
            "body-conflict-0": "edited",
            "body-conflict-0-text": "It began in a library basement around 2004.[^first]",
            "body-conflict-1": "ours",
        },
    )
    profile.refresh_from_db()
    assert profile.body == now.replace(
        "It began in a library basement in 2005.", "It began in a library basement around 2004."
    )


def test_an_edit_citing_an_unknown_key_is_refused_with_the_choices_kept(
    editor_client, two_conflicts, profile
):
    suggestion, now = two_conflicts
    response = approve(
        editor_client,
        suggestion,
        **{
            "body-conflict-0": "edited",
            "body-conflict-0-text": "It began in 2004.[^nowhere]",
            "body-conflict-1": "theirs",
        },
    )
    assert response.status_code == 200
    page = parse(response)
    assert "nowhere" in text_of(page.select_one(".review-form"))
    kept = form_fields(page.select_one("form.review-form"))
    assert kept["body-conflict-0"] == "edited" and kept["body-conflict-1"] == "theirs"
    assert kept["body-conflict-0-text"] == "It began in 2004.[^nowhere]"
    profile.refresh_from_db()
    assert profile.body == now


def test_a_section_that_is_gone_can_be_added_back_by_keeping_the_suggestion(
    editor_client, editor, profile
):
    suggestion = make_suggestion(
        profile,
        section="programs",
        body="## Programs\n\nIt runs weekend classes for adults.[^second]",
    )
    profile.body = profile.body.split("## Programs")[0].strip()
    save_profile(profile, user=editor, comment="Programs moved to their own page.")
    approve(editor_client, suggestion, **{"body-conflict-0": "theirs"})
    profile.refresh_from_db()
    assert profile.body.endswith("## Programs\n\nIt runs weekend classes for adults.[^second]")
    assert profile.body.startswith("## Background")


@pytest.mark.parametrize("citation_count", [1, 40])
def test_the_review_page_of_a_conflict_makes_a_fixed_number_of_queries(
    editor_client, editor, django_assert_num_queries, citation_count
):
    profile = make_profile_with_citations(citation_count)
    suggestion = make_suggestion(profile, body=profile.body.replace("Paragraph 0", "Para 0"))
    profile.body = profile.body.replace("Paragraph 0", "Section 0")
    save_profile(profile, user=editor, comment="Renamed.")
    url = reverse("admin:editorial_suggestion_change", args=[suggestion.pk])
    editor_client.get(url)
    with django_assert_num_queries(REVIEW_QUERIES):
        page = parse(editor_client.get(url))
    assert len(page.select(".conflict-choice")) == 1


# The session, the user, its permissions (user and group), the suggestion, the profile, the
# diff's snapshot of it (types, facts, citations, connections), its infobox rows (for the
# digest that notices a change under the reviewer), and its latest revision.
REVIEW_QUERIES = 12


def test_approving_the_first_of_two_conflicting_suggestions_then_choosing_for_the_second(
    editor_client, editor, profile
):
    first = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2003"))
    second = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2005"))
    approve_suggestion(suggestion=first, editor=editor)
    approve(editor_client, second, **{"body-conflict-0": "theirs"})
    profile.refresh_from_db()
    assert "in 2005" in profile.body and "in 2003" not in profile.body
