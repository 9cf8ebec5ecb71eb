"""Everything that changes a suggestion: submit, approve, reject, mark as spam.

The public views, the admin review desk and code call these functions, and nothing else changes
a suggestion's status. Approving an edit locks the profile row, merges the suggestion into the
profile as it is now (three-way, see editorial.merging) and writes the result as one reversion
revision; a conflict is never applied: the editor resolves it and approves the resolution.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import partial

import reversion
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from editorial.merging import (
    Conflict,
    MergeResult,
    conflict_block,
    has_conflict_markers,
    merge_text,
    normalize_text,
)
from editorial.models import Suggestion
from profiles.markup import body_sections, unknown_markers
from profiles.models import Category, Citation, FormerSlug, Profile, Source, parse_partial_date
from profiles.stored_versions import stored_fields
from profiles.urlnorm import normalize_url

# The profile fields a contributor may change, in the order forms and diffs show them.
EDITABLE_FIELDS = {
    "lead": gettext_lazy("Introduction"),
    "body": gettext_lazy("Text"),
    "location": gettext_lazy("Location"),
    "aliases": gettext_lazy("Also known as"),
}


class ReviewError(Exception):
    """An approval or rejection that cannot go ahead; the message is for the editor."""

    def __init__(self, message, changes=None):
        super().__init__(message)
        self.message = message
        self.changes = changes or []


class NotPending(ReviewError):
    pass


class MergeConflict(ReviewError):
    pass


class ProfileChanged(ReviewError):
    pass


class InvalidResult(ReviewError):
    pass


class DuplicateSuggestion(Exception):
    pass


# Reading the profile --------------------------------------------------------------------------


def content_digest(content):
    """A SHA-256 digest of JSON-serializable content: the same content, the same digest."""
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def latest_revision_id(profile):
    """The id of the newest revision that saved this profile, or None."""
    return (
        Version.objects.get_for_object_reference(Profile, profile.pk)
        .order_by("-revision_id")
        .values_list("revision_id", flat=True)
        .first()
    )


def profile_fields_at(profile, revision_id):
    """The editable fields of the profile as that revision stored them, or None."""
    version = (
        Version.objects.get_for_object_reference(Profile, profile.pk)
        .filter(revision_id=revision_id)
        .first()
    )
    fields = stored_fields(version) if version else None
    if fields is None:
        return None
    return {name: fields.get(name) or "" for name in EDITABLE_FIELDS}


def fields_seen_at(profile, revision_id):
    """The editable fields as a contributor saw them: as that revision stored them, or as they
    are now for a profile that had no revision yet. None if there is no such revision."""
    if not revision_id:
        return {name: getattr(profile, name) for name in EDITABLE_FIELDS}
    return profile_fields_at(profile, revision_id)


def profile_fingerprint(profile):
    """A digest of the editable fields, to notice that the profile changed under a reviewer."""
    return content_digest([normalize_text(getattr(profile, name)) for name in EDITABLE_FIELDS])


def find_section(body, anchor):
    return next((s for s in body_sections(body) if s["anchor"] == anchor), None)


def section_text(body, anchor):
    """The text of one ## section of the body (heading included), or None if it is not there."""
    section = find_section(body, anchor)
    if section is None:
        return None
    return "\n".join(body.split("\n")[section["start"] : section["end"]]).strip("\n")


def splice_section(body, anchor, text):
    """The body with one section replaced by text, by the section's line range."""
    section = find_section(body, anchor)
    lines = body.split("\n")
    new_lines = text.strip("\n").split("\n") if text.strip() else []
    after = lines[section["end"] :]
    if new_lines and any(line.strip() for line in after):
        new_lines.append("")  # keep a blank line before the next heading
    return "\n".join(lines[: section["start"]] + new_lines + after)


# The contributor's edit -----------------------------------------------------------------------


def edited_text(fields, name, section=""):
    """The text a contributor edits of one field: all of it or, for the body edited one ##
    section at a time (section is its anchor), that section ("" if the body has none such)."""
    text = normalize_text(fields.get(name, ""))
    if name == "body" and section:
        return section_text(text, section) or ""
    return text


def changed_fields(base_fields, texts, section=""):
    """The edited texts that differ from what the contributor saw, as a suggestion stores them:
    {name: {"base": the text they saw, "proposed": their text}}."""
    changes = {}
    for name, text in texts.items():
        base, proposed = edited_text(base_fields, name, section), normalize_text(text)
        if proposed != base:
            changes[name] = {"base": base, "proposed": proposed}
    return changes


