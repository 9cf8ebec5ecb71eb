import pytest
from django.urls import reverse

from editorial.services import approve_suggestion, mark_spam, reject_suggestion
from tests.factories import make_suggestion, make_tip
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_tracking_page_shows_a_pending_suggestion_without_a_decision(client, profile):
    suggestion = make_suggestion(profile, location="Atlantis", message="It moved to Atlantis.")
    page = parse(client.get(suggestion.get_absolute_url()))
    assert page.select_one(".suggestion-status").get_text() == "Pending"
    assert page.select_one(".review-note") is None
    assert "It moved to Atlantis." in page.get_text()
    assert page.find("a", href=profile.get_absolute_url())


def test_the_tracking_page_shows_approval_with_the_editors_note(client, profile, editor):
    suggestion = make_suggestion(profile, location="Port Verity")
    approve_suggestion(suggestion=suggestion, editor=editor, note="Shortened, thanks.")
    page = parse(client.get(suggestion.get_absolute_url()))
    assert page.select_one(".suggestion-status").get_text() == "Approved"
    assert "Shortened, thanks." in page.select_one(".review-note").get_text()


def test_the_tracking_page_shows_rejection_with_the_editors_note(client, profile, editor):
    suggestion = make_suggestion(profile, location="Atlantis")
    reject_suggestion(suggestion=suggestion, editor=editor, note="<b>No</b> source says so.")
    response = client.get(suggestion.get_absolute_url())
    page = parse(response)
    assert page.select_one(".suggestion-status").get_text() == "Rejected"
    assert "<b>No</b> source says so." in page.select_one(".review-note").get_text()
    assert b"<b>No</b>" not in response.content


def test_spam_looks_pending_to_whoever_sent_it(client, profile, editor):
    suggestion = make_suggestion(profile, location="Buy now")
    mark_spam(suggestion=suggestion, editor=editor)
    page = parse(client.get(suggestion.get_absolute_url()))
    assert page.select_one(".suggestion-status").get_text() == "Pending"


def test_a_tracking_page_is_private_uncached_and_not_indexed(client, profile):
    suggestion = make_suggestion(profile, location="Atlantis")
    response = client.get(suggestion.get_absolute_url())
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert parse(response).find("meta", attrs={"name": "referrer", "content": "no-referrer"})


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("editorial:tracking", args=["not-a-real-token"])).status_code == 404


@pytest.mark.parametrize("token", ["%00", "abc%00def", "%C2%B2", "a.b", "%20", "x" * 5000])
@pytest.mark.parametrize("after", ["", "sent/"])
def test_a_token_with_characters_tokens_never_have_is_not_found(client, token, after):
    assert client.get(f"/suggestions/{token}/{after}").status_code == 404


def test_tracking_tokens_are_long_random_and_unique(profile):
    tokens = {make_suggestion(profile, location=f"Place {n}").token for n in range(5)}
    assert len(tokens) == 5
    assert all(len(token) >= 32 for token in tokens)


def test_a_tip_shows_the_suggested_name(client):
    tip = make_tip("Eastmark Reading Circle")
    page = parse(client.get(tip.get_absolute_url()))
    assert "Eastmark Reading Circle" in page.select_one(".tracking-details").get_text()
