"""From the private tracking page: the revision that applied a suggestion, and withdrawing
one that no editor has decided on."""

import pytest
from django.test import Client
from django.urls import reverse

from editorial.models import Suggestion
from editorial.services import approve_suggestion, mark_spam, reject_suggestion
from tests.factories import make_suggestion, make_tip
from tests.html import parse

pytestmark = pytest.mark.django_db


def withdraw_url(suggestion):
    return reverse("editorial:withdraw", args=[suggestion.token])


def status_of(suggestion):
    suggestion.refresh_from_db()
    return suggestion.status


def test_an_approved_suggestion_links_to_the_revision_that_applied_it(client, profile, editor):
    suggestion = make_suggestion(profile, location="Port Verity East")
    approve_suggestion(suggestion=suggestion, editor=editor)
    suggestion.refresh_from_db()
    number = suggestion.applied_revision_id
    page = parse(client.get(suggestion.get_absolute_url()))
    links = [a["href"] for a in page.select(".applied-revision a")]
    assert links == [
        reverse("profiles:diff", args=[profile.slug]) + f"?to={number}",
        reverse("profiles:revision", args=[profile.slug, number]),
    ]
    assert client.get(links[0]).status_code == 200


def test_a_tip_applied_to_an_unpublished_profile_names_the_revision_without_a_link(client, editor):
    tip = make_tip()
    approve_suggestion(suggestion=tip, editor=editor)
    page = parse(client.get(tip.get_absolute_url()))
    assert "not published yet" in page.select_one(".applied-revision").get_text()
    assert not page.select(".applied-revision a")


def test_withdrawing_asks_first_and_then_takes_a_post(client, profile):
    suggestion = make_suggestion(profile, location="Port Verity East")
    tracking = parse(client.get(suggestion.get_absolute_url()))
    assert tracking.select_one("a.withdraw-link")["href"] == withdraw_url(suggestion)
    confirm = parse(client.get(withdraw_url(suggestion)))
    assert status_of(suggestion) == "pending"  # opening the page withdraws nothing
    form = confirm.select_one("form.withdraw-form")
    assert form["method"] == "post" and form.select_one("input[name=csrfmiddlewaretoken]")
    response = client.post(withdraw_url(suggestion), follow=True)
    assert status_of(suggestion) == "withdrawn"
    page = parse(response)
    assert page.select_one(".suggestion-status").get_text() == "Withdrawn"
    assert "Your suggestion is withdrawn." in page.get_text()
    assert not page.select("a.withdraw-link")


def test_withdrawing_needs_the_csrf_token(profile):
    suggestion = make_suggestion(profile, location="Port Verity East")
    response = Client(enforce_csrf_checks=True).post(withdraw_url(suggestion))
    assert response.status_code == 403
    assert status_of(suggestion) == "pending"


def test_a_decided_suggestion_cannot_be_withdrawn(client, profile, editor):
    suggestion = make_suggestion(profile, location="Atlantis")
    reject_suggestion(suggestion=suggestion, editor=editor, note="No source says so.")
    assert client.get(withdraw_url(suggestion)).status_code == 302
    client.post(withdraw_url(suggestion))
    assert status_of(suggestion) == "rejected"
    page = parse(client.get(suggestion.get_absolute_url()))
    assert not page.select("a.withdraw-link")


def test_spam_can_be_withdrawn_like_a_pending_one_so_the_page_tells_its_sender_nothing(
    client, profile, editor
):
    suggestion = make_suggestion(profile, location="Buy now")
    mark_spam(suggestion=suggestion, editor=editor)
    assert parse(client.get(suggestion.get_absolute_url())).select("a.withdraw-link")
    client.post(withdraw_url(suggestion))
    assert status_of(suggestion) == "withdrawn"


def test_the_review_desk_shows_it_withdrawn_and_out_of_the_pending_queue(
    client, profile, editor_client
):
    suggestion = make_suggestion(profile, location="Port Verity East")
    Client().post(withdraw_url(suggestion))
    queue = parse(editor_client.get(reverse("admin:editorial_suggestion_changelist")))
    assert not queue.select("#result_list tbody tr")
    withdrawn = parse(
        editor_client.get(reverse("admin:editorial_suggestion_changelist") + "?status=withdrawn")
    )
    assert withdrawn.select_one("#result_list .field-status").get_text() == "Withdrawn"
    review = parse(
        editor_client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk]))
    )
    assert review.select_one(".suggestion-status").get_text() == "Withdrawn"
    assert not review.select("form.review-form")
    assert Suggestion.objects.get().status == "withdrawn"


@pytest.mark.parametrize("status", ["pending", "approved"])
def test_the_tracking_page_makes_a_fixed_number_of_queries(
    client, profile, editor, django_assert_num_queries, status
):
    suggestion = make_suggestion(profile, location="Port Verity East")
    if status == "approved":
        approve_suggestion(suggestion=suggestion, editor=editor)
    with django_assert_num_queries(1):  # the suggestion with its profile
        client.get(suggestion.get_absolute_url())