def proposed_value(current, text, section=""):
    """A field's new value when text is proposed for it: the text itself or, for an edit of one
    ## section of the body (section is its anchor), the body current with that section replaced.

    The preview and the approval both go through here, so they splice a section alike.
    """
    text = normalize_text(text)
    if not section:
        return text
    return splice_section(normalize_text(current), section, text)


def fields_with_changes(profile, changes, *, section="", base_fields=None):
    """The profile's editable fields with the changes applied, as the contributor previews them.

    A section edit goes into the body as it is now or, if the profile has lost that section
    since the contributor opened the form, into the body they saw.
    """
    values = {name: normalize_text(getattr(profile, name)) for name in EDITABLE_FIELDS}
    for name, change in changes.items():
        current = values[name]
        if section and section_text(current, section) is None:
            current = base_fields["body"]
        values[name] = proposed_value(current, change["proposed"], section)
    return values


# Submitting -----------------------------------------------------------------------------------


def suggestion_fingerprint(*, kind, profile, section, proposed_changes, new_sources, message):
    content = {
        "kind": kind,
        "profile": profile.pk if profile else None,
        "section": section,
        # An edit stores {"base", "proposed"} per field; a tip stores plain values.
        "proposed": {
            name: change["proposed"] if isinstance(change, dict) else change
            for name, change in proposed_changes.items()
        },
        "sources": sorted(normalize_url(source.get("url", "")) for source in new_sources),
        "message": " ".join(message.split()).casefold(),
    }
    return content_digest(content)


def submit_suggestion(
    *,
    kind,
    message,
    profile=None,
    base_revision_id=None,
    section="",
    proposed_changes=None,
    new_sources=None,
    contributor_name="",
    contributor_email="",
    address_hash="",
    spam_reason="",
):
    """Store what a contributor sent. Suspected spam is kept, quarantined with status spam.

    Raises DuplicateSuggestion when the same content is already waiting for review.
    """
    proposed_changes = proposed_changes or {}
    new_sources = new_sources or []
    fingerprint = suggestion_fingerprint(
        kind=kind,
        profile=profile,
        section=section,
        proposed_changes=proposed_changes,
        new_sources=new_sources,
        message=message,
    )
    try:
        with transaction.atomic():
            return Suggestion.objects.create(
                kind=kind,
                profile=profile,
                base_revision_id=base_revision_id,
                section=section,
                proposed_changes=proposed_changes,
                new_sources=new_sources,
                message=message,
                contributor_name=contributor_name,
                contributor_email=contributor_email,
                address_hash=address_hash,
                fingerprint=fingerprint,
                status=Suggestion.Status.SPAM if spam_reason else Suggestion.Status.PENDING,
                spam_reason=spam_reason[:200],
            )
    except IntegrityError as error:
        if Suggestion.objects.pending().filter(fingerprint=fingerprint).exists():
            raise DuplicateSuggestion from error
        raise


# Merging --------------------------------------------------------------------------------------


@dataclass
class FieldChange:
    """One field of an edit suggestion, merged with the profile as it is now.

    For a one-section edit of the body, base, current and proposed are that section's text.
    If the section is gone from the profile, current is the whole body and the merged text
    holds the suggested section as a conflict for the editor to place.
    """

    name: str
    base: str
    current: str
    proposed: str
    merged: MergeResult
    section: str = ""
    section_found: bool = True

    @property
    def label(self):
        return EDITABLE_FIELDS[self.name]

    @property
    def has_conflict(self):
        return self.merged.has_conflicts

    @property
    def whole_field(self):
        return not self.section or not self.section_found

    def full_value(self, profile, text):
        """The new value of the profile's field when this change's text is text."""
        section = "" if self.whole_field else self.section
        return proposed_value(getattr(profile, self.name), text, section)


def merge_suggestion(suggestion, profile):
    """Merge each changed field: base = what the contributor saw, ours = now, theirs = theirs."""
    changes = []
    for name in EDITABLE_FIELDS:
        change = suggestion.proposed_changes.get(name)
        if change is None:
            continue
        base, proposed = change["base"], change["proposed"]
        if name == "body" and suggestion.section:
            body = normalize_text(profile.body)
            current = section_text(body, suggestion.section)
            if current is None:
                conflict = Conflict(base, "", proposed)
                merged = MergeResult(f"{body}\n\n{conflict_block(conflict)}".lstrip(), [conflict])
                changes.append(
                    FieldChange(name, base, body, proposed, merged, suggestion.section, False)
                )
                continue
            merged = merge_text(base, current, proposed)
            changes.append(FieldChange(name, base, current, proposed, merged, suggestion.section))
        else:
            current = normalize_text(getattr(profile, name))
            merged = merge_text(base, current, proposed)
            changes.append(FieldChange(name, base, current, proposed, merged))
    return changes


