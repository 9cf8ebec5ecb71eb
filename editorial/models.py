import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_tracking_token():
    return secrets.token_urlsafe(24)


class SuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Suggestion.Status.PENDING)


class Suggestion(models.Model):
    """Something the public sent: an edit, an error report or a tip for a new profile.

    Its status changes only through editorial.services, so that the admin, the public views
    and code all behave alike.
    """

    class Kind(models.TextChoices):
        EDIT = "edit", _("Suggested edit")
        ERROR = "error", _("Error report")
        TIP = "tip", _("New profile tip")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(max_length=5, choices=Kind.choices)
    profile = models.ForeignKey(
        "profiles.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    base_revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision of the profile the contributor saw.",
    )
    section_anchor = models.CharField(
        max_length=200,
        blank=True,
        help_text="For an edit of one section: the anchor of the section edited.",
    )
    report_part = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "For an error report: the part of the profile it is about (lead, infobox, "
            "references or a section's anchor); empty for the whole profile."
        ),
    )
    proposed_changes = models.JSONField(
        default=dict, blank=True, help_text="Only the fields the contributor changed."
    )
    new_sources = models.JSONField(default=list, blank=True)
    message = models.TextField()
    contributor_name = models.CharField(max_length=100, blank=True)
    contributor_email = models.EmailField(blank=True)
    email_confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the contributor confirmed the address; decisions are emailed only then.",
    )
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    content_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A digest of the content, to recognize the same suggestion sent twice.",
    )
    spam_reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Why it was quarantined as spam, when the site did it automatically.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    has_conflict = models.BooleanField(
        default=False, help_text="The profile changed the same text since it was written."
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_suggestions",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    applied_revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, default=new_tracking_token, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        permissions = [("review_suggestion", "Can review suggestions")]
        indexes = [
            # The review desk lists pending items, oldest first.
            models.Index(fields=["status", "created"]),
        ]
        constraints = [
            # Duplicate detection in editorial.services.submit_suggestion relies on it.
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=models.Q(status="pending") & ~models.Q(content_hash=""),
                name="unique_pending_suggestion",
                violation_error_message=_("The same suggestion is already waiting for review."),
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("editorial:tracking", args=[self.token])

    @property
    def contributor_display(self):
        return self.contributor_name or _("an anonymous contributor")

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_decided(self):
        return self.status in {self.Status.APPROVED, self.Status.REJECTED}


class RateLimitCounter(models.Model):
    """Submissions from one hashed network address in one time window.

    Incremented with F() so that concurrent workers count correctly on the default SQLite
    install, where the cache is per process.
    """

    key = models.CharField(max_length=150)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="unique_rate_window")
        ]

    def __str__(self):
        return f"{self.key} since {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class SpentFormToken(models.Model):
    """A form's start token that has been used to send something: a token is good once.

    Without this, one signed timestamp passed the minimum-fill-time check for any number of
    submissions, from any address, until it expired.
    """

    nonce = models.CharField(max_length=40, unique=True)
    spent_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.nonce
