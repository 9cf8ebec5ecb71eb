"""Reading stored revisions of a profile: the latest one, and any one of them as it was.

A revision of a profile holds versions of the profile row, its facts, its citations and the
sources those cite (see the registration at the bottom of profiles.models). Loading a revision
rebuilds those rows as unsaved objects, so an old revision renders through
profiles.presentation exactly like the live page, references included.

Revisions are named by their id (reversion's ``Revision.pk``): permanent links, "Revision N"
and a suggestion's base revision all use it. Writing revisions is profiles.services' job.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.db.models import Max, Min, Q
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Revision, Version

from profiles.diffs import (
    ProfileSnapshot,
    citation_entry,
    reference_numbers,
    relationship_entry,
)
from profiles.models import (
    Category,
    Citation,
    Fact,
    FactLabel,
    Profile,
    ProfileType,
    Relationship,
    RelationshipCitation,
    RelationshipType,
    Source,
)
from profiles.page_generation import page_cache
from profiles.redaction import Shown, shown_to
from profiles.stored_versions import stored_fields

SITE_AUTHOR = "Sourcebook"  # shown as "who" for revisions made without a user
# Columns derived from the text at save: not worth showing in a read-only old revision.
DERIVED = {"lead_html", "body_html", "toc", "references", "value_html", "normalized_url"}
# How long a revision's loaded rows are kept (stored_rows_of_revision). They never go out of
# date; the limit only lets a Redis without an eviction policy forget revisions nobody reads.
KEPT_REVISION_SECONDS = 7 * 24 * 3600


class RevisionUnavailable(Exception):
    """An old revision that today's models cannot load (a field was renamed or removed)."""


def display_name(user):
    if user is None:
        return SITE_AUTHOR
    return user.get_full_name() or user.get_username()


def who_and_when(revision):
    """The author and local date-time of a revision, for messages to editors."""
    when = date_format(localtime(revision.date_created), "DATETIME_FORMAT")
    return {"who": display_name(revision.user), "when": when}


# The latest revision ------------------------------------------------------------------------


def profile_versions(profile):
    """The versions of one profile, newest first, with who made each revision."""
    return (
        Version.objects.get_for_object_reference(Profile, profile.pk)
        .select_related("revision__user", "revision__redaction")
        .order_by("-revision_id")
    )


def latest_revision(profile):
    """The latest revision of the profile (with its user), or None if it was never saved in one."""
    version = profile_versions(profile).first()
    return version.revision if version else None


def latest_revision_id(profile):
    """The id of the newest revision that saved this profile, or None (one small query)."""
    return (
        Version.objects.get_for_object_reference(Profile, profile.pk)
        .order_by("-revision_id")
        .values_list("revision_id", flat=True)
        .first()
    )


def newer_revision(profile, seen_revision_id):
    """The profile's latest revision if it is not the one the editor saw, else None.

    Call it after locking the profile row, so that no writer commits a revision between this
    check and the caller's save.
    """
    latest = latest_revision(profile)
    if latest is None or latest.pk == seen_revision_id:
        return None
    return latest


def has_revision(profile, revision_id):
    return profile_versions(profile).filter(revision_id=revision_id).exists()


def previous_revision_id(profile, revision_id):
    """The id of the profile's revision before this one, or None."""
    return (
        profile_versions(profile)
        .filter(revision_id__lt=revision_id)
        .values_list("revision_id", flat=True)
        .first()
    )


def neighbouring_revision_ids(profile, *, before, after):
    """(the id of the profile's last revision before ``before``, the id of its first revision
    after ``after``), either None past an end: the steps to an older and a newer revision,
    found in one query."""
    found = Version.objects.get_for_object_reference(Profile, profile.pk).aggregate(
        older=Max("revision_id", filter=Q(revision_id__lt=before)),
        newer=Min("revision_id", filter=Q(revision_id__gt=after)),
    )
    return found["older"], found["newer"]


def stored_profile_fields(profile, revision_id):
    """The profile row's fields as that revision stored them, or None."""
    version = profile_versions(profile).filter(revision_id=revision_id).first()
    return stored_fields(version) if version else None


