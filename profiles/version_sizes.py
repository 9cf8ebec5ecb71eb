"""The text size of each version of a profile, stored beside it (ProfileVersionSize) so that a
history shows size changes without loading every version's data.

profiles.services stores the sizes of the profiles in a revision once it is written; a version
written some other way (before sizes were stored, or straight into reversion's tables) gets
its size computed once, the first time a history shows it, and stored.
"""

from collections import defaultdict

from django.db.models import Subquery
from reversion.models import Version

from profiles.models import Fact, Profile, ProfileVersionSize, text_size
from profiles.stored_versions import fields_of


def stored_text_size(fields, fact_values=()):
    """The text size of a profile as a version stored it, with the infobox values its revision
    stored (None when it cannot be read)."""
    if fields is None:
        return None
    return text_size(fields.get("lead"), fields.get("body"), fact_values)


def stored_fact_values(fact_versions, revision_ids):
    """{(revision id, profile id): [infobox values]} of the facts those revisions stored, in
    one query over ``fact_versions`` (the Fact versions). A revision holds every fact of the
    profile it saved (profiles.services adds the whole aggregate), and sometimes another
    profile's too, hence the profile in the key."""
    values = defaultdict(list)
    rows = fact_versions.filter(revision_id__in=set(revision_ids))
    for revision_id, data in rows.values_list("revision_id", "serialized_data"):
        fields = fields_of(data)
        if fields is not None:
            values[(revision_id, fields.get("profile"))].append(fields.get("value") or "")
    return values


def sizes_from_stored_data(rows, fact_versions):
    """[(version id, size)] for rows of (version id, revision id, profile id, serialized data)."""
    rows = list(rows)
    facts = stored_fact_values(fact_versions, [revision_id for _, revision_id, _, _ in rows])
    return [
        (pk, stored_text_size(fields_of(data), facts.get((revision_id, int(object_id)), ())))
        for pk, revision_id, object_id, data in rows
    ]


def store_revision_sizes(profiles):
    """Store the text size of each profile in the revision just written for them, from
    ``profiles``: (profile, its infobox values) pairs.

    Call it once the revision is written, in the transaction that wrote it, with the first
    profile's row locked (save_profile and the connection writers lock it): the latest revision
    of that profile is then the one just written.
    """
    profiles = {str(profile.pk): (profile, values) for profile, values in profiles}
    if not profiles:
        return
    versions = Version.objects.get_for_model(Profile)
    written = versions.filter(object_id=next(iter(profiles))).order_by("-revision_id")
    rows = versions.filter(
        revision_id=Subquery(written.values("revision_id")[:1]), object_id__in=profiles
    ).values_list("pk", "object_id")
    ProfileVersionSize.objects.bulk_create(
        [
            ProfileVersionSize(version_id=pk, size=size_of_saved(*profiles[object_id]))
            for pk, object_id in rows
        ],
        ignore_conflicts=True,
    )


def size_of_saved(profile, fact_values):
    return text_size(profile.lead, profile.body, fact_values)


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
    rows = unsized.values_list("pk", "revision_id", "object_id", "serialized_data")
    new = [
        ProfileVersionSize(version_id=pk, size=size)
        for pk, size in sizes_from_stored_data(rows, Version.objects.get_for_model(Fact))
    ]
    ProfileVersionSize.objects.bulk_create(new, ignore_conflicts=True)
    return {**sizes, **{row.version_id: row.size for row in new}}
