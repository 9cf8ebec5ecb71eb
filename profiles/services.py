"""Every write to a profile, its facts, citations and sources: one routine, one revision each.

``save_profile`` is the only code that opens a revision for a profile: the admin, the review
desk's approvals, revert and recover (below), the importers and the demo all call it. It locks
the row, refuses a save based on an older revision, checks the citation markers, writes the
profile with its rows and new sources, re-renders the stored HTML (and the profile's row of the
SQLite search index, profiles.search_index), and returns the revision.
A save that changes nothing writes nothing.

Reverting restores only the profile's own rows: a source is shared by every profile citing it,
and reverting it from one profile's history would change all of them (django-reversion issue
813), so this module never calls ``Revision.revert()``. Source edits are revisions of the source
itself (``save_source``).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from profiles.connections import connection_markers, relationships_of
from profiles.finances import fact_values, filing_markers
from profiles.markup import RenderedProfile, check_markers
from profiles.models import (
    REDACTABLE,
    Citation,
    Fact,
    Filing,
    Profile,
    RedactionLog,
    Relationship,
    RevisionRedaction,
    Source,
)
from profiles.permissions import can_edit_profiles, can_redact, can_revert
from profiles.revisions import (
    latest_revision,
    latest_revision_id,
    load_profile_revision,
    newer_revision,
    who_and_when,
)
from profiles.search_index import index_profile
from profiles.signals import profile_written
from profiles.urlnorm import normalize_url
from profiles.version_sizes import store_revision_sizes

# The fields of a source that a new, unsaved Source carries into the one save_profile creates.
NEW_SOURCE_FIELDS = [
    "title",
    "authors",
    "publication",
    "published_date",
    "date_precision",
    "archive_url",
    "archive_date",
    "kind",
    "notes",
]
# Columns of a profile that are derived or bookkeeping: a save that changes only these (or
# nothing) is no change.
NOT_CONTENT = {"id", "created", "updated", "lead_html", "body_html", "toc", "references"}
# save_profile(base_revision_id=...) left out: the caller does not check for newer revisions.
UNCHECKED = object()


# The profiles added to the revision being written, by id: their text sizes are stored for the
# history once the outermost revision block has written the versions.
profiles_in_revision = ContextVar("profiles_in_revision", default=None)


@contextmanager
def profile_revision(*, user, comment, date_created=None):
    """Open a revision of profiles by ``user`` with ``comment`` (a nested one joins the one
    already open); once it is written, store the text size of every profile added to it."""
    profiles = profiles_in_revision.get()
    # Within a revision someone else opened, the versions are written after this block: their
    # sizes are then computed the first time a history shows them.
    outermost = profiles is None and not reversion.is_active()
    if outermost:
        profiles = {}
        token = profiles_in_revision.set(profiles)
    try:
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(user)
            reversion.set_comment(comment)
            if date_created is not None:
                reversion.set_date_created(date_created)
            yield
    finally:
        if outermost:
            profiles_in_revision.reset(token)
    if outermost:
        store_revision_sizes(profiles.values())


class ProfileChanged(Exception):
    """The profile has a revision newer than the one the writer started from; nothing saved."""

    def __init__(self, newer):
        self.newer = newer
        super().__init__(
            _("%(who)s changed this profile on %(when)s, so nothing was saved.")
            % who_and_when(newer)
        )


class RevertRefused(Exception):
    """A revert or recovery that cannot restore the profile faithfully; the message says why."""


@dataclass
class SavedProfile:
    """What save_profile did: whether it wrote a revision, and the rendering it stored."""

    profile: Profile
    changed: bool = False
    rendered: RenderedProfile = None

    @cached_property
    def revision(self):
        """The revision written (read on demand: most writers never ask), or None."""
        return latest_revision(self.profile) if self.changed else None


def save_profile(
    profile,
    *,
    user,
    comment,
    types=None,
    facts=None,
    citations=None,
    base_revision_id=UNCHECKED,
    date_created=None,
    check=True,
):
    """Save the profile with its rows as one revision by ``user`` with ``comment``.

    ``types``, ``facts`` and ``citations``, when given, replace the profile's own: Fact and
    Citation instances (saved or not) in their new state; a citation's unsaved Source is
    created in the same revision, or the existing source with its normalized URL is cited
    instead. Left as None they stay as they are.

    Raises ProfileChanged when ``base_revision_id`` is given and is not the profile's latest
    revision, and ValidationError when a marker cites a key no citation has (``check=False``
    skips that, for restoring a revision exactly as it was). Returns a
    SavedProfile whose ``revision`` is None when the save would change nothing.
    """
    with transaction.atomic():
        stored = Profile.objects.select_for_update().filter(pk=profile.pk).first()
        stored = stored if profile.pk else None
        if stored is not None and base_revision_id is not UNCHECKED:
            newer = newer_revision(stored, base_revision_id)
            if newer is not None:
                raise ProfileChanged(newer)
        profile.normalize_fields()
        if check:
            check_profile(profile, facts=facts, citations=citations)
        if stored is not None and not changes(stored, profile, types, facts, citations):
            return SavedProfile(profile)
        with profile_revision(user=user, comment=comment, date_created=date_created):
            rendered = write_profile(profile, stored, types, facts, citations)
        profile_written.send(sender=Profile, profile=profile)
        return SavedProfile(profile, changed=True, rendered=rendered)


def check_profile(profile, *, facts, citations):
    """Refuse a profile whose markers cite keys it has no citation for, or repeats a key."""
    if citations is None:
        keys = list(profile.citations.values_list("key", flat=True)) if profile.pk else []
    else:
        keys = [citation.key for citation in citations]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValidationError(
            _("Each citation key may be used once in a profile; repeated: %(keys)s.")
            % {"keys": ", ".join(repeated)}
        )
    if facts is None:
        values = list(profile.facts.values_list("value", flat=True)) if profile.pk else []
    else:
        values = [fact.value for fact in facts]
    check_markers([profile.lead, profile.body, *values], keys)


def changes(stored, profile, types, facts, citations):
    """Whether saving would change the profile, its types, facts or citations."""
    fields = [f.attname for f in Profile._meta.concrete_fields if f.attname not in NOT_CONTENT]
    if any(getattr(stored, name) != getattr(profile, name) for name in fields):
        return True
    if types is not None and {t.pk for t in types} != set(
        stored.types.values_list("pk", flat=True)
    ):
        return True
    if facts is not None and fact_rows(facts) != fact_rows(stored.facts.all()):
        return True
    return citations is not None and citation_rows(citations) != citation_rows(
        stored.citations.all()
    )


def fact_rows(facts):
    # The infobox shows facts in the order of their positions; the numbers themselves are not
    # content (positions 1, 2, 5 read as 0, 1, 2), so renumbering alone changes nothing.
    in_order = sorted(facts, key=lambda fact: fact.position)
    return [
        (rank, f.label_id, f.value.replace("\r\n", "\n"), f.as_of)
        for rank, f in enumerate(in_order)
    ]


def citation_rows(citations):
    # An unsaved source has no id yet, so a citation of one never equals a stored row.
    return sorted(
        ((c.key, c.source_id or 0, c.accessed, c.pinpoint) for c in citations),
        key=lambda row: row[0],
    )


def write_profile(profile, stored, types, facts, citations):
    """Render, then write the profile and its rows, and add them to the open revision.

    The revision is managed by hand: each row is written once, and the aggregate is added
    once at the end from the rows in memory (reversion would otherwise serialize and follow
    the profile again at every save).
    """
    if stored is not None and stored.slug != profile.slug:
        profile.remember_former_slug(stored.slug)
    if facts is None:
        facts = list(stored.facts.all()) if stored else []
    if citations is None:
        citations = list(stored.citations.select_related("source")) if stored else []
        replace = False
    else:
        replace = True
    for citation in citations:
        citation.source = saved_source(citation.source)
    relationships = list(relationships_of(profile)) if stored else []
    filings = list(profile.filings.all()) if stored else []
    rendered = profile.render(
        fact_values(facts, filings),
        {c.key: c.source_id for c in citations},
        connection_markers(profile, relationships) + filing_markers(filings),
    )
    profile.save()
    if types is not None:
        profile.types.set(types)
    for fact, html in zip(facts, rendered.fact_html, strict=True):
        fact.value_html = html
    replace_facts(profile, facts, new=stored is None)
    if replace:
        replace_citations(profile, citations, new=stored is None)
    profile.replace_mentions(rendered.mentions, new=stored is None)
    index_profile(profile, rendered.fact_html)
    add_aggregate_to_revision(profile, facts, citations, relationships)
    if stored is not None and stored.published != profile.published:
        # Its connections show on the other profiles only while it is published.
        for other in {r.other(profile).pk: r.other(profile) for r in relationships}.values():
            rerender(other)
    return rendered


def rerender(profile):
    """Render a saved profile again from its stored rows, because a connection of it changed,
    and add it to the open revision: the change is part of its history too."""
    facts = list(profile.facts.select_related("label"))
    citations = list(profile.citations.select_related("source"))
    relationships = list(relationships_of(profile))
    filings = list(profile.filings.all())
    rendered = profile.render(
        fact_values(facts, filings),
        {c.key: c.source_id for c in citations},
        connection_markers(profile, relationships) + filing_markers(filings),
    )
    profile.save(update_fields=["lead_html", "body_html", "toc", "references", "updated"])
    for fact, html in zip(facts, rendered.fact_html, strict=True):
        if fact.value_html != html:
            fact.value_html = html
            fact.save(update_fields=["value_html"])
    profile.replace_mentions(rendered.mentions)
    index_profile(profile, rendered.fact_html)
    add_aggregate_to_revision(profile, facts, citations, relationships)
    return rendered


def add_aggregate_to_revision(profile, facts, citations, relationships=()):
    """Add the profile to the revision with the rows just written, without querying them again:
    reversion follows the profile to its facts, citations and relationships (and on to their
    citations and sources) through these prefetched lists."""
    prefetched = getattr(profile, "_prefetched_objects_cache", {})
    lists = {
        "facts": (Fact, facts),
        "citations": (Citation, citations),
        "relationships_as_subject": (
            Relationship,
            [r for r in relationships if r.subject_id == profile.pk],
        ),
        "relationships_as_object": (
            Relationship,
            [r for r in relationships if r.object_id == profile.pk],
        ),
    }
    for name, (model, rows) in lists.items():
        prefetched[name] = model.objects.none()
        prefetched[name]._result_cache = list(rows)
    profile._prefetched_objects_cache = prefetched
    profiles = profiles_in_revision.get()
    if profiles is not None:
        # The last time a profile is added is the state the revision keeps.
        profiles[profile.pk] = (profile, [fact.value for fact in facts])
    try:
        reversion.add_to_revision(profile)
    finally:
        del profile._prefetched_objects_cache


def replace_facts(profile, facts, *, new):
    if not new:
        profile.facts.exclude(pk__in=[fact.pk for fact in facts if fact.pk]).delete()
    for fact in facts:
        fact.profile = profile
    save_changed_rows(facts, None if new else profile.facts.all())


def replace_citations(profile, citations, *, new):
    if not new:
        # A citation whose key changed is deleted and written again, so that swapped keys
        # never meet the unique (profile, key) constraint half-way.
        new_keys = {citation.pk: citation.key for citation in citations if citation.pk}
        stored = profile.citations.values_list("pk", "key")
        stale = [pk for pk, key in stored if new_keys.get(pk) != key]
        profile.citations.filter(pk__in=stale).delete()
    for citation in citations:
        citation.profile = profile
    save_changed_rows(citations, None if new else profile.citations.all())


def save_changed_rows(rows, stored):
    """Save the rows that are new or differ from their stored copy in ``stored`` (a queryset,
    or None when nothing is stored yet): an edit of one sentence then writes no citation or
    fact again, so a save costs the same few queries however many rows the profile has."""
    model = type(rows[0]) if rows else None
    if model is None:
        return
    names = [field.attname for field in model._meta.concrete_fields if not field.primary_key]
    as_stored = {} if stored is None else {v[0]: v[1:] for v in stored.values_list("pk", *names)}
    for row in rows:
        if as_stored.get(row.pk) != tuple(getattr(row, name) for name in names):
            row.save()


def saved_source(source):
    """The source itself if it is saved; else the source at its URL, or it, saved now."""
    if source.pk:
        return source
    if source.url:
        return Source.objects.for_url(
            source.url, **{name: getattr(source, name) for name in NEW_SOURCE_FIELDS}
        )
    source.save()
    return source


def save_source(source, *, user, comment):
    """Save a source (a correction, a new URL, a revert) as one revision of its own."""
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        reversion.set_user(user)
        reversion.set_comment(comment)
        source.save()
        reversion.add_to_revision(source)
    return source


# Acting on a source's link health (the admin's dead-links list) -------------------------------


def accept_archived_copy(source, *, user):
    """Make the archived copy the link checker found the source's own, as one revision of the
    source by the user: it then stays in the history and in every old revision saved after it.
    Only editors may (PermissionDenied); returns False when there is no found copy to accept."""
    if not can_edit_profiles(user):
        raise PermissionDenied
    with transaction.atomic():
        source = (
            Source.objects.select_for_update(of=("self",))
            .select_related("link_check")
            .get(pk=source.pk)
        )
        found = source.link_state
        if found is None or not found.archive_url or source.archive_url == found.archive_url:
            return False
        source.archive_url, source.archive_date = found.archive_url, found.archive_date
        comment = _("Accepted the archived copy of %(date)s for a link that is %(status)s.") % {
            "date": found.archive_date.isoformat() if found.archive_date else "unknown date",
            "status": found.get_status_display().lower(),
        }
        save_source(source, user=user, comment=comment)
        return True


def replace_source_url(source, url, *, user, note=""):
    """Give the source a new address (the page moved), as one revision of the source by the
    user. Only editors may (PermissionDenied). Raises ValidationError, saving nothing, when the
    address is not a web address or another source has it. The link is then "not checked yet"
    until its next check; the archived copy of the old address stays."""
    if not can_edit_profiles(user):
        raise PermissionDenied
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or not normalize_url(url):
        raise ValidationError(_("Give the new address starting with http:// or https://."))
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        taken = Source.objects.filter(normalized_url=normalize_url(url)).exclude(pk=source.pk)
        other = taken.first()
        if other is not None:
            raise ValidationError(
                _("The address is already the source “%(title)s” (number %(id)s).")
                % {"title": other.title, "id": other.pk}
            )
        if source.url == url:
            return source
        old = source.url
        source.url = url
        comment = _("Replaced the address %(old)s with %(new)s.") % {"old": old, "new": url}
        save_source(source, user=user, comment=f"{comment} {note}".strip())
        return source


# Connections ----------------------------------------------------------------------------------


@dataclass
class SavedRelationship:
    """What save_relationship did: whether it wrote a revision (of both profiles)."""

    relationship: Relationship
    changed: bool = False

    @cached_property
    def revision(self):
        return latest_revision(self.relationship.subject) if self.changed else None


def check_relationship(relationship, citations):
    """Refuse a relationship that cannot be true or cannot be checked, in full sentences."""
    errors = {}
    if relationship.subject_id and relationship.subject_id == relationship.object_id:
        errors["object"] = _("A profile cannot be connected to itself; choose another profile.")
    start, end = relationship.start_date, relationship.end_date
    if start and end and end < start:
        errors["end_date"] = _(
            "The connection ends (%(end)s) before it starts (%(start)s); check both dates."
        ) % {"end": relationship.end_display, "start": relationship.start_display}
    if end and relationship.is_current:
        errors["is_current"] = _(
            "A connection with an end date is not current; clear the end date or untick "
            "“Still so today”."
        )
    kind = relationship.type
    for side, field_name in (("subject", "subject_kind"), ("object", "object_kind")):
        profile = getattr(relationship, side, None) if getattr(relationship, f"{side}_id") else None
        if profile is not None and not kind.fits(getattr(kind, field_name), profile):
            errors[side] = _(
                "“%(type)s” joins %(wanted)s, and %(name)s is not one: choose another type or "
                "another profile."
            ) % {
                "type": kind.name,
                "wanted": kind.get_subject_kind_display().lower()
                if side == "subject"
                else kind.get_object_kind_display().lower(),
                "name": profile.name,
            }
    if relationship.amount is not None and not kind.has_amount:
        errors["amount"] = _("A connection of the type “%(type)s” has no amount.") % {
            "type": kind.name
        }
    if kind.requires_citation and not citations:
        errors["citations"] = _(
            "Give at least one source for this connection: a “%(type)s” connection must be "
            "cited like any other statement."
        ) % {"type": kind.name}
    if errors:
        raise ValidationError(errors)


def relationship_rows(relationship, citations):
    fields = [
        f.attname
        for f in Relationship._meta.concrete_fields
        if f.attname not in {"id", "created", "updated"}
    ]
    row = tuple(getattr(relationship, name) for name in fields)
    cited = sorted((c.source_id or 0, c.accessed, c.pinpoint) for c in citations)
    return row, cited


def save_relationship(relationship, *, user, comment, citations):
    """Add or change a connection, with its citations, as one revision of both profiles.

    ``citations`` are RelationshipCitation instances (saved or not; an unsaved Source is
    created, or the stored one with its URL reused). Raises ValidationError for a connection
    that cannot be (see check_relationship). A save that changes nothing writes nothing.
    """
    changed = save_relationships([(relationship, citations)], user=user, comment=comment)
    return SavedRelationship(relationship, changed=bool(changed))


def save_relationships(connections, *, user, comment):
    """Add or change several connections, each given with its citations, as one revision of
    every profile they join (an import, the demo). Returns the connections it changed."""
    for relationship, citations in connections:
        check_relationship(relationship, citations)
    with transaction.atomic():
        ends, changed = set(), []
        for relationship, citations in connections:
            stored = Relationship.objects.filter(pk=relationship.pk).first()
            if stored is not None and relationship_rows(
                stored, stored.citations.all()
            ) == relationship_rows(relationship, citations):
                continue
            changed.append((relationship, citations))
            ends |= {relationship.subject_id, relationship.object_id}
            if stored is not None:
                ends |= {stored.subject_id, stored.object_id}
        if not changed:
            return []
        profiles = list(Profile.objects.select_for_update().filter(pk__in=ends).order_by("pk"))
        with profile_revision(user=user, comment=comment):
            for relationship, citations in changed:
                relationship.save()
                kept = [c.pk for c in citations if c.pk]
                relationship.citations.exclude(pk__in=kept).delete()
                for citation in citations:
                    citation.source = saved_source(citation.source)
                    citation.relationship = relationship
                    citation.save()
            for profile in profiles:
                rerender(profile)
    return [relationship for relationship, _ in changed]


def delete_relationship(relationship, *, user, comment):
    """Remove a connection, as one revision of both profiles it joined."""
    with transaction.atomic():
        profiles = list(
            Profile.objects.select_for_update()
            .filter(pk__in=[relationship.subject_id, relationship.object_id])
            .order_by("pk")
        )
        with profile_revision(user=user, comment=comment):
            relationship.delete()
            for profile in profiles:
                rerender(profile)


# Filings ------------------------------------------------------------------------------------


def save_filings(profile, filings, *, user, comment):
    """Add a profile's yearly returns (Filing instances, each with its source, saved or not),
    as one revision of the profile whose reference list then cites them. A filing whose
    object id is stored already is left as it is; returns the filings added."""
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(pk=profile.pk)
        known = set(
            Filing.objects.filter(object_id__in=[f.object_id for f in filings]).values_list(
                "object_id", flat=True
            )
        )
        new = [filing for filing in filings if filing.object_id not in known]
        if not new:
            return []
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(user)
            reversion.set_comment(comment)
            for filing in new:
                filing.source = saved_source(filing.source)
                filing.profile = profile
                filing.save()
                reversion.add_to_revision(filing)
            rerender(profile)
    return new


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
    uses = [*old.citations, *(c for r in old.relationships for c in r.citations.all())]
    source_ids = {citation.source_id for citation in uses}
    existing = set(Source.objects.filter(pk__in=source_ids).values_list("pk", flat=True))
    deleted = sorted({c.source.title for c in uses if c.source_id not in existing})
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


def restore_profile(old, live, *, user, comment, base_revision_id=UNCHECKED):
    """Save the profile's own rows as the revision stored them, as a new revision.

    Facts, citations and connections the revision did not have are deleted; the ones it had
    come back with their ids (a connection only while the profile at its other end exists, and
    that profile's page changes in the same revision). Sources are never written.
    """
    problems = restore_problems(old)
    if problems:
        raise RevertRefused(" ".join(problems))
    stored = old.profile
    profile = live or Profile(pk=stored.pk)
    for model_field in Profile._meta.concrete_fields:
        if not model_field.primary_key and model_field.name != "updated":
            setattr(profile, model_field.attname, getattr(stored, model_field.attname))
    with transaction.atomic(), profile_revision(user=user, comment=comment):
        saved = save_profile(
            profile,
            user=user,
            comment=comment,
            types=old.types,
            facts=[fresh_row(fact) for fact in old.facts],
            citations=[fresh_row(citation) for citation in old.citations],
            base_revision_id=base_revision_id,
            # A revision is brought back as it was, even one saved before markers were checked.
            check=False,
        )
        others = restore_relationships(saved.profile, old.relationships)
        if others is None:
            return saved
        rendered = rerender(saved.profile)
        for other in Profile.objects.filter(pk__in=others):
            rerender(other)
    return SavedProfile(saved.profile, changed=True, rendered=rendered)


def restore_relationships(profile, stored):
    """Write the profile's connections as a revision stored them. Returns the ids of the
    profiles at their other ends whose pages change, or None when nothing changed."""
    current = {r.pk: r for r in relationships_of(profile)}
    ends = {r.subject_id for r in stored} | {r.object_id for r in stored}
    existing = set(Profile.objects.filter(pk__in=ends).values_list("pk", flat=True))
    stored = {r.pk: r for r in stored if {r.subject_id, r.object_id} <= existing | {profile.pk}}
    touched = set()
    for pk, relationship in current.items():
        if pk not in stored:
            touched |= {relationship.subject_id, relationship.object_id}
            relationship.delete()
    for pk, relationship in stored.items():
        citations = list(relationship.citations.all())
        now = current.get(pk)
        if now is not None and relationship_rows(now, now.citations.all()) == relationship_rows(
            relationship, citations
        ):
            continue
        touched |= {relationship.subject_id, relationship.object_id}
        fresh_row(relationship).save()
        Relationship(pk=pk).citations.exclude(pk__in=[c.pk for c in citations]).delete()
        for citation in citations:
            fresh_row(citation).save()
    touched.discard(profile.pk)
    return touched if touched or set(current) != set(stored) else None


def revert_profile(profile, revision_id, *, user, seen_revision_id=None):
    """Make the profile what it was at the revision, as one new revision by the user.

    Only editors who may revert may do it (PermissionDenied for anyone else). The comment reads
    "Reverted to revision N". Raises RevertRefused (and writes nothing) when the revision is not
    one of this profile's or cannot be restored faithfully, or when ``seen_revision_id`` (the
    current revision the editor confirmed the revert against) is no longer the current one.
    Returns the SavedProfile.
    """
    if not can_revert(user):
        raise PermissionDenied
    with transaction.atomic():
        live = Profile.objects.select_for_update().get(pk=profile.pk)
        old = load_profile_revision(live.pk, revision_id)
        if old is None:
            raise RevertRefused(
                _("Revision %(number)s is not a revision of this profile.")
                % {"number": revision_id}
            )
        try:
            return restore_profile(
                old,
                live,
                user=user,
                comment=_("Reverted to revision %(number)s") % {"number": revision_id},
                base_revision_id=seen_revision_id if seen_revision_id else UNCHECKED,
            )
        except ProfileChanged as changed:
            raise RevertRefused(
                _(
                    "%(who)s changed this profile on %(when)s, after you opened this page, so "
                    "nothing was reverted. The changes below are now worked out from the latest "
                    "version; check them and revert again."
                )
                % who_and_when(changed.newer)
            ) from changed


def recover_profile(version, *, user):
    """Bring back a deleted profile, with its facts and citations, from its last version.

    Only editors who may revert may do it (PermissionDenied for anyone else). One new revision
    by the user, "Recovered from revision N". Returns the profile.
    """
    if not can_revert(user):
        raise PermissionDenied
    with transaction.atomic():
        if Profile.objects.filter(pk=version.object_id).exists():
            raise RevertRefused(_("This profile has not been deleted; revert it instead."))
        old = load_profile_revision(version.object_id, version.revision_id)
        comment = _("Recovered from revision %(number)s") % {"number": version.revision_id}
        return restore_profile(old, None, user=user, comment=comment).profile


# Hiding parts of revisions -------------------------------------------------------------------


class RedactionRefused(Exception):
    """A hide or show that cannot be done; the message says why."""


def redact_revision(revision, *, user, hidden, reason):
    """Hide exactly these parts of a revision from readers ("text", "comment", "user"), and
    show the others again; every change is logged with the user and the reason.

    Only editors who may redact may do it (PermissionDenied for anyone else). The text of a
    profile's current revision cannot be hidden: readers would still read it on the profile
    (revert first, then hide the old revision). Nothing is ever deleted.
    """
    if not can_redact(user):
        raise PermissionDenied
    hidden = set(hidden) & set(REDACTABLE)
    reason = " ".join((reason or "").split())
    if not reason:
        raise RedactionRefused(_("Give the reason: the log shows it to the other editors."))
    with transaction.atomic():
        redaction, _created = RevisionRedaction.objects.select_for_update().get_or_create(
            revision=revision
        )
        before = redaction.hidden_parts
        if "text" in hidden - before and is_current_somewhere(revision):
            raise RedactionRefused(
                _(
                    "Revision %(number)s is the current text of a profile, so its text cannot "
                    "be hidden: readers would still read it there. Revert the profile first, "
                    "then hide this revision."
                )
                % {"number": revision.pk}
            )
        for part in REDACTABLE:
            setattr(redaction, f"{part}_hidden", part in hidden)
        redaction.save()
        for action, parts in (("hide", hidden - before), ("show", before - hidden)):
            if parts:
                RedactionLog.objects.create(
                    revision=revision,
                    action=action,
                    parts=sorted(parts, key=REDACTABLE.index),
                    reason=reason,
                    by=user,
                )
    return redaction


def is_current_somewhere(revision):
    """Whether the revision is the latest revision of a profile it saved."""
    profile_ids = [
        int(pk)
        for pk in revision.version_set.filter(
            content_type=ContentType.objects.get_for_model(Profile)
        ).values_list("object_id", flat=True)
    ]
    return any(latest_revision_id(Profile(pk=pk)) == revision.pk for pk in profile_ids)
