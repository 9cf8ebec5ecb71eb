"""A form's start token is good for one submission, and only for a few hours."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from editorial.abuse import FORM_MAX_AGE, started_token
from editorial.models import Suggestion
from tests.editorial.submitting import field_errors, filled_in
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db


def report_data(client, profile, message):
    page = client.get(reverse("editorial:report_error", args=[profile.slug]))
    return filled_in(page, message=message)


def send(client, profile, data):
    return client.post(reverse("editorial:report_error_send", args=[profile.slug]), data)


def test_one_start_token_sends_one_report_even_from_other_addresses(client):
    profile = make_profile()
    data = report_data(client, profile, "The founding year is 2004, not 2005.")
    assert send(client, profile, data).status_code == 302
    for number in range(2, 7):
        elsewhere = Client(REMOTE_ADDR=f"198.51.100.{number}")
        again = send(elsewhere, profile, {**data, "message": f"Another claim {number}."})
        assert again.status_code == 200
        assert "This form was sent already" in field_errors(again)
        assert f"Another claim {number}." in again.content.decode(), "what was typed is kept"
    assert Suggestion.objects.count() == 1


def test_the_refused_form_carries_a_fresh_token_that_works(client, settings):
    settings.EDITORIAL_MIN_FILL_SECONDS = 0  # the test re-sends at once; a person would not
    profile = make_profile()
    data = report_data(client, profile, "First report about the year.")
    send(client, profile, data)
    refused = send(client, profile, {**data, "message": "Second report, about the name."})
    fresh = parse(refused).select_one("input[name=started]")["value"]
    assert fresh != data["started"]
    resent = send(client, profile, {**data, "message": "Second report.", "started": fresh})
    assert resent.status_code == 302
    assert Suggestion.objects.pending().count() == 2


def test_a_token_older_than_a_few_hours_is_refused_and_the_text_kept(client):
    profile = make_profile()
    data = report_data(client, profile, "An old tab, sent at last.")
    data["started"] = started_token(time.time() - FORM_MAX_AGE - 60)
    response = send(client, profile, data)
    assert "This form was open for too long" in field_errors(response)
    assert "An old tab, sent at last." in response.content.decode()
    assert not Suggestion.objects.exists()
    assert FORM_MAX_AGE <= 6 * 3600


def test_the_follow_form_sent_twice_says_so_without_calling_it_a_suggestion(client, mailoutbox):
    profile = make_profile()
    page = client.get(reverse("editorial:follow", args=[profile.slug]))
    data = filled_in(page, seconds_ago=30, email="ana@example.org")
    sent = reverse("editorial:follow_send", args=[profile.slug])
    assert client.post(sent, data).status_code == 302
    again = client.post(sent, {**data, "email": "ben@example.org"})
    errors = field_errors(again)
    assert "This form was sent already. To send it once more" in errors
    assert "suggestion" not in errors
    assert "ben@example.org" in again.content.decode(), "what was typed is kept"