def deleted_profile_version(version_id):
    """The last version of a deleted profile, by its version id, or None."""
    return (
        Version.objects.get_deleted(Profile).filter(pk=version_id).select_related("revision")
    ).first()


# Loading one revision -----------------------------------------------------------------------


@dataclass
class StoredObject:
    """One row of an old revision: its fields as stored, and the object they make today."""

    model_name: str
    object_id: str
    label: str
    fields: dict
    object: object = None
    m2m: dict = field(default_factory=dict)
    problem: str = ""

    @property
    def shown_fields(self):
        """The stored fields a reader can use: the derived HTML and indexes are left out."""
        return [(name, value) for name, value in self.fields.items() if name not in DERIVED]


def load_stored_object(version, fields):
    """Deserialize a version with today's model, or say why that would lose data.

    reversion loads a version whose field was since renamed or removed with that data silently
    dropped, so stored fields the model no longer has count as a problem too.
    """
    model = version._model
    stored = StoredObject(
        model_name=model._meta.verbose_name if model else "",
        object_id=version.object_id,
        label=version.object_repr,
        fields=fields or {},
    )
    if fields is None or model is None:
        stored.problem = _("Its stored data cannot be read.")
        return stored
    known = {f.name for f in model._meta.local_fields + model._meta.local_many_to_many}
    unknown = sorted(set(fields) - known)
    if unknown:
        stored.problem = _("It stores fields the site no longer has: %(fields)s.") % {
            "fields": ", ".join(unknown)
        }
        return stored
    try:
        deserialized = version._object_version
    except (RevertError, DeserializationError, ValidationError, ValueError, TypeError):
        stored.problem = _("Its stored data no longer fits the site's data model.")
        return stored
    stored.object, stored.m2m = deserialized.object, deserialized.m2m_data or {}
    return stored


@dataclass
class StoredRows:
    """The rows of one profile that a revision stored, loaded with today's models."""

    profile: StoredObject
    facts: list
    citations: list
    relationships: list
    relationship_citations: list
    sources: list

    def all(self):
        return [
            self.profile,
            *self.facts,
            *self.citations,
            *self.relationships,
            *self.relationship_citations,
            *self.sources,
        ]


@dataclass
class ProfileRevision:
    """A profile as one revision stored it, as unsaved rows ready for profiles.presentation.

    When a stored row cannot be loaded (``problems``), only ``stored`` is filled: the data as
    stored, for a read-only view.
    """

    revision: object
    rows: StoredRows
    stored: list
    problems: list
    profile: Profile = None
    types: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    citations: list = field(default_factory=list)
    relationships: list = field(default_factory=list)
    shown: Shown = Shown(frozenset(), revealed=True)  # what the viewer may see (for_viewer)

    @property
    def number(self):
        return self.revision.pk

    def for_viewer(self, viewer):
        """This revision as the viewer may see it: hidden parts blanked unless they may
        redact (who then see them, marked)."""
        self.shown = shown_to(viewer, self.revision)
        return self

    @property
    def who(self):
        return display_name(self.revision.user) if self.shown.shows("user") else ""

    @property
    def comment(self):
        return self.revision.get_comment() if self.shown.shows("comment") else ""

    @property
    def text_shown(self):
        return self.shown.shows("text")

    @property
    def hidden(self):
        return self.shown.hidden

    def snapshot(self):
        if self.problems:
            raise RevisionUnavailable(" ".join(self.problems))
        profile = self.profile
        return ProfileSnapshot(
            name=profile.name,
            slug=profile.slug,
            category=profile.category.name,
            location=profile.location,
            types=sorted(profile_type.name for profile_type in self.types),
            aliases=profile.aliases,
            lead=profile.lead,
            body=profile.body,
            published=profile.published,
            facts=[(fact.label.name, fact.value, fact.as_of) for fact in self.facts],
            citations=[citation_entry(c, c.source) for c in self.citations],
            relationships=[relationship_entry(profile, r) for r in self.relationships],
            reference_numbers=reference_numbers(profile.references),
        )


def attach(obj, field_name, related):
    """Set a related object without touching the foreign key value (it may be a stand-in)."""
    type(obj)._meta.get_field(field_name).set_cached_value(obj, related)


