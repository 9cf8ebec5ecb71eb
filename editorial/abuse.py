"""Checks against automated and abusive submissions, used by the public forms.

The checks that must not tell a bot what gave it away (a filled honeypot, a form sent faster
than a person can) do not make form errors: the submission is stored, quarantined as spam, with
the reason for the editors. The link limit is an error a person can act on.
"""

import re
import time
from collections import Counter

from django.conf import settings
from django.core import signing

LINK_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)

STARTED_SALT = "editorial.form-started"
# A form left open longer than this must be sent again, with a fresh timestamp.
FORM_MAX_AGE = 2 * 24 * 3600


def started_token(now=None):
    """A signed timestamp of when the form was shown."""
    return signing.dumps({"t": now if now is not None else time.time()}, salt=STARTED_SALT)


def seconds_since_started(token):
    """How long ago the form carrying this token was shown, or None for a token that is
    forged, damaged, from the future or older than FORM_MAX_AGE."""
    try:
        payload = signing.loads(token, salt=STARTED_SALT)
        seconds = time.time() - float(payload["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return seconds if 0 <= seconds <= FORM_MAX_AGE else None


def spam_reason(*, honeypot, seconds_to_fill):
    """Why a submission looks automated, or "" for a person."""
    if honeypot:
        return "The hidden honeypot field was filled in."
    if seconds_to_fill is not None and seconds_to_fill < settings.EDITORIAL_MIN_FILL_SECONDS:
        return f"Sent {seconds_to_fill:.1f} seconds after the form was shown."
    return ""


def count_links(text):
    return Counter(match.rstrip(".,;:!?'\"") for match in LINK_RE.findall(text or ""))


def links_added(pairs):
    """How many links the new texts add to the ones they replace: (new, old) pairs."""
    added = Counter()
    for text, before in pairs:
        added += count_links(text) - count_links(before)
    return sum(added.values())
