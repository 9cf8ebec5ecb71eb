import pytest
import reversion
from django.urls import reverse

from editorial.merging import has_conflict_markers, merge_text, split_units
from editorial.models import Suggestion
from editorial.services import MergeConflict, approve_suggestion
from tests.editorial.submitting import form_fields
from tests.factories import make_suggestion
from tests.html import parse

BASE = "First paragraph. It has two sentences.\n\nSecond paragraph, one sentence.\n\nThird."


def test_cutting_text_into_units_loses_nothing():
    text = 'One. Two! "Three?" Four.[^a][^b] Five\n\n## Heading\n- a list item\n'
    assert "".join(split_units(text)) == text
    assert split_units("One. Two.") == ["One. ", "Two."]


def test_edits_to_different_paragraphs_merge_cleanly():
    ours = BASE.replace("Second paragraph", "Second paragraph, edited by an editor")
    theirs = BASE.replace("Third.", "Third, extended by a contributor.")
    merged = merge_text(BASE, ours, theirs)
    assert not merged.has_conflicts
    assert "edited by an editor" in merged.text
    assert "extended by a contributor" in merged.text


def test_edits_to_separate_sentences_of_one_paragraph_merge_cleanly():
    base = "Alpha one. Beta two. Gamma three. Delta four."
    merged = merge_text(
        base, base.replace("Alpha one", "Alpha 1"), base.replace("Delta four", "Delta 4")
    )
    assert merged.text == "Alpha 1. Beta two. Gamma three. Delta 4."


def test_a_paragraph_added_at_the_end_merges_with_an_edit_to_the_last_paragraph():
    merged = merge_text(BASE, BASE + "\n\nFourth.", BASE.replace("Third.", "Third, revised."))
    assert merged.text == BASE.replace("Third.", "Third, revised.") + "\n\nFourth."


def test_edits_to_the_same_sentence_conflict_and_keep_both_versions_between_markers():
    merged = merge_text(
        BASE,
        BASE.replace("one sentence", "a single sentence"),
        BASE.replace("one sentence", "exactly one sentence"),
    )
    assert merged.has_conflicts
    assert merged.conflicts[0].ours.strip() == "Second paragraph, a single sentence."
    assert merged.conflicts[0].theirs.strip() == "Second paragraph, exactly one sentence."
    assert has_conflict_markers(merged.text)
    assert "Third." in merged.text


def test_the_same_edit_on_both_sides_is_not_a_conflict():
    edited = BASE.replace("Third.", "Third and last.")
    assert merge_text(BASE, edited, edited).text == edited


def test_windows_line_endings_do_not_make_a_conflict():
    merged = merge_text(BASE, BASE.replace("\n", "\r\n"), BASE.replace("Third.", "Last."))
    assert merged.text == BASE.replace("Third.", "Last.")


# Suggestions written against the same revision -------------------------------------------------

pytestmark = pytest.mark.django_db


def test_two_suggestions_to_different_paragraphs_both_apply(profile, editor):
    first = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2003"))
    second = make_suggestion(profile, body=profile.body.replace("about 300", "about 350"))
    approve_suggestion(suggestion=first, editor=editor)
    approve_suggestion(suggestion=second, editor=editor)
    profile.refresh_from_db()
    assert "in 2003" in profile.body and "about 350" in profile.body
    assert Suggestion.objects.filter(status="approved").count() == 2


def test_two_suggestions_to_the_same_sentence_the_second_conflicts_and_is_not_applied(
    profile, editor, revision_count
):
    first = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2003"))
    second = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2005"))
    approve_suggestion(suggestion=first, editor=editor)
    before = revision_count(profile)
    with pytest.raises(MergeConflict):
        approve_suggestion(suggestion=second, editor=editor)
    second.refresh_from_db()
    profile.refresh_from_db()
    assert second.has_conflict and second.status == "pending"
    assert "in 2003" in profile.body and "in 2005" not in profile.body
    assert revision_count(profile) == before


def test_approving_the_first_flags_the_conflicting_second_in_the_queue(profile, editor):
    first = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2003"))
    second = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2005"))
    elsewhere = make_suggestion(profile, location="Port Verity")
    approve_suggestion(suggestion=first, editor=editor)
    second.refresh_from_db()
    elsewhere.refresh_from_db()
    assert second.has_conflict
    assert not elsewhere.has_conflict


def test_the_review_page_shows_the_conflict_and_refuses_it_until_the_editor_resolves_it(
    profile, editor, editor_client
):
    original_body = profile.body
    first = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2003"))
    second = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2005"))
    approve_suggestion(suggestion=first, editor=editor)
    url = reverse("admin:editorial_suggestion_change", args=[second.pk])
    review = parse(editor_client.get(url))
    conflict = review.select_one(".conflict-table tbody tr")
    cells = [cell.get_text().strip() for cell in conflict.find_all("td")]
    assert "2004" in cells[0] and "2003" in cells[1] and "2005" in cells[2]

    approve_url = reverse("admin:editorial_suggestion_approve", args=[second.pk])
    data = form_fields(review.select_one("form.review-form"))
    assert "body" not in data  # no text with conflict markers to clean up by hand
    refused = editor_client.post(approve_url, data)
    assert refused.status_code == 200
    assert "Choose what to keep" in parse(refused).select_one(".conflict-choice .errorlist").text
    second.refresh_from_db()
    assert second.status == "pending"

    # The editor writes their own version of the passage.
    passage = "It began in a library basement in 2003 (some records say 2005).[^first] "
    edited = {"body-conflict-0": "edited", "body-conflict-0-text": passage}
    approved = editor_client.post(approve_url, {**data, **edited})
    assert approved.status_code == 302
    profile.refresh_from_db()
    assert profile.body == original_body.replace("in 2004", "in 2003 (some records say 2005)")
    second.refresh_from_db()
    assert second.status == "approved"


def test_a_resolution_is_refused_when_the_profile_changed_while_the_editor_looked(
    profile, editor, editor_client
):
    suggestion = make_suggestion(profile, lead="The fund runs reading programs.[^first]")
    url = reverse("admin:editorial_suggestion_change", args=[suggestion.pk])
    data = form_fields(parse(editor_client.get(url)).select_one("form.review-form"))
    with reversion.create_revision():
        profile.location = "Port Verity, West Eastmark"
        profile.save()
    refused = editor_client.post(
        reverse("admin:editorial_suggestion_approve", args=[suggestion.pk]), data, follow=True
    )
    assert "The profile changed while you were reviewing" in refused.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
    profile.refresh_from_db()
    assert profile.location == "Port Verity, West Eastmark"
