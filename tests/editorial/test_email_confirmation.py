"""Decisions are emailed only to an address its owner confirmed."""

import re

import pytest
from django.urls import reverse

from editorial.services import approve_suggestion, email_confirmation_key, reject_suggestion
from tests.editorial.submitting import send_report
from tests.factories import make_profile, make_suggestion
from tests.html import parse

pytestmark = pytest.mark.django_db


def confirm_link(email):
    return re.search(r"https?://[^/\s]+(/suggestions/\S+/confirm/\S+/)", email.body)[1]


def test_the_first_email_only_asks_to_confirm_and_names_nobody(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    profile = make_profile()
    with django_capture_on_commit_callbacks(execute=True):
        send_report(
            client,
            profile,
            message="The year is wrong.",
            contributor_name="Your Bank Security Team",
            contributor_email="someone@example.org",
        )
    [email] = mailoutbox
    assert email.to == ["someone@example.org"]
    assert "Confirm your email address" in email.subject
    assert "Bank" not in email.subject + email.body
    assert confirm_link(email)


def test_no_decision_email_goes_to_an_unconfirmed_address(
    editor, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion(make_profile(), location="A", contributor_email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        reject_suggestion(suggestion=suggestion, editor=editor, note="No source says so.")
    assert mailoutbox == []


def test_confirming_takes_a_button_and_then_the_decision_is_emailed(
    client, editor, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion(make_profile(), location="A", contributor_email="a@example.org")
    url = reverse(
        "editorial:confirm_email", args=[suggestion.token, email_confirmation_key(suggestion)]
    )
    page = parse(client.get(url))  # a mail scanner following the link confirms nothing
    assert page.select_one("main form button").get_text() == "Confirm my address"
    suggestion.refresh_from_db()
    assert suggestion.email_confirmed_at is None
    assert "your address is confirmed" in parse(client.post(url)).get_text()
    with django_capture_on_commit_callbacks(execute=True):
        approve_suggestion(suggestion=suggestion, editor=editor, note="Thanks.")
    [decision] = mailoutbox
    assert "approved" in decision.subject and "Thanks." in decision.body


def test_a_decision_made_before_confirming_is_emailed_on_confirming(
    client, editor, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion(make_profile(), location="A", contributor_email="a@example.org")
    reject_suggestion(suggestion=suggestion, editor=editor, note="Not now.")
    url = reverse(
        "editorial:confirm_email", args=[suggestion.token, email_confirmation_key(suggestion)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    [decision] = mailoutbox
    assert "Not now." in decision.body


def test_a_wrong_key_confirms_nothing(client):
    suggestion = make_suggestion(make_profile(), location="A", contributor_email="a@example.org")
    response = client.post(reverse("editorial:confirm_email", args=[suggestion.token, "x" * 27]))
    assert "not valid" in parse(response).get_text()
    suggestion.refresh_from_db()
    assert suggestion.email_confirmed_at is None
