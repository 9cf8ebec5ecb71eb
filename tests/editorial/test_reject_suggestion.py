import pytest
from django.urls import reverse
from reversion.models import Revision

from editorial.models import Suggestion
from editorial.services import NotPending, approve_suggestion, mark_spam, reject_suggestion
from tests.editorial.submitting import form_fields
from tests.factories import confirmed, make_suggestion
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_rejecting_writes_no_revision_and_records_who_why_and_when(profile, editor):
    suggestion = make_suggestion(profile, location="Atlantis")
    revisions = Revision.objects.count()
    reject_suggestion(suggestion=suggestion, editor=editor, note="No source says so.")
    assert Revision.objects.count() == revisions
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reviewer, suggestion.review_note) == (
        "rejected",
        editor,
        "No source says so.",
    )
    assert suggestion.reviewed_at is not None and suggestion.applied_revision is None
    profile.refresh_from_db()
    assert profile.location == "Port Verity, Eastmark"


def test_rejecting_from_the_review_page_emails_the_note_to_the_contributor(
    profile, editor_client, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = confirmed(
        make_suggestion(profile, location="Atlantis", contributor_email="ana@example.org")
    )
    review = parse(
        editor_client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk]))
    )
    data = {**form_fields(review.select_one("form.review-form")), "note": "No source says so."}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:editorial_suggestion_reject", args=[suggestion.pk]), data
        )
    assert response["Location"] == reverse("admin:editorial_suggestion_changelist")
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected" and suggestion.review_note == "No source says so."
    assert len(mailoutbox) == 1
    assert "not used" in mailoutbox[0].subject
    assert "No source says so." in mailoutbox[0].body
    assert suggestion.get_absolute_url() in mailoutbox[0].body


def test_rejecting_a_suggestion_with_conflict_markers_left_in_it_is_allowed(profile, editor):
    first = make_suggestion(profile, body=profile.body.replace("2004", "2003"))
    second = make_suggestion(profile, body=profile.body.replace("2004", "2005"))
    approve_suggestion(suggestion=first, editor=editor)
    reject_suggestion(suggestion=second, editor=editor, note="The 2003 date is sourced.")
    second.refresh_from_db()
    assert second.status == "rejected"


def test_marking_spam_quarantines_it_without_an_email(
    profile, editor, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion(profile, location="Buy now", contributor_email="bot@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        mark_spam(suggestion=suggestion, editor=editor)
    suggestion.refresh_from_db()
    assert suggestion.status == "spam"
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()
    assert mailoutbox == []


def test_a_decided_suggestion_cannot_be_decided_again(profile, editor):
    suggestion = make_suggestion(profile, location="Atlantis")
    reject_suggestion(suggestion=suggestion, editor=editor)
    with pytest.raises(NotPending):
        approve_suggestion(suggestion=suggestion, editor=editor)
    with pytest.raises(NotPending):
        mark_spam(suggestion=suggestion, editor=editor)


def test_bulk_reject_and_bulk_spam_in_the_queue_decide_only_pending_items(
    profile, editor, editor_client
):
    first, second, third = (make_suggestion(profile, location=f"Place {n}") for n in range(3))
    reject_suggestion(suggestion=third, editor=editor, note="Earlier decision.")
    changelist = reverse("admin:editorial_suggestion_changelist")
    editor_client.post(
        changelist,
        {"action": "reject_selected", "_selected_action": [first.pk, third.pk]},
    )
    editor_client.post(
        changelist, {"action": "mark_selected_as_spam", "_selected_action": [second.pk]}
    )
    statuses = dict(Suggestion.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "rejected", second.pk: "spam", third.pk: "rejected"}
    third.refresh_from_db()
    assert third.review_note == "Earlier decision."


def test_the_queue_has_no_delete_action_so_spam_is_never_dropped(profile, editor_client):
    make_suggestion(profile, location="Somewhere")
    page = parse(editor_client.get(reverse("admin:editorial_suggestion_changelist")))
    actions = [option["value"] for option in page.select("select[name=action] option")]
    assert "delete_selected" not in actions
    assert {"reject_selected", "mark_selected_as_spam"} <= set(actions)
