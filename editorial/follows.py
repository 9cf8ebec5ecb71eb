"""Following a profile by email, no account needed: double opt-in, a daily digest of the
profile's new revisions, one-click unsubscribe.

- ``request_follow`` stores the address unconfirmed and sends one email with a signed link to
  confirm; nothing else is ever sent to an address that did not confirm.
- ``confirm_follow`` starts the follow from the profile's current revision.
- ``send_follow_digests`` does one round (the send_follow_digests command calls it; run it once
  a day, or more often): each confirmed follower whose profile has revisions they have not heard
  of gets one email listing them, with a link to each diff, at most once in DIGEST_INTERVAL.
  Rows are claimed with a compare-and-set before the email goes out, so overlapping rounds never
  send a digest twice; a failed send gives the row back for the next round.
- ``unsubscribe`` deletes the row: every email carries a signed link for it, and the
  List-Unsubscribe headers for mail programs (editorial.mail).

Links are signed (django.core.signing with SECRET_KEY) around the row's random token; the
confirmation link expires, the unsubscribe link does not.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby
from operator import attrgetter

from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from editorial.mail import absolute_url, templated_email
from editorial.models import Follow
from profiles.history import public_details
from profiles.revisions import latest_revision_id, profile_versions

logger = logging.getLogger(__name__)

CONFIRM_SALT = "editorial.follow.confirm"
UNSUBSCRIBE_SALT = "editorial.follow.unsubscribe"
CONFIRM_MAX_AGE = timedelta(days=7)  # also how long an unconfirmed address is kept
# One digest a day; 23 hours, so that a daily job starting a little earlier than yesterday's
# does not skip a day.
DIGEST_INTERVAL = timedelta(hours=23)
# Someone asking again for the same profile gets the confirmation again after this long.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=15)
# Confirmation emails one address may receive in a day, whoever asks for them and for whatever
# profiles: the form cannot be used to flood someone's inbox.
CONFIRMATIONS_PER_ADDRESS_PER_DAY = 5
REVISIONS_PER_DIGEST = 20  # more are summed up with a link to the history


def normalize_email(email):
    return email.strip().lower()


# Signed links ---------------------------------------------------------------------------------


def confirm_path(follow):
    signed = signing.dumps(follow.token, salt=CONFIRM_SALT)
    return reverse("editorial:follow_confirm", args=[signed])


def unsubscribe_path(follow):
    signed = signing.dumps(follow.token, salt=UNSUBSCRIBE_SALT)
    return reverse("editorial:follow_unsubscribe", args=[signed])


class BadLink(Exception):
    """A link that was not made by the site, or was damaged on the way."""


def follow_from_link(signed, *, purpose):
    """(the Follow the signed link names, or None when it is gone; whether the link expired).

    ``purpose`` is "confirm" (the link expires after CONFIRM_MAX_AGE) or "unsubscribe" (it
    never expires). Raises BadLink for a forged or damaged link.
    """
    salt = {"confirm": CONFIRM_SALT, "unsubscribe": UNSUBSCRIBE_SALT}[purpose]
    try:
        token = signing.loads(signed, salt=salt)
    except signing.BadSignature:
        raise BadLink from None
    if not isinstance(token, str):
        raise BadLink
    expired = False
    if purpose == "confirm":
        try:
            signing.loads(signed, salt=salt, max_age=CONFIRM_MAX_AGE)
        except signing.SignatureExpired:
            expired = True
    follow = Follow.objects.select_related("profile").filter(token=token).first()
    return follow, expired


# Following and unfollowing --------------------------------------------------------------------


def request_follow(*, profile, email, now=None):
    """Ask to follow the profile: store the address unconfirmed and send the confirmation.

    Says nothing to the caller about the address (already following or not), so the form
    reveals nobody's subscriptions. An address already following is sent nothing; one waiting
    for confirmation gets the email again after CONFIRMATION_RESEND_AFTER; no address gets more
    than CONFIRMATIONS_PER_ADDRESS_PER_DAY confirmations a day.
    """
    now = now or timezone.now()
    email = normalize_email(email)
    follow, _created = Follow.objects.get_or_create(profile=profile, email=email)
    if follow.confirmed_at:
        return
    last_sent = follow.confirmation_sent_at
    if last_sent and now - last_sent < CONFIRMATION_RESEND_AFTER:
        return
    sent_today = Follow.objects.filter(
        email=email, confirmation_sent_at__gt=now - timedelta(days=1)
    ).count()
    if sent_today >= CONFIRMATIONS_PER_ADDRESS_PER_DAY:
        logger.info("A follow confirmation was not sent: the address had its daily share.")
        return
    follow.confirmation_sent_at = now
    follow.save(update_fields=["confirmation_sent_at"])
    context = {
        "profile": profile,
        "confirm_url": absolute_url(confirm_path(follow)),
        "days": CONFIRM_MAX_AGE.days,
    }
    templated_email(
        "editorial/email/follow_confirm",
        context,
        email,
        unsubscribe_url=absolute_url(unsubscribe_path(follow)),
    ).send()


def confirm_follow(follow, *, now=None):
    """Start the follow: the first digest will list the revisions made after this moment."""
    if follow.confirmed_at:
        return follow
    follow.confirmed_at = now or timezone.now()
    follow.notified_revision_id = latest_revision_id(follow.profile) or 0
    follow.save(update_fields=["confirmed_at", "notified_revision_id"])
    return follow


def unsubscribe(follow):
    """Stop following: the address is deleted with the row."""
    Follow.objects.filter(pk=follow.pk).delete()


# The daily digest -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestEntry:
    revision_id: int
    date: object
    who: str
    comment: str
    hidden: frozenset  # what an editor hid: of "text", "comment", "user"
    diff_url: str
    revision_url: str


@dataclass(frozen=True)
class RoundResult:
    sent: int = 0
    failed: int = 0
    expired: int = 0  # unconfirmed addresses deleted


def digest_entries(profile, after_id):
    """The profile's revisions after ``after_id``, oldest first, as digest lines."""
    versions = profile_versions(profile).filter(revision_id__gt=after_id).order_by("revision_id")
    entries = []
    for version in versions:
        revision = version.revision
        details = public_details(revision)
        diff = reverse("profiles:diff", args=[profile.slug]) + f"?to={revision.pk}"
        entries.append(
            DigestEntry(
                revision_id=revision.pk,
                date=revision.date_created,
                who=details.who,
                comment=details.comment,
                hidden=details.hidden,
                diff_url=absolute_url(diff),
                revision_url=absolute_url(
                    reverse("profiles:revision", args=[profile.slug, revision.pk])
                ),
            )
        )
    return entries


