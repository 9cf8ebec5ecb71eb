"""A reader follows a profile by email from its page to the last email, through the mail
outbox: subscribe, confirm, receive a digest, open a diff, unsubscribe."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from editorial.models import Follow
from profiles.services import save_profile
from tests.editorial.following import link_to, links, path_of
from tests.editorial.submitting import filled_in, form_fields
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_subscribe_confirm_receive_a_digest_and_unsubscribe(client, profile, editor, mailoutbox):
    # From the profile page to the form, and the request.
    page = parse(client.get(profile.get_absolute_url()))
    form_page = client.get(page.select_one("a.follow-link")["href"])
    form = parse(form_page).select_one("main form")
    response = client.post(form["action"], filled_in(form_page, email="ana@example.org"))
    assert "Check your inbox" in text_of(parse(client.get(response["Location"])))
    (confirmation,) = mailoutbox

    # The confirmation link, and the button on its page.
    confirm = link_to(confirmation, "confirm")
    confirm_page = parse(client.get(confirm))
    client.post(confirm, form_fields(confirm_page.select_one("main form")))
    assert "You follow Harbor Literacy Fund" in text_of(parse(client.get(confirm)))

    # A change by an editor, and the day's round.
    profile.lead += " It opened a second reading room."
    revision = save_profile(profile, user=editor, comment="Added the second room.").revision
    out = io.StringIO()
    call_command("send_follow_digests", stdout=out)
    assert out.getvalue() == "Sent 1 follow digest(s); deleted 0 unconfirmed address(es).\n"
    digest = mailoutbox[1]
    assert digest.to == ["ana@example.org"]
    assert "Added the second room." in digest.body
    (diff,) = [path_of(url) for url in links(digest) if "/diff/" in url]
    diff_page = parse(client.get(diff))
    assert f"Revision {revision.pk}" in text_of(diff_page.select_one("main"))
    assert "second reading room" in text_of(diff_page.select_one("main"))

    # Nothing changed since: the next round sends nothing.
    call_command("send_follow_digests", stdout=io.StringIO())
    assert len(mailoutbox) == 2

    # The mail program's unsubscribe button: one POST, no session, no CSRF token.
    header = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert path_of(header) == link_to(digest, "unsubscribe")
    Client(enforce_csrf_checks=True).post(path_of(header), {"List-Unsubscribe": "One-Click"})
    assert not Follow.objects.exists()
    profile.lead += " It closed on Sundays."
    save_profile(profile, user=editor, comment="Opening days.")
    call_command("send_follow_digests", stdout=io.StringIO())
    assert len(mailoutbox) == 2
