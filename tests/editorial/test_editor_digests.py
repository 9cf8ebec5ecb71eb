"""Editors who opt in hear about new suggestions: at most one digest an hour, none when nothing
is new, with the counts by kind, the oldest item's age and links to the queue."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from editorial.editor_digests import send_editor_digests
from editorial.models import EditorNotificationSettings, Suggestion
from tests.conftest import make_user
from tests.factories import make_error_report, make_profile, make_suggestion, make_tip

pytestmark = pytest.mark.django_db

QUEUE = "http://127.0.0.1:8000/admin/editorial/suggestion/"


def opt_in(user):
    return EditorNotificationSettings.objects.create(user=user, queue_digest=True)


@pytest.fixture
def queue(db):
    """Two suggested edits, an error report and a tip waiting, the oldest for three days."""
    profile = make_profile()
    items = [
        make_suggestion(profile, lead="It lends books."),
        make_suggestion(profile, lead="It lends records."),
        make_error_report(profile),
        make_tip(),
    ]
    Suggestion.objects.filter(pk=items[0].pk).update(created=timezone.now() - timedelta(days=3))
    return profile


def later(hours, minutes=0):
    return timezone.now() + timedelta(hours=hours, minutes=minutes)


def test_an_editor_who_opted_in_gets_the_counts_by_kind_the_oldest_age_and_the_links(
    editor, queue, mailoutbox
):
    opt_in(editor)
    assert send_editor_digests().sent == 1
    (email,) = mailoutbox
    assert email.to == ["edith@example.org"]
    assert email.subject == "4 new suggestions wait for review on Sourcebook"
    body = email.body
    assert "Hello Edith," in body
    assert "4 suggestions are new to you:" in body
    assert "- 2 suggested edits\n- 1 error report\n- 1 new profile tip\n" in body
    assert f"- 2 suggested edits: {QUEUE}?kind__exact=edit" in body
    assert f"- 1 new profile tip: {QUEUE}?kind__exact=tip" in body
    assert "The oldest has waited 3\xa0days." in body
    assert f"Open the queue:\n{QUEUE}\n" in body
    assert "http://127.0.0.1:8000/admin/editorial/editornotificationsettings/" in body


def test_nobody_who_did_not_opt_in_gets_one(editor, outsider, queue, mailoutbox):
    EditorNotificationSettings.objects.create(user=editor, queue_digest=False)
    opt_in(outsider)  # staff, but no right to review: the queue is not theirs to hear about
    former = make_user("fiona", staff=True, editor=True)
    opt_in(former)
    former.is_active = False
    former.save()
    assert send_editor_digests().sent == 0
    assert mailoutbox == []


def test_an_editor_without_an_email_address_is_skipped(editor, queue, mailoutbox):
    editor.email = ""
    editor.save()
    opt_in(editor)
    assert send_editor_digests().sent == 0


def test_an_empty_queue_sends_nothing(editor, mailoutbox):
    opt_in(editor)
    assert send_editor_digests().sent == 0
    assert mailoutbox == []


def test_at_most_one_digest_an_hour_however_much_arrives(editor, queue, mailoutbox):
    opt_in(editor)
    send_editor_digests()
    make_tip("Westmarch Food Bank")
    assert send_editor_digests(now=later(0, 59)).sent == 0
    assert send_editor_digests(now=later(1, 1)).sent == 1
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "1 new suggestion waits for review on Sourcebook"
    assert "One suggestion arrived since your last digest:\n- 1 new profile tip\n" in (
        mailoutbox[1].body
    )
    assert "In all, 5 suggestions wait for review:" in mailoutbox[1].body


def test_no_digest_when_nothing_is_new_since_the_last_one(editor, queue, mailoutbox):
    opt_in(editor)
    send_editor_digests()
    assert send_editor_digests(now=later(2)).sent == 0
    assert send_editor_digests(now=later(30)).sent == 0
    assert len(mailoutbox) == 1


def test_a_round_run_twice_at_the_same_moment_sends_one_digest(editor, queue, mailoutbox):
    opt_in(editor)
    now = timezone.now()
    stale = list(EditorNotificationSettings.objects.all())  # what a second round had read
    assert send_editor_digests(now=now).sent == 1
    with mock.patch("editorial.editor_digests.due_settings", return_value=stale):
        assert send_editor_digests(now=now).sent == 0
    assert len(mailoutbox) == 1


def test_a_digest_that_cannot_be_sent_is_sent_by_the_next_round(editor, queue, mailoutbox):
    opt_in(editor)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        assert send_editor_digests().failed == 1
    assert send_editor_digests().sent == 1
    assert len(mailoutbox) == 1


def test_each_editor_counts_what_is_new_to_them(editor, queue, mailoutbox):
    opt_in(editor)
    send_editor_digests()
    newcomer = make_user("nadia", staff=True, editor=True)
    opt_in(newcomer)
    make_tip("Westmarch Food Bank")
    send_editor_digests(now=later(1, 1))
    subjects = {email.to[0]: email.subject for email in mailoutbox[1:]}
    assert subjects == {
        "edith@example.org": "1 new suggestion waits for review on Sourcebook",
        "nadia@example.org": "5 new suggestions wait for review on Sourcebook",
    }


def test_the_command_does_one_round_and_fails_loudly_when_an_email_fails(editor, queue):
    opt_in(editor)
    out = io.StringIO()
    call_command("send_editor_digests", stdout=out)
    assert out.getvalue() == "Sent 1 review digest(s) to editors.\n"
    make_tip("Westmarch Food Bank")
    EditorNotificationSettings.objects.update(digest_sent_at=timezone.now() - timedelta(hours=2))
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        with pytest.raises(CommandError, match="1 digest"):
            call_command("send_editor_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 1
