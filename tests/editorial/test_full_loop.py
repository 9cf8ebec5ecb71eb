import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from editorial.models import Suggestion
from profiles.history import history_entries
from profiles.revisions import profile_versions
from tests.conftest import assert_one_new_revision
from tests.editorial.submitting import form_fields, send_edit
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_an_anonymous_suggestion_approved_in_the_admin_reaches_the_profile_history_and_inbox(
    client, editor, profile, revision_count, django_capture_on_commit_callbacks, mailoutbox
):
    # A reader suggests a correction, with a name and an email address.
    corrected = profile.body.replace("in 2004", "in 2003")
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_edit(
            client,
            profile,
            body=corrected,
            message="It opened in 2003, according to the fund's tenth annual report.",
            contributor_name="Rosa Marin",
            contributor_email="rosa@example.org",
        )
    suggestion = Suggestion.objects.get()

    # The address gets one email first: a link to confirm it, which names nobody.
    [confirmation] = mailoutbox
    assert confirmation.to == ["rosa@example.org"] and "Rosa" not in confirmation.body
    confirm_path = re.search(r"https?://[^/\s]+(/suggestions/\S+/confirm/\S+/)", confirmation.body)[
        1
    ]
    assert client.post(confirm_path).status_code == 200
    mailoutbox.clear()
    assert sent["Location"] == reverse("editorial:sent", args=[suggestion.token])
    thanks = parse(client.get(sent["Location"]))
    tracking_url = thanks.select_one("a.tracking-link")["href"]
    assert tracking_url == f"/suggestions/{suggestion.token}/"
    assert parse(client.get(tracking_url)).select_one(".suggestion-status").get_text() == "Pending"

    # An editor reviews it in the admin: the change is shown as a diff, and approved.
    desk = Client()
    desk.force_login(editor)
    review = parse(desk.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk])))
    assert [ins.get_text() for ins in review.select(".suggestion-diff ins")] == ["2003"]
    data = form_fields(review.select_one("form.review-form"))
    data["note"] = "Thank you: the annual report confirms it."
    before = revision_count(profile)
    with django_capture_on_commit_callbacks(execute=True):
        approved = desk.post(
            reverse("admin:editorial_suggestion_approve", args=[suggestion.pk]), data
        )
    assert approved.status_code == 302

    # The profile shows the change...
    page = parse(client.get(profile.get_absolute_url()))
    assert "It began in a library basement in 2003." in page.select_one(".profile-body").get_text()

    # ...the history has one new revision by the editor, naming the suggestion...
    revision = assert_one_new_revision(
        profile,
        before=before,
        user=editor,
        comment_contains=f"Suggestion #{suggestion.pk} from Rosa Marin: It opened in 2003",
    )
    suggestion.refresh_from_db()
    assert suggestion.applied_revision == revision
    newest = history_entries(profile_versions(profile))[0]
    assert (newest.who, newest.revision_id) == ("Edith", revision.pk)
    assert f"Suggestion #{suggestion.pk}" in newest.comment
    try:
        history_url = reverse("profiles:history", args=[profile.slug])
    except NoReverseMatch:  # the public history page arrives with the history branch
        history_url = None
    if history_url:
        history = parse(client.get(history_url)).get_text(" ")
        assert "Edith" in history and f"Suggestion #{suggestion.pk}" in history

    # ...the tracking page says approved, with the editor's note...
    tracking = parse(client.get(tracking_url))
    assert tracking.select_one(".suggestion-status").get_text() == "Approved"
    assert "the annual report confirms it" in tracking.select_one(".review-note").get_text()

    # ...and the contributor, who confirmed the address, got an email with the note and the
    # tracking link.
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["rosa@example.org"]
    assert "approved" in email.subject
    assert "the annual report confirms it" in email.body
    assert f"/suggestions/{suggestion.token}/" in email.body
