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
    """Something the public sent: an edit, an error report, a tip for a new profile, or a
    connection (new, or a correction to one), which may also come from an imported filing
    (editorial.proposals).

    Its status changes only through editorial.services, so that the admin, the public views
    and code all behave alike.
    """

    class Kind(models.TextChoices):
        EDIT = "edit", _("Suggested edit")
        ERROR = "error", _("Error report")
        TIP = "tip", _("New profile tip")
        RELATIONSHIP = "relationship", _("Proposed connection")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(max_length=12, choices=Kind.choices)
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
    site_url = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text=(
            "The site's address as the contributor reached it (scheme, host and port): the "
            "links in its emails use it when SOURCEBOOK_SITE_URL is not set."
        ),
    )
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


class EditorNotificationSettings(models.Model):
    """One editor's choice of emails about the review queue; each editor changes their own
    in the admin ("My notifications"). editorial.editor_digests sends the digests."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    queue_digest = models.BooleanField(
        _("email me when new suggestions wait for review"),
        default=False,
        help_text=_(
            "At most one email an hour, to your account's address, and only when something new "
            "arrived since the last one: how many suggestions of each kind wait, how long the "
            "oldest has waited, and links to the queue."
        ),
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    digest_covered_id = models.BigIntegerField(
        default=0,
        editable=False,
        help_text="The newest suggestion the last digest counted: anything newer is new.",
    )

    class Meta:
        verbose_name = _("my notifications")
        verbose_name_plural = _("my notifications")

    def __str__(self):
        return _("Notifications for %(user)s") % {"user": self.user.get_username()}


class FollowQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Follow(models.Model):
    """An email address following a profile, no account needed (editorial.follows).

    Nothing is sent to the address but the confirmation until its owner confirms; then at most
    one digest a day of the profile's new revisions. The address is never shown anywhere
    public, and unsubscribing deletes the row.
    """

    profile = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(help_text="Lower-cased, so that one address follows a profile once.")
    token = models.CharField(max_length=64, unique=True, default=new_tracking_token, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    notified_revision_id = models.BigIntegerField(
        default=0,
        help_text=(
            "The profile's newest revision the follower has heard of (or that was current when "
            "they confirmed): the next digest lists the ones after it."
        ),
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            # editorial.follows.request_follow reuses the row of an address that asks again.
            models.UniqueConstraint(fields=["profile", "email"], name="unique_follow_per_address")
        ]
        indexes = [
            # The per-address daily cap on confirmation emails (editorial.follows).
            models.Index(fields=["email", "confirmation_sent_at"]),
        ]

    def __str__(self):
        return f"Follow #{self.pk} of profile {self.profile_id}"
