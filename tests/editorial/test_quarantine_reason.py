"""The queue of spam says why each item was quarantined."""

import pytest
from django.urls import reverse

from editorial.services import mark_spam, submit_suggestion
from tests.editorial.submitting import send_report
from tests.factories import make_profile, make_suggestion
from tests.html import parse

pytestmark = pytest.mark.django_db

SPAM_QUEUE = reverse("admin:editorial_suggestion_changelist") + "?status=spam"


def reasons(response):
    return [
        cell.get_text(strip=True)
        for cell in parse(response).select("#result_list .field-quarantine_reason")
    ]


def test_each_quarantined_item_shows_why(client, editor, editor_client):
    profile = make_profile()
    send_report(client, profile, message="Cheap pills.", homepage="https://pills.example/")
    send_report(client, profile, message="Sent by a script.", seconds_ago=0.2)
    marked = make_suggestion(profile, location="Nowhere at all")
    mark_spam(suggestion=marked, editor=editor)
    shown = reasons(editor_client.get(SPAM_QUEUE))
    assert shown[0] == "The hidden honeypot field was filled in."
    assert shown[1].startswith("Sent 0.") and shown[1].endswith("seconds after the form was shown.")
    assert shown[2] == f"Marked as spam by {editor.get_username()}."


def test_the_pending_queue_has_no_such_column(editor_client):
    make_suggestion(make_profile(), location="Port Verity")
    page = parse(editor_client.get(reverse("admin:editorial_suggestion_changelist")))
    assert page.select("#result_list tbody tr")
    assert not page.select(".column-quarantine_reason")


@pytest.mark.parametrize("count", [1, 30])
def test_the_spam_queue_makes_a_fixed_number_of_queries(
    editor_client, django_assert_num_queries, count
):
    profile = make_profile()
    for number in range(count):
        submit_suggestion(
            kind="error",
            profile=profile,
            message=f"Buy now, offer {number}.",
            spam_reason="The hidden honeypot field was filled in.",
        )
    editor_client.get(SPAM_QUEUE)  # the session and the permissions are cached after this
    with django_assert_num_queries(QUEUE_QUERIES):
        response = editor_client.get(SPAM_QUEUE)
    assert len(reasons(response)) == count


# The session, the user, its permissions (user and group), the count twice (filtered and
# not), and the page of rows with their profiles and reviewers.
QUEUE_QUERIES = 7
