"""The history of a profile: its revisions, any one of them as it was, and reverting to one.

A revision of a profile holds versions of the profile row, its facts, its citations and the
sources those cite (see the registration at the bottom of profiles.models). Loading a revision
rebuilds those rows as unsaved objects, so an old revision renders through
profiles.presentation exactly like the live page, references included.

Reverting restores only the profile's own rows: a source is shared by every profile citing it,
and reverting it from one profile's history would change all of them (django-reversion issue
813), so this module never calls ``Revision.revert()``.

Revisions are named by their id (reversion's ``Revision.pk``): permanent links, "Revision N"
and a suggestion's base revision all use it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Version

from profiles.models import Category, Citation, Fact, FactLabel, Profile, ProfileType, Source
from profiles.stored_versions import fields_of, stored_fields

SITE_AUTHOR = "Sourcebook"  # shown as "who" for revisions made without a user
# Columns derived from the text at save: not worth showing in a read-only old revision.
DERIVED = {"lead_html", "body_html", "toc", "references", "value_html", "normalized_url"}


class RevisionUnavailable(Exception):
    """An old revision that today's models cannot load (a field was renamed or removed)."""


class RevertRefused(Exception):
    """A revert or recovery that cannot restore the profile faithfully; the message says why."""


# Snapshots ----------------------------------------------------------------------------------


@dataclass
class ProfileSnapshot:
    """What readers compare between two states of a profile: the live one, an old revision,
    or (in editorial) a suggestion. profiles.diffs compares any two of them."""

    name: str
    slug: str
    category: str
    location: str
    types: list  # type names, sorted
    aliases: str
    lead: str
    body: str
    published: bool
    facts: list  # (label, value, as_of) in infobox order
    citations: list  # {key, source_id, source_title, source_url, accessed, pinpoint}, by key

    @property
    def size(self):
        return len(self.lead) + len(self.body)


def citation_entry(citation, source):
    return {
        "key": citation.key,
        "source_id": citation.source_id,
        "source_title": source.title,
        "source_url": source.url,
        "accessed": citation.accessed,
        "pinpoint": citation.pinpoint,
    }


def snapshot_of_profile(profile):
    """The live profile as a snapshot (three queries: types, facts, citations)."""
    return ProfileSnapshot(
        name=profile.name,
        slug=profile.slug,
        category=profile.category.name,
        location=profile.location,
        types=sorted(profile_type.name for profile_type in profile.types.all()),
        aliases=profile.aliases,
        lead=profile.lead,
        body=profile.body,
        published=profile.published,
        facts=[(f.label.name, f.value, f.as_of) for f in profile.facts.select_related("label")],
        citations=[
            citation_entry(citation, citation.source)
            for citation in profile.citations.select_related("source")
        ],
    )


def empty_snapshot():
    """A profile with nothing in it: what the first revision is compared with."""
    return ProfileSnapshot(
        name="",
        slug="",
        category="",
        location="",
        types=[],
        aliases="",
        lead="",
        body="",
        published=False,
        facts=[],
        citations=[],
    )


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
class ProfileRevision:
    """A profile as one revision stored it, as unsaved rows ready for profiles.presentation.

    When a stored row cannot be loaded (``problems``), only ``stored`` is filled: the data as
    stored, for a read-only view.
    """

    revision: object
    stored: list
    problems: list
    profile: Profile = None
    types: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    citations: list = field(default_factory=list)

    @property
    def number(self):
        return self.revision.pk

    @property
    def who(self):
        return display_name(self.revision.user)

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
        )


def attach(obj, field_name, related):
    """Set a related object without touching the foreign key value (it may be a stand-in)."""
    type(obj)._meta.get_field(field_name).set_cached_value(obj, related)


