"""The revisions of published profiles in the order they were made, for mirrors of the site
(/api/changes/?since=): after the full export at /data/, a mirror asks for what changed since.

Revision ids grow in the order revisions are written; two saves committing at the same moment
may land in the other order, so a mirror that must miss nothing asks again from a few minutes
before its last answer (?since=<date>), and treats a revision it already has as done.
"""

import re
from datetime import UTC

from django.db.models import CharField, Exists, OuterRef, Prefetch
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Revision, Version

from profiles.models import Profile

REVISION_ID = re.compile(r"[0-9]{1,19}")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_REVISION_ID = 2**63 - 1  # revision ids are bigints
SINCE_HELP = gettext_lazy(
    "Give since= as a revision number (such as 1200) or an ISO 8601 date or date and time "
    "(such as 2026-01-31 or 2026-01-31T14:00:00Z)."
)


class BadSince(ValueError):
    """A since= value that names neither a revision nor a moment; the message says why."""


def parse_since(value):
    """("revision", id), ("day", aware datetime), ("moment", aware datetime) or None (from
    the first revision).

    Digits alone are a revision id. A date alone (YYYY-MM-DD) means from the start of that day,
    UTC, so ?since=2026-01-31 includes that day's revisions; a date and time means strictly
    after it, in UTC when it has no offset.
    """
    value = (value or "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        if not REVISION_ID.fullmatch(value) or int(value) > MAX_REVISION_ID:
            raise BadSince(_("There is no revision %(value)s.") % {"value": value[:20]})
        return "revision", int(value)
    kind = "day" if DAY.fullmatch(value) else "moment"
    try:
        moment = parse_datetime(value)
    except ValueError:  # well formed, but no such day or hour
        moment = None
    if moment is None:
        raise BadSince(
            _("“%(value)s” is neither a revision number nor a date.") % {"value": value[:40]}
            + " "
            + str(SINCE_HELP)
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return kind, moment


def published_profile_keys():
    """The published profiles' ids as text, the form a Version's object_id has."""
    return Profile.objects.published().annotate(key=Cast("pk", CharField())).values("key")


def profile_versions_of_published():
    return Version.objects.get_for_model(Profile).filter(object_id__in=published_profile_keys())


def changed_revisions(since=None):
    """Revisions that saved at least one published profile, oldest first, after ``since``
    (from parse_since). Each carries ``profile_versions``: its versions of published profiles.
    """
    revisions = Revision.objects.filter(
        Exists(profile_versions_of_published().filter(revision=OuterRef("pk")))
    )
    if since is not None:
        kind, value = since
        if kind == "revision":
            revisions = revisions.filter(pk__gt=value)
        elif kind == "day":
            revisions = revisions.filter(date_created__gte=value)
        else:
            revisions = revisions.filter(date_created__gt=value)
    return (
        revisions.select_related("user", "redaction")
        .prefetch_related(
            Prefetch(
                "version_set",
                queryset=profile_versions_of_published().only("object_id", "revision_id"),
                to_attr="profile_versions",
            )
        )
        .order_by("pk")
    )


def attach_profiles(revisions):
    """Give each revision (from changed_revisions) ``profiles``: the published profiles it
    saved, by name; one query for the whole page."""
    revisions = list(revisions)
    ids = {int(v.object_id) for revision in revisions for v in revision.profile_versions}
    profiles = Profile.objects.published().only("slug", "name").in_bulk(ids)
    for revision in revisions:
        saved = (profiles.get(int(v.object_id)) for v in revision.profile_versions)
        revision.profiles = sorted((p for p in saved if p), key=lambda p: (p.name, p.pk))
    return revisions