def merged_values(profile, changes, texts=None):
    """The new full values of the changed fields: the merged texts, or the editor's texts."""
    texts = texts or {}
    return {
        change.name: change.full_value(profile, texts.get(change.name, change.merged.text))
        for change in changes
    }


def refresh_conflict_flags(profile, *, exclude):
    """Re-merge the profile's other pending edits, so the queue's conflict flag stays true."""
    pending = profile.suggestions.pending().filter(kind=Suggestion.Kind.EDIT).exclude(pk=exclude.pk)
    for other in pending:
        conflicted = any(change.has_conflict for change in merge_suggestion(other, profile))
        if conflicted != other.has_conflict:
            other.has_conflict = conflicted
            other.save(update_fields=["has_conflict"])


# Approving ------------------------------------------------------------------------------------


def revision_comment(suggestion):
    words = Truncator(" ".join(suggestion.message.split())).words(12, truncate="…")
    return _("Suggestion #%(number)s from %(contributor)s: %(words)s") % {
        "number": suggestion.pk,
        "contributor": suggestion.contributor_display,
        "words": words,
    }


def lock_pending(suggestion):
    """Re-read the suggestion under a row lock and check that nobody decided it meanwhile."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not locked.is_pending:
        raise NotPending(
            _("Suggestion #%(number)s is no longer pending: it is %(status)s now.")
            % {"number": locked.pk, "status": locked.get_status_display().lower()}
        )
    return locked


def approve_suggestion(*, suggestion, editor, note="", resolution=None, expected_fingerprint=None):
    """Approve a pending suggestion and apply it; returns the updated suggestion.

    An edit is merged into the profile as it is now. ``resolution`` maps field names to the
    texts the editor approved on the review page (the merge, touched up or with its conflicts
    resolved); it is applied only if the profile still has ``expected_fingerprint``. Without a
    resolution a conflicting merge is refused: the suggestion is flagged and MergeConflict
    raised. A tip becomes an unpublished profile for the editor to finish; an error report is
    marked as dealt with.
    """
    refusal = None
    with transaction.atomic():
        profile = None
        if suggestion.profile_id and suggestion.kind == Suggestion.Kind.EDIT:
            # The lock serializes approvals of one profile (on SQLite the IMMEDIATE transaction
            # has already taken the database's write lock).
            profile = Profile.objects.select_for_update().get(pk=suggestion.profile_id)
        suggestion = lock_pending(suggestion)
        revision = None
        if suggestion.kind == Suggestion.Kind.EDIT:
            if profile is None:
                raise InvalidResult(
                    _("The profile this suggestion edits has been deleted; reject it instead.")
                )
            try:
                revision = apply_edit(suggestion, profile, editor, resolution, expected_fingerprint)
            except MergeConflict as conflict:
                suggestion.has_conflict = True
                suggestion.save(update_fields=["has_conflict"])
                refusal = conflict
        elif suggestion.kind == Suggestion.Kind.TIP:
            revision = create_profile_from_tip(suggestion, editor, resolution or {})
        if refusal is None:
            decide(suggestion, Suggestion.Status.APPROVED, editor, note, revision)
    if refusal is not None:
        raise refusal
    return suggestion


def apply_edit(suggestion, profile, editor, resolution, expected_fingerprint):
    changes = merge_suggestion(suggestion, profile)
    if resolution is not None:
        if expected_fingerprint != profile_fingerprint(profile):
            raise ProfileChanged(
                _(
                    "The profile changed while you were reviewing this suggestion. The page "
                    "now shows the suggestion merged with the latest text; check it and approve "
                    "again."
                ),
                changes,
            )
        if any(has_conflict_markers(text) for text in resolution.values()):
            raise InvalidResult(
                _(
                    "The text still has conflict markers (<<<<<<<, =======, >>>>>>>). Keep the "
                    "words that should stay, remove the markers, and approve again."
                ),
                changes,
            )
    elif any(change.has_conflict for change in changes):
        raise MergeConflict(
            _(
                "The profile changed the same passage since this suggestion was written. "
                "Resolve the conflict in the merged text, then approve."
            ),
            changes,
        )
    values = merged_values(profile, changes, resolution)
    check_markers(profile, values, suggestion.new_sources, changes)
    changed = {name: value for name, value in values.items() if value != getattr(profile, name)}
    if not changed and not suggestion.new_sources:
        return None
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment(revision_comment(suggestion))
        for name, value in changed.items():
            setattr(profile, name, value)
        profile.save()
        add_sources(profile, suggestion)
        profile.rerender()
    refresh_conflict_flags(profile, exclude=suggestion)
    return Version.objects.get_for_object(profile).first().revision


def check_markers(profile, values, new_sources, changes):
    """Refuse a result that cites a key the profile will not have."""
    citations = dict(profile.citations.values_list("key", "source__normalized_url"))
    for source in new_sources:
        cited = citations.get(source["key"])
        if cited is not None and cited != normalize_url(source["url"]):
            raise InvalidResult(
                _(
                    "The profile now has another citation with the key [^%(key)s], which this "
                    "suggestion uses for a new source. Rename one of them, then approve."
                )
                % {"key": source["key"]},
                changes,
            )
    keys = set(citations) | {source["key"] for source in new_sources}
    unknown = unknown_markers(values.values(), keys)
    if unknown:
        raise InvalidResult(
            _("The text cites %(keys)s, which the profile has no citation for.")
            % {"keys": unknown.listed},
            changes,
        )


def source_fields(data):
    """A Source's fields from a new source as the contributor gave it."""
    published, precision = parse_partial_date(data.get("date", ""))
    return {
        "title": data["title"],
        "authors": data.get("authors", ""),
        "publication": data.get("publication", ""),
        "published_date": published,
        "date_precision": precision,
    }