def load_profile_revision(profile_id, revision_id):
    """The profile as stored in the revision, or None if the revision has no version of it.

    Four queries: the revision's versions, the category, the types and the fact labels. The
    category, types and labels are today's rows (they are not versioned); one deleted since is
    shown under a stand-in name.
    """
    profile_id = int(profile_id)
    kinds = ContentType.objects.get_for_models(Profile, Fact, Citation, Source)
    versions_by_kind = defaultdict(list)
    for version in Version.objects.filter(revision_id=revision_id).select_related("revision__user"):
        versions_by_kind[version.content_type_id].append(version)
    profile_version = next(
        (v for v in versions_by_kind[kinds[Profile].id] if v.object_id == str(profile_id)), None
    )
    if profile_version is None:
        return None

    def own_rows(model):
        # A revision may hold several profiles; keep the rows of this one.
        for version in versions_by_kind[kinds[model].id]:
            fields = stored_fields(version)
            if fields is None or fields.get("profile") == profile_id:
                yield load_stored_object(version, fields)

    profile_row = load_stored_object(profile_version, stored_fields(profile_version))
    fact_rows, citation_rows = list(own_rows(Fact)), list(own_rows(Citation))
    cited = {row.fields.get("source") for row in citation_rows}
    source_rows = [
        load_stored_object(version, stored_fields(version))
        for version in versions_by_kind[kinds[Source].id]
        if version.object_id.isdigit() and int(version.object_id) in cited
    ]
    stored = [profile_row, *fact_rows, *citation_rows, *source_rows]
    old = ProfileRevision(
        revision=profile_version.revision,
        stored=stored,
        problems=[f"{row.label}: {row.problem}" for row in stored if row.problem],
    )
    if old.problems:
        return old

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
    return old


# Listing revisions --------------------------------------------------------------------------


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

    @property
    def size_change(self):
        if self.size is None or self.previous_size is None:
            return None
        return self.size - self.previous_size

    @property
    def size_change_magnitude(self):
        return abs(self.size_change or 0)


def display_name(user):
    if user is None:
        return SITE_AUTHOR
    return user.get_full_name() or user.get_username()


def text_size(fields):
    if fields is None:
        return None
    return len(fields.get("lead") or "") + len(fields.get("body") or "")


def history_entry(version, *, previous_fields=None, previous_id=None, profile=None):
    fields = stored_fields(version)
    revision = version.revision
    return HistoryEntry(
        revision_id=revision.pk,
        date=revision.date_created,
        who=display_name(revision.user),
        comment=revision.get_comment(),
        size=text_size(fields),
        previous_id=previous_id,
        previous_size=text_size(previous_fields),
        profile=profile,
    )


def profile_versions(profile):
    """The versions of one profile, newest first, with who made each revision."""
    return (
        Version.objects.get_for_object(profile)
        .select_related("revision__user")
        .order_by("-revision_id")
    )


def history_entries(versions, older=None):
    """History rows for consecutive versions of one profile, newest first.

    ``older`` is the version just before the last one, if any: the last row's size change
    needs it. Reading sizes from the stored data keeps this at the one query that fetched the
    versions, however long the history.
    """
    versions = list(versions)
    previous = [*versions[1:], older]
    return [
        history_entry(
            version,
            previous_fields=stored_fields(before) if before else None,
            previous_id=before.revision_id if before else None,
        )
        for version, before in zip(versions, previous, strict=True)
    ]


def paged_history(profile, page_number, per_page):
    """One page of a profile's history: (the Paginator page, its HistoryEntry rows).

    Two queries whatever the length of the history: the count, and the page's versions plus
    the one before them.
    """
    versions = profile_versions(profile)
    page = Paginator(versions, per_page).get_page(page_number)
    if not page.paginator.count:
        return page, []
    shown = page.end_index() - page.start_index() + 1
    rows = list(versions[page.start_index() - 1 : page.end_index() + 1])
    return page, history_entries(rows[:shown], older=rows[shown] if len(rows) > shown else None)


def has_revision(profile, revision_id):
    return Version.objects.get_for_object(profile).filter(revision_id=revision_id).exists()


