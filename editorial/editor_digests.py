"""Email digests of the review queue, for the editors who ask for them ("My notifications" in
the admin).

``send_editor_digests()`` does one round and the send_editor_digests command calls it; run it
every few minutes (cron, or a scheduled task once the task queue exists). However often it
runs, and even when two rounds overlap, an editor gets at most one digest an hour and none when
no suggestion arrived since the last one: each editor's row is claimed with a compare-and-set
(an UPDATE that only matches the row as this round read it) before the email goes out, and
given back when the email cannot be sent, so the next round tries again.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from editorial.mail import absolute_url, templated_email
from editorial.models import EditorNotificationSettings, Suggestion
from editorial.permissions import can_review

logger = logging.getLogger(__name__)

DIGEST_INTERVAL = timedelta(hours=1)


def kind_count(kind, count):
    """ "2 suggested edits", "1 error report": a count of one kind of suggestion, in words."""
    if kind == Suggestion.Kind.EDIT:
        text = ngettext("%(count)s suggested edit", "%(count)s suggested edits", count)
    elif kind == Suggestion.Kind.ERROR:
        text = ngettext("%(count)s error report", "%(count)s error reports", count)
    else:
        text = ngettext("%(count)s new profile tip", "%(count)s new profile tips", count)
    return text % {"count": count}


@dataclass(frozen=True)
class PendingItem:
    pk: int
    kind: str
    created: object
    has_conflict: bool


@dataclass(frozen=True)
class RoundResult:
    sent: int = 0
    failed: int = 0


def counts_by_kind(items, queue_url):
    """[{"kind", "text", "url"}] in the order of Suggestion.Kind, for the kinds present."""
    counts = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return [
        {
            "kind": kind,
            "text": kind_count(kind, counts[kind]),
            "url": f"{queue_url}?kind__exact={kind}",
        }
        for kind in Suggestion.Kind.values
        if kind in counts
    ]


def digest_email(editor, pending, new, now, *, first):
    queue_url = absolute_url(reverse("admin:editorial_suggestion_changelist"))
    context = {
        "editor": editor,
        "now": now,
        "first": first,
        "new_count": len(new),
        "new_by_kind": counts_by_kind(new, queue_url),
        "pending_count": len(pending),
        "pending_by_kind": counts_by_kind(pending, queue_url),
        "oldest": min(item.created for item in pending),
        "conflicts": sum(item.has_conflict for item in pending),
        "queue_url": queue_url,
        "settings_url": absolute_url(
            reverse("admin:editorial_editornotificationsettings_changelist")
        ),
    }
    return templated_email("editorial/email/editor_digest", context, editor.email)


def due_settings(now, newest_pending_id):
    """Rows of editors who asked for digests, had none in the last hour and have not yet
    heard of the newest pending suggestion."""
    return (
        EditorNotificationSettings.objects.filter(
            queue_digest=True,
            user__is_active=True,
            user__is_staff=True,
            digest_covered_id__lt=newest_pending_id,
        )
        .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - DIGEST_INTERVAL))
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )


def claim(row, now, covered_id):
    """Mark the row as sent now, unless another round changed it since this one read it."""
    unchanged = EditorNotificationSettings.objects.filter(
        pk=row.pk, digest_covered_id=row.digest_covered_id
    )
    if row.digest_sent_at is None:
        unchanged = unchanged.filter(digest_sent_at__isnull=True)
    else:
        unchanged = unchanged.filter(digest_sent_at=row.digest_sent_at)
    return unchanged.update(digest_sent_at=now, digest_covered_id=covered_id) == 1


def give_back(row, now):
    """Undo claim() after a failed send, so that the next round sends the digest."""
    EditorNotificationSettings.objects.filter(pk=row.pk, digest_sent_at=now).update(
        digest_sent_at=row.digest_sent_at, digest_covered_id=row.digest_covered_id
    )


def send_editor_digests(*, now=None):
    """One round: email each editor who is due a digest. Returns a RoundResult."""
    now = now or timezone.now()
    pending = [
        PendingItem(*row)
        for row in Suggestion.objects.pending()
        .order_by("pk")
        .values_list("pk", "kind", "created", "has_conflict")
    ]
    if not pending:
        return RoundResult()
    newest = pending[-1].pk
    sent = failed = 0
    for row in due_settings(now, newest):
        if not can_review(row.user):
            continue
        new = [item for item in pending if item.pk > row.digest_covered_id]
        if not claim(row, now, newest):
            continue
        try:
            digest_email(row.user, pending, new, now, first=row.digest_sent_at is None).send()
        except Exception:
            logger.exception("The review digest to editor %s could not be sent.", row.user_id)
            give_back(row, now)
            failed += 1
        else:
            sent += 1
    return RoundResult(sent=sent, failed=failed)
