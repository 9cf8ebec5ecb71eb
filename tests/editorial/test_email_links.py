"""The links in a contributor's emails lead back to the site they used."""

import re

import pytest
from django.test import Client

from editorial.models import Suggestion
from editorial.services import confirm_email, email_confirmation_key, reject_suggestion
from tests.editorial.submitting import send_report
from tests.factories import make_profile

pytestmark = pytest.mark.django_db


def links_in(email):
    return re.findall(r"https?://\S+", email.body)


def report_and_decide(client, editor, captured):
    with captured(execute=True):
        send_report(
            client, make_profile(), message="The year is wrong.", contributor_email="a@example.org"
        )
    suggestion = Suggestion.objects.get()
    confirm_email(suggestion=suggestion, key=email_confirmation_key(suggestion))
    with captured(execute=True):
        reject_suggestion(suggestion=suggestion, editor=editor, note="The filing says 2004.")
    return suggestion


def test_without_a_site_address_the_emails_link_to_the_host_and_port_the_form_was_sent_to(
    settings, editor, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    client = Client(headers={"host": "127.0.0.1:8772"})
    suggestion = report_and_decide(client, editor, django_capture_on_commit_callbacks)
    confirmation, decision = mailoutbox
    assert links_in(confirmation)[0].startswith("http://127.0.0.1:8772/suggestions/")
    assert f"http://127.0.0.1:8772/suggestions/{suggestion.token}/" in links_in(decision)


def test_the_configured_site_address_wins_over_the_request(
    settings, editor, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://sourcebook.example/"
    client = Client(headers={"host": "127.0.0.1:8772"})
    suggestion = report_and_decide(client, editor, django_capture_on_commit_callbacks)
    decision = mailoutbox[-1]
    assert f"https://sourcebook.example/suggestions/{suggestion.token}/" in links_in(decision)
    assert not any("8772" in link for email in mailoutbox for link in links_in(email))