def source_for(data):
    """The source with this URL (normalized), or a new one made from what the contributor gave."""
    return Source.objects.for_url(data["url"], **source_fields(data))


def add_sources(profile, suggestion):
    accessed = timezone.localdate(suggestion.created)
    for data in suggestion.new_sources:
        source = source_for(data)
        if not profile.citations.filter(key=data["key"]).exists():
            Citation.objects.create(
                profile=profile, key=data["key"], source=source, accessed=accessed
            )


def unique_slug(name):
    base = slugify(name)[:190] or "profile"
    slug, number = base, 2
    while (
        Profile.objects.filter(slug=slug).exists() or FormerSlug.objects.filter(slug=slug).exists()
    ):
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_draft_profile(name, category, attempts=5):
    """An unpublished profile under a free slug. Another approval may take the slug between
    the look-up and the insert (PostgreSQL does not serialize them), so try the next one."""
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return Profile.objects.create(
                    name=name, slug=unique_slug(name), category=category, published=False
                )
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def create_profile_from_tip(suggestion, editor, resolution):
    """Make the unpublished profile a tip asks for, citing its sources, for an editor to finish."""
    name = resolution.get("name") or suggestion.proposed_changes["name"]
    category = resolution.get("category") or Category.objects.get(
        slug=suggestion.proposed_changes["category"]
    )
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment(revision_comment(suggestion))
        profile = create_draft_profile(name, category)
        add_sources(profile, suggestion)
        profile.rerender()
    suggestion.profile = profile
    suggestion.save(update_fields=["profile"])
    return Version.objects.get_for_object(profile).first().revision


# Rejecting and spam ---------------------------------------------------------------------------


def reject_suggestion(*, suggestion, editor, note=""):
    """Turn a pending suggestion down with a note for the contributor. Writes no revision."""
    with transaction.atomic():
        suggestion = lock_pending(suggestion)
        decide(suggestion, Suggestion.Status.REJECTED, editor, note)
    return suggestion


def mark_spam(*, suggestion, editor):
    """Quarantine a pending suggestion as spam: kept for the record, never shown, no email."""
    with transaction.atomic():
        suggestion = lock_pending(suggestion)
        decide(suggestion, Suggestion.Status.SPAM, editor, "")
    return suggestion


def decide(suggestion, status, editor, note, revision=None):
    suggestion.status = status
    suggestion.reviewer = editor
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note
    suggestion.applied_revision = revision
    suggestion.save(
        update_fields=["status", "reviewer", "reviewed_at", "review_note", "applied_revision"]
    )
    if suggestion.contributor_email and suggestion.is_decided:
        transaction.on_commit(partial(notify_contributor, suggestion.pk), robust=True)


# Email ----------------------------------------------------------------------------------------


def notify_contributor(suggestion_id):
    """Email the contributor the decision, the editor's note and the tracking link."""
    suggestion = Suggestion.objects.select_related("profile").get(pk=suggestion_id)
    context = {
        "suggestion": suggestion,
        "tracking_url": settings.SITE_URL.rstrip("/") + suggestion.get_absolute_url(),
    }
    subject = render_to_string("editorial/email/decision_subject.txt", context)
    body = render_to_string("editorial/email/decision_body.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [suggestion.contributor_email],
    )
