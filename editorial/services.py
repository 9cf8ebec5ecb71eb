"""Everything that changes a suggestion: submit, approve, reject, mark as spam.

The public views, the admin review desk and code call these functions, and nothing else changes
a suggestion's status. Approve, reject and mark as spam check ``can_review`` first, whoever
calls them. Approving an edit locks the profile row, merges the suggestion into the profile as
it is now (three-way, see editorial.edits) and writes the result through
profiles.services.save_profile, as one revision; a conflict is never applied: the editor
resolves it and approves the resolution.
"""

from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from editorial.edits import content_digest, merge_suggestion, merged_values, profile_state
from editorial.infobox import facts_from_text
from editorial.mail import absolute_url
from editorial.merging import has_conflict_markers
from editorial.models import Suggestion
from editorial.permissions import can_review
from editorial.proposals import proposed_connection, proposed_relationship
from profiles.models import Category, Citation, FormerSlug, Profile, Source, parse_partial_date
from profiles.services import save_profile, save_relationship
from profiles.urlnorm import normalize_url


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


# Submitting -----------------------------------------------------------------------------------


def suggestion_content_hash(
    *, kind, profile, section_anchor, report_part, proposed_changes, new_sources, message
):
    """The content of a submission as a digest: the same suggestion sent twice, the same hash."""
    content = {
        "kind": kind,
        "profile": profile.pk if profile else None,
        "section": section_anchor or report_part,
        # An edit stores {"base", "proposed"} per field; a tip and a connection plain values.
        "proposed": {
            name: change["proposed"]
            if isinstance(change, dict) and "proposed" in change
            else change
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
    section_anchor="",
    report_part="",
    proposed_changes=None,
    new_sources=None,
    contributor_name="",
    contributor_email="",
    address_hash="",
    spam_reason="",
    site_url="",
):
    """Store what a contributor sent. Suspected spam is kept, quarantined with status spam.

    Anyone may submit. Raises DuplicateSuggestion when the same content is already waiting for
    review.
    """
    proposed_changes = proposed_changes or {}
    new_sources = new_sources or []
    content_hash = suggestion_content_hash(
        kind=kind,
        profile=profile,
        section_anchor=section_anchor,
        report_part=report_part,
        proposed_changes=proposed_changes,
        new_sources=new_sources,
        message=message,
    )
    try:
        with transaction.atomic():
            suggestion = Suggestion.objects.create(
                kind=kind,
                profile=profile,
                base_revision_id=base_revision_id,
                section_anchor=section_anchor,
                report_part=report_part,
                proposed_changes=proposed_changes,
                new_sources=new_sources,
                message=message,
                contributor_name=contributor_name,
                contributor_email=contributor_email,
                address_hash=address_hash,
                site_url=site_url[:200],
                content_hash=content_hash,
                status=Suggestion.Status.SPAM if spam_reason else Suggestion.Status.PENDING,
                spam_reason=spam_reason[:200],
            )
    except IntegrityError as error:
        if Suggestion.objects.pending().filter(content_hash=content_hash).exists():
            raise DuplicateSuggestion from error
        raise
    if contributor_email and not spam_reason:
        transaction.on_commit(partial(ask_to_confirm_email, suggestion.pk), robust=True)
    return suggestion


def refresh_conflict_flags(profile):
    """Re-merge the profile's pending edits, so the queue's conflict flag stays true.

    Called whenever a revision of the profile is written (profiles.signals.profile_written),
    whoever wrote it: the admin, the workspace, an approval, a revert or an importer.
    """
    pending = profile.suggestions.pending().filter(kind=Suggestion.Kind.EDIT)
    for other in pending:
        conflicted = any(change.has_conflict for change in merge_suggestion(other, profile))
        if conflicted != other.has_conflict:
            other.has_conflict = conflicted
            other.save(update_fields=["has_conflict"])


# Approving ------------------------------------------------------------------------------------


def revision_comment(suggestion):
    words = Truncator(" ".join(suggestion.message.split())).words(12, truncate="…")
    if not words:  # a tip may come without a message
        return _("Suggestion #%(number)s from %(contributor)s") % {
            "number": suggestion.pk,
            "contributor": suggestion.contributor_display,
        }
    return _("Suggestion #%(number)s from %(contributor)s: %(words)s") % {
        "number": suggestion.pk,
        "contributor": suggestion.contributor_display,
        "words": words,
    }


def require_reviewer(user):
    if not can_review(user):
        raise PermissionDenied(_("Only editors may review suggestions."))


def lock_pending(suggestion):
    """Re-read the suggestion under a row lock and check that nobody decided it meanwhile."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not locked.is_pending:
        raise NotPending(
            _("Suggestion #%(number)s is no longer pending: it is %(status)s now.")
            % {"number": locked.pk, "status": locked.get_status_display().lower()}
        )
    return locked


def approve_suggestion(
    *, suggestion, editor, note="", resolution=None, expected_profile_state=None
):
    """Approve a pending suggestion and apply it; returns the updated suggestion.

    Only reviewers may approve (PermissionDenied for anyone else). An edit is merged into the
    profile as it is now. ``resolution`` maps field names to the texts the editor approved on
    the review page (the merge, touched up or with its conflicts resolved); it is applied only
    if the profile still has ``expected_profile_state``. Without a resolution a conflicting
    merge is refused: the suggestion is flagged and MergeConflict raised. A tip becomes an
    unpublished profile for the editor to finish; a proposed connection is saved between the
    suggestion's profile and the one the editor confirmed (``resolution["other"]``) as one
    revision of both; an error report is marked as dealt with.
    """
    require_reviewer(editor)
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
                revision = apply_edit(
                    suggestion, profile, editor, resolution, expected_profile_state
                )
            except MergeConflict as conflict:
                suggestion.has_conflict = True
                suggestion.save(update_fields=["has_conflict"])
                refusal = conflict
        elif suggestion.kind == Suggestion.Kind.TIP:
            revision = create_profile_from_tip(suggestion, editor, resolution or {})
        elif suggestion.kind == Suggestion.Kind.RELATIONSHIP:
            revision = apply_relationship(suggestion, editor, resolution or {})
        if refusal is None:
            decide(suggestion, Suggestion.Status.APPROVED, editor, note, revision)
    if refusal is not None:
        raise refusal
    return suggestion


def apply_edit(suggestion, profile, editor, resolution, expected_profile_state):
    changes = merge_suggestion(suggestion, profile)
    if resolution is not None:
        if expected_profile_state != profile_state(profile):
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
                "On the review page, choose what to keep of each conflicting passage, then "
                "approve."
            ),
            changes,
        )
    citations = citations_with_new_sources(profile, suggestion, changes)
    values = merged_values(profile, changes, resolution)
    infobox = values.pop("infobox", None)
    for name, value in values.items():
        setattr(profile, name, value)
    try:
        facts = None
        if infobox is not None:
            facts = facts_from_text(list(profile.facts.select_related("label")), infobox)
        saved = save_profile(
            profile,
            user=editor,
            comment=revision_comment(suggestion),
            citations=citations,
            facts=facts,
        )
    except ValidationError as error:
        raise InvalidResult(" ".join(error.messages), changes) from error
    return saved.revision


def apply_relationship(suggestion, editor, resolution):
    """Save a proposed connection through save_relationship; InvalidResult when it cannot be."""
    if suggestion.profile_id is None:
        raise InvalidResult(_("The profile of this suggestion has been deleted; reject it."))
    other = resolution.get("other") or proposed_connection(suggestion).other
    if other is None:
        raise InvalidResult(
            _(
                "No profile is matched at the other end of this connection. Write that profile "
                "first, or name an existing one, then approve."
            )
        )
    try:
        relationship, citations = proposed_relationship(suggestion, other)
        saved = save_relationship(
            relationship, user=editor, comment=revision_comment(suggestion), citations=citations
        )
    except ValidationError as error:
        raise InvalidResult(" ".join(error.messages)) from error
    return saved.revision


def citations_with_new_sources(profile, suggestion, changes):
    """The profile's citations with one more for each new source the suggestion brings.

    Refuses a new source whose key the profile now uses for another source.
    """
    citations = list(profile.citations.select_related("source"))
    keys = {citation.key: citation for citation in citations}
    accessed = timezone.localdate(suggestion.created)
    for data in suggestion.new_sources:
        cited = keys.get(data["key"])
        if cited is None:
            citations.append(Citation(key=data["key"], source=new_source(data), accessed=accessed))
        elif cited.source.normalized_url != normalize_url(data["url"]):
            raise InvalidResult(
                _(
                    "The profile now has another citation with the key [^%(key)s], which this "
                    "suggestion uses for a new source. Rename one of them, then approve."
                )
                % {"key": data["key"]},
                changes,
            )
    return citations


def source_fields(data):
    """A Source's fields from a new source as the contributor gave it."""
    published, precision = parse_partial_date(data.get("date", ""))
    return {
        # A tip's source may come with its address only: it reads as its address until an
        # editor gives it a title.
        "title": data.get("title") or data["url"],
        "authors": data.get("authors", ""),
        "publication": data.get("publication", ""),
        "published_date": published,
        "date_precision": precision,
    }


def new_source(data):
    """An unsaved Source from what the contributor gave; save_profile reuses the stored source
    with the same (normalized) URL instead, if there is one."""
    return Source(url=data["url"], **source_fields(data))


def unique_slug(name):
    base = slugify(name)[:190] or "profile"
    slug, number = base, 2
    while (
        Profile.objects.filter(slug=slug).exists() or FormerSlug.objects.filter(slug=slug).exists()
    ):
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_profile_from_tip(suggestion, editor, resolution, attempts=5):
    """Make the unpublished profile a tip asks for, citing its sources, for an editor to finish.

    Another approval may take the slug between the look-up and the insert (PostgreSQL does not
    serialize them), so a taken slug means trying the next one.
    """
    name = resolution.get("name") or suggestion.proposed_changes["name"]
    # A tip may leave the category to the editors; "Organization" is the one for the rest.
    category = resolution.get("category") or Category.objects.get(
        slug=suggestion.proposed_changes.get("category") or "organization"
    )
    accessed = timezone.localdate(suggestion.created)
    for attempt in range(attempts):
        citations = [
            Citation(key=data["key"], source=new_source(data), accessed=accessed)
            for data in suggestion.new_sources
        ]
        profile = Profile(name=name, slug=unique_slug(name), category=category, published=False)
        try:
            with transaction.atomic():
                saved = save_profile(
                    profile,
                    user=editor,
                    comment=revision_comment(suggestion),
                    citations=citations,
                )
        except IntegrityError:
            if attempt == attempts - 1:
                raise
            continue
        suggestion.profile = saved.profile
        suggestion.save(update_fields=["profile"])
        return saved.revision
    raise AssertionError("unreachable")


# Rejecting and spam ---------------------------------------------------------------------------


def reject_suggestion(*, suggestion, editor, note=""):
    """Turn a pending suggestion down with a note for the contributor. Writes no revision.

    Only reviewers may reject (PermissionDenied for anyone else).
    """
    require_reviewer(editor)
    with transaction.atomic():
        suggestion = lock_pending(suggestion)
        decide(suggestion, Suggestion.Status.REJECTED, editor, note)
    return suggestion


def mark_spam(*, suggestion, editor):
    """Quarantine a pending suggestion as spam: kept for the record, never shown, no email.

    Only reviewers may mark spam (PermissionDenied for anyone else).
    """
    require_reviewer(editor)
    with transaction.atomic():
        suggestion = lock_pending(suggestion)
        decide(suggestion, Suggestion.Status.SPAM, editor, "")
    return suggestion


def decide(suggestion, status, editor, note, revision=None):
    if status == Suggestion.Status.APPROVED:
        # Applied means resolved; the re-check of the profile's pending edits that the
        # approval's own save set off may have flagged it against its own result.
        suggestion.has_conflict = False
    suggestion.status = status
    suggestion.reviewer = editor
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note
    suggestion.applied_revision = revision
    suggestion.save(
        update_fields=[
            "status",
            "reviewer",
            "reviewed_at",
            "review_note",
            "applied_revision",
            "has_conflict",
        ]
    )
    if suggestion.email_confirmed_at and suggestion.is_decided:
        transaction.on_commit(partial(notify_contributor, suggestion.pk), robust=True)


# Withdrawing -----------------------------------------------------------------------------------

# What the contributor may still take back. Spam looks pending to its sender (the tracking page
# does not tell a bot what gave it away), so it can be withdrawn too; the record stays.
WITHDRAWABLE = {Suggestion.Status.PENDING, Suggestion.Status.SPAM}


def withdraw_suggestion(*, suggestion):
    """Take back a suggestion nobody has decided on yet. Whoever holds its private tracking
    token may (the views check the token); raises NotPending once an editor has decided."""
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.status not in WITHDRAWABLE:
            raise NotPending(
                _("An editor has already decided on this one, so it can no longer be withdrawn.")
            )
        locked.status = Suggestion.Status.WITHDRAWN
        locked.has_conflict = False
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "has_conflict", "reviewed_at"])
    return locked


