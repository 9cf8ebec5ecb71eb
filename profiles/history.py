"""The history of a profile: its revisions listed newest first, and recent changes across
the site.

Sizes are stored beside each version (profiles.version_sizes), so a page of history costs the
same few queries however long the history is, and loads no version's data. Reading one
revision is profiles.revisions' job.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from reversion.models import Version

from profiles.models import Profile
from profiles.redaction import Shown, hidden_parts, public_comment, public_user, shown_to
from profiles.revisions import SITE_AUTHOR, display_name, profile_versions
from profiles.version_sizes import size_of, with_missing_sizes


@dataclass
class HistoryEntry:
    """One row of a history or of recent changes."""

    revision_id: int
    date: datetime
    who: str
    comment: str
    size: int | None
    previous_id: int | None = None
    previous_size: int | None = None
    profile: Profile = None  # the live profile, for recent changes
    shown: Shown = Shown(frozenset(), revealed=False)  # what of it the viewer may see

    @property
    def hidden(self):
        """The parts hidden from readers, for the notice ("comment hidden")."""
        return self.shown.hidden

    @property
    def size_change(self):
        if self.size is None or self.previous_size is None:
            return None
        return self.size - self.previous_size

    @property
    def size_change_magnitude(self):
        return abs(self.size_change or 0)


def history_versions(profile):
    """The versions of one profile, newest first, with who made each revision and the stored
    size of each, without their data (a history never needs it)."""
    return profile_versions(profile).select_related("profile_size").defer("serialized_data")


def history_entry(
    version, *, size, previous_size=None, previous_id=None, profile=None, viewer=None
):
    revision = version.revision
    shown = shown_to(viewer, revision)
    return HistoryEntry(
        revision_id=revision.pk,
        date=revision.date_created,
        who=display_name(revision.user) if shown.shows("user") else "",
        comment=revision.get_comment() if shown.shows("comment") else "",
        size=size,
        previous_id=previous_id,
        previous_size=previous_size,
        profile=profile,
        shown=shown,
    )


def history_entries(versions, older=None, viewer=None):
    """History rows for consecutive versions of one profile (from history_versions), newest
    first.

    ``older`` is the version just before the last one, if any: the last row's size change
    needs it. The sizes stored beside the versions keep this at the one query that fetched
    them, however long the history.
    """
    versions = list(versions)
    previous = [*versions[1:], older]
    sizes = with_missing_sizes({v.pk: size_of(v) for v in [*versions, older] if v is not None})
    return [
        history_entry(
            version,
            size=sizes[version.pk],
            previous_size=sizes[before.pk] if before else None,
            previous_id=before.revision_id if before else None,
            viewer=viewer,
        )
        for version, before in zip(versions, previous, strict=True)
    ]


def paged_history(profile, page_number, per_page, viewer=None):
    """One page of a profile's history: (the Paginator page, its HistoryEntry rows).

    Two queries whatever the length of the history: the count, and the page's versions plus
    the one before them.
    """
    versions = history_versions(profile)
    page = Paginator(versions, per_page).get_page(page_number)
    if not page.paginator.count:
        return page, []
    shown = page.end_index() - page.start_index() + 1
    rows = list(versions[page.start_index() - 1 : page.end_index() + 1])
    older = rows[shown] if len(rows) > shown else None
    return page, history_entries(rows[:shown], older=older, viewer=viewer)


def recent_versions():
    """Versions of published profiles across the site, newest first.

    Each carries its stored size and the id, revision id and stored size of the version before
    it (subqueries), so that a page of recent changes costs one query whatever its rows.
    """
    profile_versions = Version.objects.get_for_model(Profile)
    published = Profile.objects.published().annotate(key=Cast("pk", CharField())).values("key")
    before = profile_versions.filter(
        object_id=OuterRef("object_id"), revision_id__lt=OuterRef("revision_id")
    ).order_by("-revision_id")
    return (
        profile_versions.filter(object_id__in=published)
        .select_related("revision__user", "revision__redaction", "profile_size")
        .defer("serialized_data")
        .annotate(
            previous_version_id=Subquery(before.values("pk")[:1]),
            previous_revision_id=Subquery(before.values("revision_id")[:1]),
            previous_size=Subquery(before.values("profile_size__size")[:1]),
        )
        # Newest first by version id, which follows the revision order: the (content_type,
        # db) index then yields the rows in order, so only the page's rows are read and only
        # their subqueries run. Ordering by revision_id sorted every version first.
        .order_by("-pk")
    )


def recent_entries(versions, viewer=None):
    """History rows for versions from recent_versions(), with their live profiles (one query)."""
    versions = list(versions)
    profiles = Profile.objects.in_bulk({int(version.object_id) for version in versions})
    sizes = with_missing_sizes(
        {version.pk: size_of(version) for version in versions}
        | {v.previous_version_id: v.previous_size for v in versions if v.previous_version_id}
    )
    return [
        history_entry(
            version,
            size=sizes[version.pk],
            previous_size=sizes.get(version.previous_version_id),
            previous_id=version.previous_revision_id,
            profile=profiles.get(int(version.object_id)),
            viewer=viewer,
        )
        for version in versions
    ]


@dataclass(frozen=True)
class PublicDetails:
    """What anyone may see of who made a revision and why."""

    user: str | None  # the display name; None when the site made it, or the author is hidden
    comment: str  # "" when there is none, or it is hidden
    hidden: frozenset = frozenset()  # what an editor hid: of "text", "comment", "user"

    @property
    def who(self):
        if "user" in self.hidden:
            return _("a contributor whose name an editor hid")
        return self.user or SITE_AUTHOR


def public_details(revision):
    """Who made the revision and its comment, as the public may see them (an editor may have
    hidden either, or the text: profiles.redaction): what the changes feed for mirrors
    (/api/changes/) and the follow digests show.
    """
    user = public_user(revision)
    return PublicDetails(
        user=display_name(user) if user else None,
        comment=public_comment(revision),
        hidden=frozenset(hidden_parts(revision)),
    )
