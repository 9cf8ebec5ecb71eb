"""The text size of each version of a profile, stored beside it (ProfileVersionSize) so that a
history shows size changes without loading every version's data.

profiles.services stores the sizes of the profiles in a revision once it is written; a version
written some other way (before sizes were stored, or straight into reversion's tables) gets
its size computed once, the first time a history shows it, and stored.
"""

from django.db.models import Subquery
from reversion.models import Version

from profiles.models import Profile, ProfileVersionSize, text_size
from profiles.stored_versions import fields_of


def stored_text_size(fields):
    """The text size of a profile as a version stored it (None when it cannot be read)."""
    if fields is None:
        return None
    return text_size(fields.get("lead"), fields.get("body"))


def store_revision_sizes(profiles):
    """Store the text size of each profile in the revision just written for them.

    Call it once the revision is written, in the transaction that wrote it, with the first
    profile's row locked (save_profile and the connection writers lock it): the latest revision
    of that profile is then the one just written.
    """
    profiles = {str(profile.pk): profile for profile in profiles}
    if not profiles:
        return
    versions = Version.objects.get_for_model(Profile)
    written = versions.filter(object_id=next(iter(profiles))).order_by("-revision_id")
    rows = versions.filter(
        revision_id=Subquery(written.values("revision_id")[:1]), object_id__in=profiles
    ).values_list("pk", "object_id")
    ProfileVersionSize.objects.bulk_create(
        [
            ProfileVersionSize(
                version_id=pk, size=text_size(profiles[object_id].lead, profiles[object_id].body)
            )
            for pk, object_id in rows
        ],
        ignore_conflicts=True,
    )


def size_of(version):
    """The size stored with a version fetched with select_related("profile_size"), or None."""
    try:
        return version.profile_size.size
    except ProfileVersionSize.DoesNotExist:
        return None


def with_missing_sizes(sizes):
    """``sizes`` ({version id: size or None}) with the sizes no row stores yet computed from
    the versions' data and stored: one query, and only when some are missing."""
    missing = [pk for pk, size in sizes.items() if size is None]
    if not missing:
        return sizes
    unsized = Version.objects.filter(pk__in=missing, profile_size__isnull=True)
    new = [
        ProfileVersionSize(version_id=pk, size=stored_text_size(fields_of(data)))
        for pk, data in unsized.values_list("pk", "serialized_data")
    ]
    ProfileVersionSize.objects.bulk_create(new, ignore_conflicts=True)
    return {**sizes, **{row.version_id: row.size for row in new}}