# Email ----------------------------------------------------------------------------------------
#
# Nothing is emailed about a decision to an address nobody confirmed: the first email only asks
# its owner to confirm it (and names no one), so the form cannot be used to send our emails to
# a stranger.

CONFIRM_SALT = "editorial.confirm-email"


def email_confirmation_key(suggestion):
    """The signed key of a confirmation link: this suggestion, this address."""
    return (
        signing.Signer(salt=CONFIRM_SALT)
        .sign(f"{suggestion.pk}:{suggestion.contributor_email}")
        .rsplit(":", 1)[1]
    )


def confirm_email(*, suggestion, key):
    """Confirm the contributor's address from the link we emailed; False for a wrong key.

    A decision already made is emailed now. Confirming twice changes nothing.
    """
    if not suggestion.contributor_email or not constant_time_compare(
        key, email_confirmation_key(suggestion)
    ):
        return False
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.email_confirmed_at is None:
            locked.email_confirmed_at = timezone.now()
            locked.save(update_fields=["email_confirmed_at"])
            if locked.is_decided:
                transaction.on_commit(partial(notify_contributor, locked.pk), robust=True)
        suggestion.email_confirmed_at = locked.email_confirmed_at
    return True


def ask_to_confirm_email(suggestion_id):
    """Email the address a contributor gave a link to confirm it (and nothing else)."""
    suggestion = Suggestion.objects.get(pk=suggestion_id)
    path = reverse(
        "editorial:confirm_email", args=[suggestion.token, email_confirmation_key(suggestion)]
    )
    context = {"suggestion": suggestion, "confirm_url": absolute_url(path, suggestion.site_url)}
    subject = render_to_string("editorial/email/confirm_subject.txt", context)
    body = render_to_string("editorial/email/confirm_body.txt", context)
    send_mail(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [suggestion.contributor_email]
    )


def notify_contributor(suggestion_id):
    """Email the contributor the decision, the editor's note and the tracking link."""
    suggestion = Suggestion.objects.select_related("profile").get(pk=suggestion_id)
    context = {
        "suggestion": suggestion,
        "tracking_url": absolute_url(suggestion.get_absolute_url(), suggestion.site_url),
    }
    subject = render_to_string("editorial/email/decision_subject.txt", context)
    body = render_to_string("editorial/email/decision_body.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [suggestion.contributor_email],
    )