def previous_revision_id(profile, revision_id):
    """The id of the profile's revision before this one, or None."""
    return (
        Version.objects.get_for_object(profile)
        .filter(revision_id__lt=revision_id)
        .order_by("-revision_id")
        .values_list("revision_id", flat=True)
        .first()
    )


def recent_versions():
    """Versions of published profiles across the site, newest first.

    Each carries the stored data and the revision id of the version before it (subqueries),
    so that a page of recent changes costs one query whatever its rows.
    """
    profile_versions = Version.objects.get_for_model(Profile)
    published = Profile.objects.published().annotate(key=Cast("pk", CharField())).values("key")
    before = profile_versions.filter(
        object_id=OuterRef("object_id"), revision_id__lt=OuterRef("revision_id")
    ).order_by("-revision_id")
    return (
        profile_versions.filter(object_id__in=published)
        .select_related("revision__user")
        .annotate(
            previous_data=Subquery(before.values("serialized_data")[:1]),
            previous_revision_id=Subquery(before.values("revision_id")[:1]),
        )
        # Newest first by version id, which follows the revision order: the (content_type,
        # db) index then yields the rows in order, so only the page's rows are read and only
        # their subqueries run. Ordering by revision_id sorted every version first.
        .order_by("-pk")
    )


def recent_entries(versions):
    """History rows for versions from recent_versions(), with their live profiles (one query)."""
    versions = list(versions)
    profiles = Profile.objects.in_bulk({int(version.object_id) for version in versions})
    return [
        history_entry(
            version,
            previous_fields=fields_of(version.previous_data),
            previous_id=version.previous_revision_id,
            profile=profiles.get(int(version.object_id)),
        )
        for version in versions
    ]


def newer_revision(profile, seen_revision_id):
    """The profile's latest revision (with its user) if it is not the one the editor saw.

    None when the editor saw the latest one. Call it after locking the profile row, so that
    no writer commits a revision between this check and the caller's save.
    """
    latest = profile_versions(profile).first()
    if latest is None or latest.revision_id == seen_revision_id:
        return None
    return latest.revision


def who_and_when(revision):
    """The author and local date-time of a revision, for messages to editors."""
    when = date_format(localtime(revision.date_created), "DATETIME_FORMAT")
    return {"who": display_name(revision.user), "when": when}


def current_revision(profile):
    """The latest revision of the profile, or None if it was never saved in one."""
    version = (
        Version.objects.get_for_object(profile)
        .select_related("revision")
        .only("revision_id", "revision__id", "revision__date_created")
        .order_by("-revision_id")
        .first()
    )
    return version.revision if version else None


# Reverting and recovering -------------------------------------------------------------------


def restore_problems(old):
    """Why restoring this revision would not bring the profile back as it was; [] if it would."""
    if old.problems:
        return [
            _(
                "Revision %(number)s was stored before a change to the site's data model and "
                "cannot be restored; it can still be read."
            )
            % {"number": old.number}
        ]
    problems = []
    stored = old.profile
    if stored.category.pk is None:
        problems.append(_("Its category has since been deleted."))
    if any(fact.label.pk is None for fact in old.facts):
        problems.append(_("An infobox label it uses has since been deleted."))
    source_ids = {citation.source_id for citation in old.citations}
    existing = set(Source.objects.filter(pk__in=source_ids).values_list("pk", flat=True))
    deleted = sorted({c.source.title for c in old.citations if c.source_id not in existing})
    if deleted:
        problems.append(
            _("It cites sources that have since been deleted: %(titles)s.")
            % {"titles": "; ".join(f"“{title}”" for title in deleted)}
        )
    if Profile.objects.filter(slug=stored.slug).exclude(pk=stored.pk).exists():
        problems.append(
            _("Its address, /profiles/%(slug)s/, now belongs to another profile.")
            % {"slug": stored.slug}
        )
    return problems


