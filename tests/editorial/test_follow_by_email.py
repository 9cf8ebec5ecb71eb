"""Anyone may follow a profile by email, without an account: double opt-in, a daily digest of
its new revisions with links to the diffs, and one-click unsubscribe in every email."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from editorial.follows import (
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    confirm_follow,
    request_follow,
    send_follow_digests,
)
from editorial.models import Follow
from profiles.revisions import latest_revision_id, profile_versions
from profiles.services import save_profile
from tests.editorial.following import ask_to_follow, link_to, links, path_of
from tests.editorial.submitting import field_errors, form_fields
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def edit(profile, comment="Updated the lead.", user=None, **fields):
    fields.setdefault("lead", profile.lead + " It added a branch.")
    for name, value in fields.items():
        setattr(profile, name, value)
    return save_profile(profile, user=user, comment=comment).revision


def later(hours):
    return timezone.now() + timedelta(hours=hours)


@pytest.fixture
def follower(profile):
    """ana@example.org, following the profile and confirmed."""
    request_follow(profile=profile, email="ana@example.org")
    return confirm_follow(Follow.objects.get())


# The form ---------------------------------------------------------------------------------------


def test_the_profile_page_links_to_the_follow_form_and_old_revisions_do_not(client, profile):
    follow_url = reverse("editorial:follow", args=[profile.slug])
    page = parse(client.get(profile.get_absolute_url()))
    assert text_of(page.find("a", href=follow_url)) == f"Follow by email: {profile.name}"
    revision = profile_versions(profile).first().revision_id
    old = parse(client.get(reverse("profiles:revision", args=[profile.slug, revision])))
    assert not old.find("a", href=follow_url)


def test_the_profile_page_stays_publicly_cacheable(client, profile):
    assert "public" in client.get(profile.get_absolute_url())["Cache-Control"]


def test_asking_sends_one_confirmation_with_a_signed_link_and_the_unsubscribe_headers(
    client, profile, mailoutbox
):
    response = ask_to_follow(client, profile, email="Ana@Example.org")
    assert response["Location"] == reverse("editorial:follow_sent", args=[profile.slug])
    follow = Follow.objects.get()
    assert follow.email == "ana@example.org" and follow.confirmed_at is None
    (email,) = mailoutbox
    assert email.to == ["ana@example.org"]
    assert email.subject == 'Confirm that you want to follow "Harbor Literacy Fund" on Sourcebook'
    confirm = link_to(email, "confirm")
    assert signing.loads(confirm.split("/")[2], salt=CONFIRM_SALT) == follow.token
    unsubscribe = [url for url in links(email) if "/unsubscribe/" in url][0]
    assert email.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = parse(client.get(response["Location"]))
    assert "an email with a link to confirm is on its way" in text_of(sent)


def test_nothing_but_the_confirmation_goes_to_an_address_that_did_not_confirm(
    client, profile, mailoutbox
):
    ask_to_follow(client, profile)
    edit(profile)
    assert send_follow_digests(now=later(48)).sent == 0
    assert len(mailoutbox) == 1


def test_opening_the_confirmation_link_asks_for_the_click_that_confirms(
    client, profile, mailoutbox
):
    ask_to_follow(client, profile)
    confirm = link_to(mailoutbox[0], "confirm")
    page = parse(client.get(confirm))  # a mail scanner opening the link confirms nothing
    assert text_of(page.find("h1")) == "Follow Harbor Literacy Fund by email?"
    assert Follow.objects.get().confirmed_at is None
    response = client.post(confirm, form_fields(page.select_one("main form")))
    assert response.status_code == 302 and response["Location"] == confirm
    follow = Follow.objects.get()
    assert follow.confirmed_at is not None
    assert follow.notified_revision_id == latest_revision_id(profile)
    page = parse(client.get(confirm))
    assert text_of(page.find("h1")) == "You follow Harbor Literacy Fund"


def test_an_invalid_address_is_a_form_error_that_keeps_what_was_typed(client, profile):
    response = ask_to_follow(client, profile, email="ana@example")
    assert response.status_code == 200
    assert "This is not an email address; check it for typing errors." in field_errors(response)
    assert form_fields(parse(response).select_one("main form"))["email"] == "ana@example"
    assert not Follow.objects.exists()


@pytest.mark.parametrize("trap", [{"homepage": "https://spam.example"}, {"seconds_ago": 1}])
def test_a_bot_gets_the_same_answer_and_nothing_is_stored_or_sent(
    client, profile, mailoutbox, trap
):
    response = ask_to_follow(client, profile, **trap)
    assert response["Location"] == reverse("editorial:follow_sent", args=[profile.slug])
    assert not Follow.objects.exists() and mailoutbox == []


def test_the_form_is_rate_limited_like_the_other_public_forms(client, profile, settings):
    settings.EDITORIAL_RATE_LIMITS = [(60, 2)]
    for n in range(2):
        assert ask_to_follow(client, profile, email=f"reader{n}@example.org").status_code == 302
    response = ask_to_follow(client, profile, email="reader9@example.org")
    assert response.status_code == 429 and "Retry-After" in response


def test_asking_again_sends_nothing_for_a_while_and_reveals_nothing(
    client, profile, follower, mailoutbox
):
    ask_to_follow(client, profile, email="ben@example.org")
    ask_to_follow(client, profile, email="ben@example.org")
    assert len(mailoutbox) == 2  # ana's confirmation and one for ben
    again = ask_to_follow(client, profile, email="ana@example.org")  # already following
    assert again["Location"] == reverse("editorial:follow_sent", args=[profile.slug])
    assert len(mailoutbox) == 2
    request_follow(
        profile=profile, email="ben@example.org", now=timezone.now() + timedelta(minutes=20)
    )
    assert len(mailoutbox) == 3


def test_no_address_gets_more_than_five_confirmations_a_day(profile, mailoutbox):
    from tests.factories import make_profile

    for n in range(7):
        request_follow(profile=make_profile(f"Coastal Trust {n}"), email="victim@example.org")
    assert len(mailoutbox) == 5


def test_drafts_cannot_be_followed(client):
    from tests.factories import make_profile

    draft = make_profile("Hidden Draft", published=False)
    assert client.get(reverse("editorial:follow", args=[draft.slug])).status_code == 404
    response = client.post(reverse("editorial:follow_send", args=[draft.slug]), {})
    assert response.status_code == 404


# The digest -------------------------------------------------------------------------------------


def test_a_follower_gets_one_digest_of_the_new_revisions_with_links_to_each_diff(
    client, profile, follower, editor, mailoutbox
):
    first = edit(profile, comment="Added the new branch.", user=editor)
    second = edit(profile, comment="Fixed a typo.", location="Port Verity")
    mailoutbox.clear()
    assert send_follow_digests().sent == 1
    (email,) = mailoutbox
    assert email.to == ["ana@example.org"]
    assert email.subject == '"Harbor Literacy Fund" changed on Sourcebook: 2 new revisions'
    assert email.body.index("Added the new branch.") < email.body.index("Fixed a typo.")
    assert f"Revision {first.pk}, " in email.body and "UTC, by Edith" in email.body
    diffs = [path_of(url) for url in links(email) if "/diff/" in url]
    assert diffs == [f"/profiles/{profile.slug}/diff/?to={r.pk}" for r in (first, second)]
    for diff in diffs:
        assert client.get(diff).status_code == 200
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/unsubscribe/" in email.extra_headers["List-Unsubscribe"]
    assert link_to(email, "unsubscribe") in email.extra_headers["List-Unsubscribe"]


def test_no_email_when_the_profile_did_not_change(profile, follower, mailoutbox):
    mailoutbox.clear()
    assert send_follow_digests(now=later(25)).sent == 0
    assert mailoutbox == []


def test_at_most_one_digest_a_day(profile, follower, mailoutbox):
    edit(profile)
    mailoutbox.clear()
    send_follow_digests()
    edit(profile, comment="Another change.")
    assert send_follow_digests(now=later(12)).sent == 0
    assert send_follow_digests(now=later(23)).sent == 1
    assert len(mailoutbox) == 2
    assert "Another change." in mailoutbox[1].body
    assert "Updated the lead." not in mailoutbox[1].body


def test_overlapping_rounds_send_one_digest(profile, follower, mailoutbox):
    edit(profile)
    mailoutbox.clear()
    stale = list(Follow.objects.select_related("profile"))
    now = timezone.now()
    assert send_follow_digests(now=now).sent == 1
    with mock.patch("editorial.follows.due_follows", return_value=stale):
        assert send_follow_digests(now=now).sent == 0
    assert len(mailoutbox) == 1


def test_a_digest_that_cannot_be_sent_is_sent_by_the_next_round(profile, follower, mailoutbox):
    edit(profile)
    mailoutbox.clear()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        assert send_follow_digests().failed == 1
    assert send_follow_digests().sent == 1


def test_a_long_digest_lists_the_latest_twenty_and_points_to_the_history(
    profile, follower, mailoutbox
):
    for n in range(22):
        edit(profile, comment=f"Change number {n}.", lead=f"{profile.lead} {n}")
    mailoutbox.clear()
    send_follow_digests()
    body = mailoutbox[0].body
    assert "Change number 0." not in body and "Change number 21." in body
    assert (
        f"(2 earlier revisions are in the history: http://127.0.0.1:8000/profiles/{profile.slug}/history/)"
        in body
    )


def test_an_unpublished_profile_sends_no_digest(profile, follower, mailoutbox):
    edit(profile, published=False)
    mailoutbox.clear()
    assert send_follow_digests().sent == 0


def test_the_digest_leaves_out_what_an_editor_hid_and_says_so(
    profile, follower, mailoutbox, editor
):
    from django.contrib.auth.models import Permission

    from profiles.services import redact_revision

    bad = edit(profile, comment="A remark nobody should read.", user=editor)
    edit(profile, comment="Took the claim out.", lead="The fund lends books.[^first]")
    editor.user_permissions.add(Permission.objects.get(codename="redact_revision"))
    redact_revision(bad, user=editor, hidden={"text", "comment", "user"}, reason="Defamatory.")
    mailoutbox.clear()
    send_follow_digests()
    body = mailoutbox[0].body
    assert "A remark nobody should read." not in body and "by Edith" not in body
    assert f"Revision {bad.pk}, " in body
    assert "by a contributor whose name an editor hid" in body
    assert "(comment hidden by an editor) (An editor hid the text of this revision.)" in body
    assert "Took the claim out." in body


def test_unconfirmed_addresses_are_deleted_after_a_week(profile):
    request_follow(profile=profile, email="ana@example.org")
    assert send_follow_digests(now=later(24 * 6)).expired == 0
    assert send_follow_digests(now=later(24 * 7 + 1)).expired == 1
    assert not Follow.objects.exists()


# The links ----------------------------------------------------------------------------------------


def test_mail_programs_unsubscribe_with_one_post_without_a_session_or_csrf_token(
    profile, follower, mailoutbox
):
    from django.test import Client

    edit(profile)
    send_follow_digests()
    header = mailoutbox[-1].extra_headers["List-Unsubscribe"]
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(path_of(header.strip("<>")), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.exists()


def test_the_unsubscribe_link_opens_a_button_and_works_without_logging_in(
    client, profile, follower
):
    from editorial.follows import unsubscribe_path

    path = unsubscribe_path(follower)
    page = parse(client.get(path))
    assert text_of(page.find("h1")) == "Stop following Harbor Literacy Fund?"
    assert Follow.objects.exists()
    done = parse(client.post(path))
    assert text_of(done.find("h1")) == "You no longer follow this profile"
    assert not Follow.objects.exists()
    again = parse(client.post(path))
    assert text_of(again.find("h1")) == "Nothing to stop"


def test_the_confirmation_email_can_refuse_the_follow_at_once(client, profile, mailoutbox):
    ask_to_follow(client, profile)
    client.post(link_to(mailoutbox[0], "unsubscribe"))
    assert not Follow.objects.exists()
    assert "This link no longer works" in text_of(
        parse(client.get(link_to(mailoutbox[0], "confirm")))
    )


def test_a_forged_or_damaged_link_is_a_404(client, profile, follower):
    forged = signing.dumps(follower.token, salt="another-salt")
    assert client.get(reverse("editorial:follow_confirm", args=[forged])).status_code == 404
    assert client.post(reverse("editorial:follow_unsubscribe", args=[forged])).status_code == 404
    assert Follow.objects.exists()
    cut = signing.dumps(follower.token, salt=UNSUBSCRIBE_SALT)[:-3]
    assert client.get(reverse("editorial:follow_unsubscribe", args=[cut])).status_code == 404


def test_a_confirmation_link_expires_after_a_week(client, profile, mailoutbox):
    ask_to_follow(client, profile)
    confirm = link_to(mailoutbox[0], "confirm")
    with mock.patch("django.core.signing.time.time", return_value=later(24 * 8).timestamp()):
        page = parse(client.get(confirm))
        assert text_of(page.find("h1")) == "This link has expired"
        client.post(confirm)
    assert Follow.objects.get().confirmed_at is None


def test_the_address_is_never_shown_on_a_page(client, profile, mailoutbox):
    ask_to_follow(client, profile)
    confirm = link_to(mailoutbox[0], "confirm")
    client.post(confirm)
    pages = [
        profile.get_absolute_url(),
        reverse("editorial:follow_sent", args=[profile.slug]),
        confirm,
        link_to(mailoutbox[0], "unsubscribe"),
        f"/api/profiles/{profile.slug}/",
        "/api/changes/",
    ]
    for url in pages:
        assert b"ana@example.org" not in client.get(url).content, url


def test_the_pages_behind_the_links_are_private_and_not_indexed(client, profile, follower):
    from editorial.follows import confirm_path, unsubscribe_path

    for path in (confirm_path(follower), unsubscribe_path(follower)):
        response = client.get(path)
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