def attach_many(obj, name, model, rows):
    """Make ``obj.<name>.all()`` give these rows, without a query: the rows of an old
    revision (not today's), or rows just written."""
    cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[name] = model.objects.none()
    cache[name]._result_cache = list(rows)


@cache
def stored_schema():
    """A digest of the versioned models' fields: stored rows loaded under other fields (before
    a migration that rewrote stored versions) are never read back from the cache."""
    models = [Profile, Fact, Citation, Source, Relationship, RelationshipCitation]
    names = [f.name for m in models for f in m._meta.local_fields + m._meta.local_many_to_many]
    return hashlib.sha256(" ".join(names).encode()).hexdigest()[:12]


def stored_rows_of_revision(profile_id, revision_id):
    """(StoredRows, the revision with its user and redaction) of the profile in the revision, or
    (None, None) if the revision has no version of it.

    A revision never changes, so the loaded rows are kept in the page cache, shared by every
    worker: reading a revision again (a diff, a permanent link) deserializes nothing, and costs
    one query for the revision itself, whose redaction can change. Rows that cannot be loaded
    are not kept, so that their messages follow the reader's language.
    """
    key = f"revision-rows:{stored_schema()}:{profile_id}:{revision_id}"
    cached = page_cache().get(key)
    if cached is not None:
        created, rows = cached
        revision = (
            Revision.objects.select_related("user", "redaction").filter(pk=revision_id).first()
        )
        if revision is None:
            return None, None
        # An id can be used again after a rollback or a deleted revision: the date tells.
        if revision.date_created == created:
            return rows, revision
    rows, revision = load_stored_rows(profile_id, revision_id)
    if rows is not None and not any(row.problem for row in rows.all()):
        page_cache().set(key, (revision.date_created, rows), KEPT_REVISION_SECONDS)
    return rows, revision


def load_stored_rows(profile_id, revision_id):
    """stored_rows_of_revision() without the cache: the revision's versions in one query."""
    kinds = ContentType.objects.get_for_models(
        Profile, Fact, Citation, Source, Relationship, RelationshipCitation
    )
    versions_by_kind = defaultdict(list)
    versions = Version.objects.filter(revision_id=revision_id)
    for version in versions.select_related("revision__user", "revision__redaction"):
        versions_by_kind[version.content_type_id].append(version)
    profile_version = next(
        (v for v in versions_by_kind[kinds[Profile].id] if v.object_id == str(profile_id)), None
    )
    if profile_version is None:
        return None, None

    def own_rows(model):
        # A revision may hold several profiles; keep the rows of this one.
        for version in versions_by_kind[kinds[model].id]:
            fields = stored_fields(version)
            if fields is None or fields.get("profile") == profile_id:
                yield load_stored_object(version, fields)

    profile_row = load_stored_object(profile_version, stored_fields(profile_version))
    fact_rows, citation_rows = list(own_rows(Fact)), list(own_rows(Citation))
    relationship_rows = [
        load_stored_object(version, fields)
        for version in versions_by_kind[kinds[Relationship].id]
        if (fields := stored_fields(version)) is None
        or profile_id in (fields.get("subject"), fields.get("object"))
    ]
    own_relationships = {row.object_id for row in relationship_rows}
    relationship_citation_rows = [
        load_stored_object(version, fields)
        for version in versions_by_kind[kinds[RelationshipCitation].id]
        if (fields := stored_fields(version)) is None
        or str(fields.get("relationship")) in own_relationships
    ]
    cited = {row.fields.get("source") for row in citation_rows + relationship_citation_rows}
    source_rows = [
        load_stored_object(version, stored_fields(version))
        for version in versions_by_kind[kinds[Source].id]
        if version.object_id.isdigit() and int(version.object_id) in cited
    ]
    rows = StoredRows(
        profile=profile_row,
        facts=fact_rows,
        citations=citation_rows,
        relationships=relationship_rows,
        relationship_citations=relationship_citation_rows,
        sources=source_rows,
    )
    return rows, profile_version.revision


def stored_revision(profile_id, revision_id):
    """The revision of the profile with its stored rows and their problems, but not the rows
    of today it refers to (``profile`` is None): what a page that only names the revision
    needs, such as a diff already computed. None if the revision has no version of it.
    """
    rows, revision = stored_rows_of_revision(int(profile_id), revision_id)
    if rows is None:
        return None
    stored = rows.all()
    return ProfileRevision(
        revision=revision,
        rows=rows,
        stored=stored,
        problems=[f"{row.label}: {row.problem}" for row in stored if row.problem],
    )