def fresh_row(stored):
    """A new instance of the stored row's model with the same values, primary key included."""
    model = type(stored)
    return model(**{f.attname: getattr(stored, f.attname) for f in model._meta.concrete_fields})


def restore_profile(old, live=None):
    """Write the profile's own rows as the revision stored them, then re-render.

    Facts and citations the revision did not have are deleted; the ones it had come back with
    their ids. Sources are never written. Call inside a transaction and a revision.
    """
    problems = restore_problems(old)
    if problems:
        raise RevertRefused(" ".join(problems))
    stored = old.profile
    profile = live or Profile(pk=stored.pk)
    former_slug = live.slug if live and live.slug != stored.slug else None
    for model_field in Profile._meta.concrete_fields:
        if not model_field.primary_key and model_field.name != "updated":
            setattr(profile, model_field.attname, getattr(stored, model_field.attname))
    profile.save()
    if former_slug:
        profile.remember_former_slug(former_slug)
    profile.types.set(old.types)

    profile.facts.exclude(pk__in=[fact.pk for fact in old.facts]).delete()
    for fact in old.facts:
        fresh_row(fact).save()

    # A citation whose key changed is deleted and written again, so that swapped keys never
    # meet the unique (profile, key) constraint half-way.
    stored_keys = {citation.pk: citation.key for citation in old.citations}
    stale = [
        pk for pk, key in profile.citations.values_list("pk", "key") if stored_keys.get(pk) != key
    ]
    profile.citations.filter(pk__in=stale).delete()
    for citation in old.citations:
        fresh_row(citation).save()

    profile.rerender()
    return profile


def latest_revision(profile_id):
    return (
        Version.objects.get_for_object_reference(Profile, profile_id)
        .select_related("revision")
        .order_by("-revision_id")
        .first()
        .revision
    )


def revert_profile(profile, revision_id, *, user, seen_revision_id=None):
    """Make the profile what it was at the revision, as one new revision by the user.

    The comment reads "Reverted to revision N". Raises RevertRefused (and writes nothing) when
    the revision is not one of this profile's or cannot be restored faithfully, or when
    ``seen_revision_id`` (the current revision the editor confirmed the revert against) is no
    longer the current one. Returns the new revision.
    """
    with transaction.atomic(), reversion.create_revision():
        live = Profile.objects.select_for_update().get(pk=profile.pk)
        newer = newer_revision(live, seen_revision_id) if seen_revision_id else None
        if newer:
            raise RevertRefused(
                _(
                    "%(who)s changed this profile on %(when)s, after you opened this page, so "
                    "nothing was reverted. The changes below are now worked out from the latest "
                    "version; check them and revert again."
                )
                % who_and_when(newer)
            )
        old = load_profile_revision(live.pk, revision_id)
        if old is None:
            raise RevertRefused(
                _("Revision %(number)s is not a revision of this profile.")
                % {"number": revision_id}
            )
        restore_profile(old, live)
        reversion.set_user(user)
        reversion.set_comment(_("Reverted to revision %(number)s") % {"number": revision_id})
    return latest_revision(profile.pk)


def recover_profile(version, *, user):
    """Bring back a deleted profile, with its facts and citations, from its last version.

    One new revision by the user, "Recovered from revision N". Returns the profile.
    """
    with transaction.atomic(), reversion.create_revision():
        if Profile.objects.filter(pk=version.object_id).exists():
            raise RevertRefused(_("This profile has not been deleted; revert it instead."))
        old = load_profile_revision(version.object_id, version.revision_id)
        profile = restore_profile(old)
        reversion.set_user(user)
        reversion.set_comment(
            _("Recovered from revision %(number)s") % {"number": version.revision_id}
        )
    return profile


def deleted_profile_version(version_id):
    """The last version of a deleted profile, by its version id, or None."""
    return (
        Version.objects.get_deleted(Profile).filter(pk=version_id).select_related("revision")
    ).first()