def digest_email(follow, entries):
    profile = follow.profile
    shown = entries[-REVISIONS_PER_DIGEST:]
    context = {
        "profile": profile,
        "entries": shown,
        "count": len(entries),
        "not_shown": len(entries) - len(shown),
        "profile_url": absolute_url(profile.get_absolute_url()),
        "history_url": absolute_url(reverse("profiles:history", args=[profile.slug])),
    }
    return templated_email(
        "editorial/email/follow_digest",
        context,
        follow.email,
        unsubscribe_url=absolute_url(unsubscribe_path(follow)),
    )


def claim(follow, now, newest_id):
    """Mark the follow as told up to newest_id now, unless another round changed it since."""
    unchanged = Follow.objects.filter(
        pk=follow.pk, notified_revision_id=follow.notified_revision_id
    )
    if follow.digest_sent_at is None:
        unchanged = unchanged.filter(digest_sent_at__isnull=True)
    else:
        unchanged = unchanged.filter(digest_sent_at=follow.digest_sent_at)
    return unchanged.update(digest_sent_at=now, notified_revision_id=newest_id) == 1


def give_back(follow, now):
    """Undo claim() after a failed send, so that the next round sends the digest."""
    Follow.objects.filter(pk=follow.pk, digest_sent_at=now).update(
        digest_sent_at=follow.digest_sent_at, notified_revision_id=follow.notified_revision_id
    )


def due_follows(now):
    """Confirmed follows of published profiles that had no digest in DIGEST_INTERVAL."""
    return (
        Follow.objects.confirmed()
        .filter(profile__published=True)
        .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - DIGEST_INTERVAL))
        .select_related("profile")
        .order_by("profile_id", "pk")
    )


def send_follow_digests(*, now=None):
    """One round: a digest to each follower due one whose profile has new revisions, and the
    unconfirmed addresses older than CONFIRM_MAX_AGE deleted. Returns a RoundResult.

    Two queries per profile that has followers due (its new revisions, with their users),
    whatever the number of followers.
    """
    now = now or timezone.now()
    expired, _ = Follow.objects.filter(
        confirmed_at__isnull=True, created__lt=now - CONFIRM_MAX_AGE
    ).delete()
    sent = failed = 0
    for _profile_id, group in groupby(due_follows(now), key=attrgetter("profile_id")):
        follows = list(group)
        entries = digest_entries(
            follows[0].profile, min(follow.notified_revision_id for follow in follows)
        )
        if not entries:
            continue
        newest = entries[-1].revision_id
        for follow in follows:
            unheard = [e for e in entries if e.revision_id > follow.notified_revision_id]
            if not unheard or not claim(follow, now, newest):
                continue
            try:
                digest_email(follow, unheard).send()
            except Exception:
                logger.exception("The follow digest #%s could not be sent.", follow.pk)
                give_back(follow, now)
                failed += 1
            else:
                sent += 1
    return RoundResult(sent=sent, failed=failed, expired=expired)