def load_profile_revision(profile_id, revision_id):
    """The profile as stored in the revision, or None if the revision has no version of it.

    A few queries: the revision (and, the first time, its versions), then those of
    with_todays_rows().
    """
    old = stored_revision(profile_id, revision_id)
    return with_todays_rows(old) if old is not None else None


def with_todays_rows(old):
    """The stored revision made whole with the rows of today it refers to: the category, the
    types, the fact labels and, with connections, their types and the profiles at their other
    ends (a few queries). Those are not versioned in this profile's revision; one deleted since
    is shown under a stand-in name, and a connection to it is not shown.
    """
    if old.problems or old.profile is not None:
        return old
    rows = old.rows
    profile_row, fact_rows, citation_rows = rows.profile, rows.facts, rows.citations
    relationship_rows, source_rows = rows.relationships, rows.sources
    relationship_citation_rows = rows.relationship_citations
    profile = old.profile = profile_row.object
    category = Category.objects.filter(pk=profile.category_id).first()
    attach(profile, "category", category or Category(name=_("(deleted category)")))
    type_ids = profile_row.m2m.get("types", [])
    old.types = list(ProfileType.objects.filter(pk__in=type_ids)) if type_ids else []

    old.facts = sorted((row.object for row in fact_rows), key=lambda f: (f.position, f.pk))
    labels = FactLabel.objects.in_bulk({f.label_id for f in old.facts}) if old.facts else {}
    for fact in old.facts:
        attach(fact, "label", labels.get(fact.label_id) or FactLabel(name=_("(deleted label)")))

    old.citations = sorted((row.object for row in citation_rows), key=lambda c: c.key)
    sources = {row.object.pk: row.object for row in source_rows}
    # Revisions stored before sources were followed do not hold them: use today's rows.
    sources.update(Source.objects.in_bulk({c.source_id for c in old.citations} - set(sources)))
    for citation in old.citations:
        source = sources.get(citation.source_id)
        attach(citation, "source", source or Source(pk=citation.source_id, title=_("(deleted)")))
    old.relationships = stored_relationships(
        profile, relationship_rows, relationship_citation_rows, sources
    )
    return old


def stored_relationships(profile, relationship_rows, citation_rows, sources):
    """The profile's relationships as the revision stored them, each with its stored
    citations; the type and the profile at the other end are today's (or stand-ins)."""
    relationships = [row.object for row in relationship_rows]
    types = RelationshipType.objects.in_bulk({r.type_id for r in relationships})
    others = {r.subject_id for r in relationships} | {r.object_id for r in relationships}
    others.discard(profile.pk)
    profiles = Profile.objects.select_related("category").in_bulk(others) if others else {}
    citations = {}
    for row in citation_rows:
        citation = row.object
        source = sources.get(citation.source_id)
        attach(citation, "source", source or Source(pk=citation.source_id, title=_("(deleted)")))
        citations.setdefault(citation.relationship_id, []).append(citation)
    for relationship in relationships:
        attach(
            relationship,
            "type",
            types.get(relationship.type_id) or RelationshipType(name=_("(deleted type)")),
        )
        for side in ("subject", "object"):
            pk = getattr(relationship, f"{side}_id")
            other = profile if pk == profile.pk else profiles.get(pk)
            attach(relationship, side, other or Profile(name=_("(deleted profile)")))
        attach_many(
            relationship,
            "citations",
            RelationshipCitation,
            sorted(citations.get(relationship.pk, []), key=lambda c: c.pk),
        )
    return relationships


def snapshot_of_revision(profile, revision):
    """The profile as the revision (a Revision or its id) stored it.

    Raises LookupError when the revision holds no version of this profile, and
    RevisionUnavailable when today's models cannot load it.
    """
    revision_id = getattr(revision, "pk", revision)
    old = load_profile_revision(profile.pk, revision_id)
    if old is None:
        raise LookupError(f"Revision {revision_id} has no version of profile {profile.pk}.")
    return old.snapshot()
