"""Checks against automated and abusive submissions, used by the public forms.

The checks that must not tell a bot what gave it away (a filled honeypot, a form sent faster
than a person can) do not make form errors: the submission is stored, quarantined as spam, with
the reason for the editors. The link limit is an error a person can act on.
"""

import secrets
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from editorial.models import SpentFormToken
from profiles.markup import MARKDOWN

STARTED_SALT = "editorial.form-started"
# A form left open longer than this is refused once, with what was typed kept and a fresh
# token: long enough to write a careful edit, short enough that a harvested token goes stale.
FORM_MAX_AGE = 4 * 3600


def started_token(now=None):
    """A signed, single-use token of when the form was shown: a timestamp and a nonce."""
    payload = {"t": now if now is not None else time.time(), "n": secrets.token_urlsafe(12)}
    return signing.dumps(payload, salt=STARTED_SALT)


def read_started_token(token):
    """(seconds since the form was shown, its nonce), or (None, "") for a token that is forged,
    damaged, from the future or older than FORM_MAX_AGE."""
    try:
        payload = signing.loads(token, salt=STARTED_SALT)
        seconds = time.time() - float(payload["t"])
        nonce = str(payload.get("n", ""))[:40]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None, ""
    if not 0 <= seconds <= FORM_MAX_AGE:
        return None, ""
    return seconds, nonce


def seconds_since_started(token):
    return read_started_token(token)[0]


def token_is_spent(nonce):
    return not nonce or SpentFormToken.objects.filter(nonce=nonce).exists()


def spend_token(nonce):
    """Mark the token used; False if it was used already (two sends racing)."""
    try:
        with transaction.atomic():
            SpentFormToken.objects.create(nonce=nonce)
    except IntegrityError:
        return False
    # Spent tokens older than a token can live are worth nothing: keep the table small.
    stale = timezone.now() - timedelta(seconds=FORM_MAX_AGE * 2)
    SpentFormToken.objects.filter(spent_at__lt=stale).delete()
    return True


def spam_reason(*, honeypot, seconds_to_fill):
    """Why a submission looks automated, or "" for a person."""
    if honeypot:
        return "The hidden honeypot field was filled in."
    if seconds_to_fill is not None and seconds_to_fill < settings.EDITORIAL_MIN_FILL_SECONDS:
        return f"Sent {seconds_to_fill:.1f} seconds after the form was shown."
    return ""


def count_links(text):
    """The links the text would show, counted the way the renderer makes them: Markdown links
    and autolinks, bare domains and addresses that linkify turns into links, //host and mailto:
    included (profiles.markup renders contributed text with the same parser)."""
    hrefs = Counter()
    for token in MARKDOWN.parse(text or ""):
        for child in token.children or ():
            if child.type == "link_open":
                hrefs[child.attrGet("href") or ""] += 1
    return hrefs


def links_added(pairs):
    """How many links the new texts add to the ones they replace: (new, old) pairs."""
    added = Counter()
    for text, before in pairs:
        added += count_links(text) - count_links(before)
    return sum(added.values())
