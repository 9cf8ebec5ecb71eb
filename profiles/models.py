import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import reversion
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.text import normalize_newlines, slugify
from django.utils.translation import gettext_lazy as _

from profiles.identifiers import (
    normalize_identifiers,
    validate_ein,
    validate_fec_id,
    validate_wikidata_id,
)
from profiles.markup import render_profile
from profiles.urlnorm import normalize_url, readable_url


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    plural_name = models.CharField(max_length=80)
    is_person = models.BooleanField(
        default=False, help_text="Tick for categories whose profiles are people, not groups."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class ProfileType(models.Model):
    """A term of the managed vocabulary shown as "Type" in the infobox."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class FactLabel(models.Model):
    """A label editors may use for an infobox row (Website, Tax ID (EIN), Budget, ...)."""

    name = models.CharField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ProfileQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def answered_slugs(self, slugs):
        """The slugs, among these, that a profile of this queryset answers to (now or
        formerly)."""
        found = self.filter(Q(slug__in=slugs) | Q(former_slugs__slug__in=slugs)).values_list(
            "slug", "former_slugs__slug"
        )
        return {slug for pair in found for slug in pair if slug}


class Profile(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The address of the profile. Changing it keeps the old address working.",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="profiles")
    location = models.CharField(max_length=200, blank=True)
    types = models.ManyToManyField(ProfileType, blank=True, related_name="profiles")
    aliases = models.TextField(
        blank=True, help_text="Other names the profile is known by, one per line."
    )
    lead = models.TextField(
        blank=True,
        help_text="The opening paragraphs in Markdown. Cite with [^key], link with [[Name]].",
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown with ## sections and ### sub-sections. Cite with [^key].",
    )
    published = models.BooleanField(
        default=True, help_text="Unpublished profiles are visible to editors only."
    )
    ein = models.CharField(
        "Tax ID (EIN)",
        max_length=10,
        blank=True,
        validators=[validate_ein],
        help_text="The IRS employer identification number, NN-NNNNNNN. Filings are matched "
        "to the profile by it.",
    )
    fec_id = models.CharField(
        "FEC ID",
        max_length=9,
        blank=True,
        validators=[validate_fec_id],
        help_text="A Federal Election Commission committee id (C00123456) or candidate id.",
    )
    wikidata_id = models.CharField(
        "Wikidata item",
        max_length=20,
        blank=True,
        validators=[validate_wikidata_id],
        help_text="Q and its number, such as Q42.",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    # Derived at save (Profile.render, through profiles.services.save_profile) so that a page
    # view never parses Markdown.
    lead_html = models.TextField(blank=True, editable=False)
    body_html = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    references = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Reference entries in order: source id, number and the markers citing it.",
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            # The browse page lists published profiles of one category by name.
            models.Index(fields=["category", "published", "name"]),
            # The home page and /recent/ show the latest updates.
            models.Index(fields=["-updated"]),
            # The search form's list of locations (profiles.views.search_results): read from
            # the index, not from every profile.
            models.Index(fields=["published", "location"], name="profiles_published_location"),
            # /search/ goes straight to the profile a query names (profiles.search.profile_named).
            models.Index(Upper("name"), name="profiles_profile_upper_name"),
        ]
        permissions = [("revert_profile", "Can revert a profile to an old revision")]
        constraints = [
            # One profile per identifier; the search box and import_filings look them up.
            models.UniqueConstraint(
                fields=["ein"],
                condition=~Q(ein=""),
                name="unique_profile_ein",
                violation_error_message=_("Another profile has this EIN."),
            ),
            models.UniqueConstraint(
                fields=["fec_id"],
                condition=~Q(fec_id=""),
                name="unique_profile_fec_id",
                violation_error_message=_("Another profile has this FEC ID."),
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="unique_profile_wikidata_id",
                violation_error_message=_("Another profile has this Wikidata item."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalize_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:detail", args=[self.slug])

    def clean_fields(self, exclude=None):
        # "123456789" and "q42" are accepted and stored as "12-3456789" and "Q42".
        normalize_identifiers(self)
        super().clean_fields(exclude)

    def normalize_fields(self):
        # Browsers send textareas with CRLF line endings; storing them as typed would make every
        # admin save look like a change to text nobody touched. Identifiers get their one
        # spelling ("12-3456789", "Q42") for the same reason, and for the unique constraints.
        self.lead, self.body, self.aliases = (
            normalize_newlines(text) for text in (self.lead, self.body, self.aliases)
        )
        normalize_identifiers(self)

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def render(self, fact_values, citation_sources, connection_markers=()):
        """Render the lead, body and infobox values into the stored HTML fields (not saved).

        References are numbered across all three texts and then the citations of the
        profile's connections (``connection_markers``, see profiles.connections);
        ``citation_sources`` maps each citation key to its source id. Returns the
        RenderedProfile, with the fact HTML and the wiki links for the caller to store
        (profiles.services does).
        """
        rendered = render_profile(
            self.lead, self.body, fact_values, citation_sources, connection_markers
        )
        self.lead_html, self.body_html = rendered.lead_html, rendered.body_html
        self.toc, self.references = rendered.toc, rendered.references
        return rendered

    def replace_mentions(self, mentions, *, new=False):
        """Store the profile's wiki links ({slug: name}) as its Mention rows."""
        mentions.pop(self.slug, None)
        existing = set() if new else set(self.mentions.values_list("target_slug", flat=True))
        if existing - set(mentions):
            self.mentions.exclude(target_slug__in=mentions).delete()
        if set(mentions) - existing:
            Mention.objects.bulk_create(
                Mention(source=self, target_slug=slug, target_name=name[:200])
                for slug, name in mentions.items()
                if slug not in existing
            )

    def reference_to(self, source_id):
        """This profile's stored reference entry for a source: its number and markers."""
        return next((r for r in self.references if r["source_id"] == source_id), None)

    @property
    def size(self):
        return text_size(self.lead, self.body, [fact.value for fact in self.facts.all()])

    def remember_former_slug(self, former_slug):
        """Keep answering at ``former_slug`` (with a 301) now that the profile has a new slug."""
        FormerSlug.objects.filter(slug=self.slug).delete()
        FormerSlug.objects.get_or_create(slug=former_slug, defaults={"profile": self})


def text_size(lead, body, fact_values=()):
    """The length of the text a reader sees, infobox values included, for the size changes in
    the history."""
    return len(lead or "") + len(body or "") + sum(len(value or "") for value in fact_values)


class FormerSlug(models.Model):
    """An address a renamed profile used to have; it answers with a permanent redirect."""

    slug = models.SlugField(max_length=200, unique=True)
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="former_slugs")

    def __str__(self):
        return self.slug


class Fact(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="facts")
    label = models.ForeignKey(FactLabel, on_delete=models.PROTECT, related_name="facts")
    value = models.TextField(
        blank=True,
        help_text="May carry citation markers such as [^key]. Leave it empty to show the "
        "connection chosen below instead.",
    )
    relationship = models.ForeignKey(
        "Relationship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facts",
        help_text="Show this connection (the other profile, the role and the dates, with its "
        "sources) as the row's value, instead of repeating it as text.",
    )
    value_html = models.TextField(blank=True, editable=False)
    as_of = models.DateField(null=True, blank=True, help_text="The date the value refers to.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.label}: {self.value}"


def parse_partial_date(text):
    """'2019-03-04' -> (date, 'day'); '2019-03' -> month; '2019' -> year; '' -> (None, 'day').

    Raises ValueError for anything else.
    """
    text = (text or "").strip()
    if not text:
        return None, Source.DatePrecision.DAY
    parts = [int(part) for part in text.split("-")]
    if len(parts) > 3 or not 1000 <= parts[0] <= 9999:
        raise ValueError(text)
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return date(*(parts + [1] * (3 - len(parts)))), precision


def partial_date_display(value, precision):
    """A date at its precision: "2019", "March 2019" or "March 4, 2019"; "" for none."""
    if not value:
        return ""
    formats = {"year": "%Y", "month": "%B %Y", "day": "%B %-d, %Y"}
    return value.strftime(formats.get(precision, formats["day"]))


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


def profiles_citing(source):
    """A filter of profiles whose reference lists hold the source (a pk, or an OuterRef to
    one): through their text's citations, their filings, or connections between two
    published profiles. The one definition that the source pages, /sources/ and its counts
    use."""
    shown = RelationshipCitation.objects.filter(
        source=source, relationship__subject__published=True, relationship__object__published=True
    )
    return (
        Q(pk__in=Citation.objects.filter(source=source).values("profile"))
        | Q(pk__in=Filing.objects.filter(source=source).values("profile"))
        | Q(pk__in=shown.values("relationship__subject"))
        | Q(pk__in=shown.values("relationship__object"))
    )


class SourceQuerySet(models.QuerySet):
    def public(self):
        """Sources in a published profile's reference list (profiles_citing); the others are
        known to editors only."""
        citing = Profile.objects.published().filter(
            profiles_citing(models.OuterRef(models.OuterRef("pk")))
        )
        return self.filter(models.Exists(citing))

    def with_links_to_check(self):
        """Sources with an address the link checker visits: not the returns import_filings
        stored, whose addresses it builds from the EIN and object id (checking 1.4 million
        of them would only load another site, and they are never fetched)."""
        imported = Filing.objects.filter(source=models.OuterRef("pk"))
        return self.exclude(url="").exclude(models.Exists(imported))

    def at_normalized_urls(self, normalized_urls):
        """The sources at these normalized URLs. The unique index's condition is repeated so
        that SQLite searches that partial index instead of reading the whole table."""
        return self.filter(~Q(normalized_url=""), normalized_url__in=normalized_urls)

    def for_url(self, url, **fields):
        """The source at this URL (compared normalized), or a new one with these fields."""
        normalized = normalize_url(url)
        existing = normalized and self.at_normalized_urls([normalized]).first()
        if existing:
            return existing
        try:
            with transaction.atomic():
                return self.create(url=url, **fields)
        except IntegrityError:  # another writer created it a moment ago
            return self.get(normalized_url=normalized)


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", _("News article")
        FILING = "filing", _("Filing")
        GOVERNMENT = "government", _("Government record")
        BOOK = "book", _("Book")
        WEB = "web", _("Web page")
        SOCIAL = "social", _("Social media post")

    DatePrecision = DatePrecision

    url = models.URLField(max_length=2000, blank=True)
    normalized_url = models.CharField(max_length=2000, blank=True, editable=False)
    title = models.CharField(max_length=500)
    authors = models.CharField(
        max_length=500, blank=True, help_text="Separate several authors with semicolons."
    )
    publication = models.CharField(max_length=300, blank=True)
    published_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    archive_url = models.URLField(
        max_length=2000,
        blank=True,
        help_text="A copy of the page in a web archive, such as the Wayback Machine.",
    )
    archive_date = models.DateField(
        null=True,
        blank=True,
        help_text="When the archived copy was made. Left empty, a Wayback Machine address "
        "gives it.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.WEB)
    notes = models.TextField(blank=True, help_text="For editors; not shown to readers.")
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_url"],
                condition=~Q(normalized_url=""),
                name="unique_source_normalized_url",
                violation_error_message=_("A source with this URL already exists."),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.normalized_url = normalize_url(self.url)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # A new source in the workspace's preview has no page yet.
        return reverse("profiles:source", args=[self.pk]) if self.pk else ""

    def citing_profiles(self):
        """The published profiles whose reference lists hold this source (profiles_citing)."""
        return Profile.objects.published().filter(profiles_citing(self.pk))

    @property
    def display_url(self):
        return readable_url(self.url)

    @property
    def domain(self):
        """The site it is on, without "www.": what a list of sources shows of its address."""
        host = urlsplit(self.normalized_url or self.url or "").hostname or ""
        return host.removeprefix("www.")

    @property
    def published_display(self):
        """The publication date at the precision the source gives it."""
        return partial_date_display(self.published_date, self.date_precision)

    @property
    def link_state(self):
        """The latest check of this source's address (a LinkCheck), when it was loaded with
        the source (``select_related("link_check")``) and checked the address the source has
        now; else None, "not checked yet". Never a query, so old revisions, whose sources are
        rebuilt from stored data, never show today's state of the link."""
        if not self.pk or not Source.link_check.related.is_cached(self):
            return None
        check = Source.link_check.related.get_cached_value(self)
        if check is None or check.checked_url != self.url or check.checked_at is None:
            return None
        return check

    @property
    def original_is_gone(self):
        """The address is dead or now shows a "not found" or home page (readers are sent to
        the archived copy first)."""
        state = self.link_state
        return state is not None and state.status in LinkCheck.GONE

    @property
    def archived_copy(self):
        """The archived copy readers are shown, or None: the one an editor set on the source,
        else the one the link checker found in the Wayback Machine for a dead link."""
        if self.archive_url:
            return ArchivedCopy(
                self.archive_url, self.archive_date or wayback_date(self.archive_url)
            )
        state = self.link_state
        if state is not None and state.archive_url:
            return ArchivedCopy(state.archive_url, state.archive_date)
        return None


@dataclass(frozen=True)
class ArchivedCopy:
    url: str
    date: date | None


# https://web.archive.org/web/20190304120000/https://... : the copy's date is in its address.
WAYBACK_TIMESTAMP = re.compile(r"^https?://web\.archive\.org/web/([0-9]{8})[0-9]*[a-z_]*/", re.I)


def wayback_date(url):
    """The date of a Wayback Machine copy from its address, or None for other addresses."""
    match = WAYBACK_TIMESTAMP.match(url or "")
    if not match:
        return None
    stamp = match.group(1)
    try:
        return date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
    except ValueError:
        return None


class LinkCheck(models.Model):
    """What the latest checks of a source's address found (written by profiles.linkcheck).

    One row per source, kept apart from the source's own (versioned) fields on purpose: a check
    is bookkeeping, not an edit, so it never adds a revision, never shows in a profile's
    history or diffs, and never overwrites an editor's save of the source row. An editor's
    action on the result (accepting the archived copy, replacing the address) is an edit, and
    goes through profiles.services.save_source.
    """

    class Status(models.TextChoices):
        UNCHECKED = "unchecked", _("Not checked yet")
        LIVE = "live", _("Live")
        FAILING = "failing", _("Not found once; to be checked again")
        DEAD = "dead", _("Dead")
        SOFT_404 = "soft_404", _("Moved to the home page or a “not found” page")
        BLOCKED = "blocked", _("Blocked: the site refused the checker")
        ERROR = "error", _("Could not check")

    GONE = {Status.DEAD, Status.SOFT_404}
    NEEDS_AN_EDITOR = {Status.DEAD, Status.SOFT_404, Status.FAILING, Status.BLOCKED}

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, primary_key=True, related_name="link_check"
    )
    checked_url = models.URLField(
        max_length=2000, blank=True, help_text="The address checked; a new one starts afresh."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNCHECKED)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    detail = models.CharField(max_length=300, blank=True, help_text="What the last check found.")
    checked_at = models.DateTimeField(null=True, blank=True)
    live_at = models.DateTimeField(null=True, blank=True, help_text="When it last worked.")
    first_failed_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)
    archive_url = models.URLField(max_length=2000, blank=True)
    archive_date = models.DateField(null=True, blank=True)
    archive_checked_at = models.DateTimeField(null=True, blank=True)
    archive_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The dead-links list (profiles.admin) filters by status; the schedule
            # (profiles.linkcheck.due_sources) picks the oldest checks.
            models.Index(fields=["status", "checked_at"]),
            models.Index(fields=["checked_at"]),
        ]

    def __str__(self):
        return f"{self.source_id}: {self.get_status_display()}"


class DeadLink(Source):
    """Sources seen by the state of their link: the editors' "Dead links" list (profiles.admin).
    A proxy: the same rows as Source, saved as Source through profiles.services.save_source."""

    class Meta:
        proxy = True
        verbose_name = _("dead link")
        verbose_name_plural = _("dead links")


class RecurringTask(models.Model):
    """When a task that re-enqueues itself (profiles.tasks.check_due_sources) runs next.

    Starting the schedule twice (two `make run`, a restart) enqueues a second copy of the task;
    the copy that finds it is not its turn yet stops, so one chain survives.
    """

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()

    def __str__(self):
        return self.name


class Citation(models.Model):
    """One profile citing one source under a key that markers use: [^key]."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="citations")
    key = models.SlugField(
        max_length=80, help_text="The name markers use, as in [^key]. Unique within the profile."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    accessed = models.DateField(null=True, blank=True)
    pinpoint = models.CharField(
        max_length=300, blank=True, help_text="A page, section or short quote."
    )

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "key"], name="unique_citation_key")
        ]

    def __str__(self):
        return self.key


class Side(models.TextChoices):
    """What a relationship type may join on one side."""

    PERSON = "person", _("People")
    ORGANIZATION = "organization", _("Organizations")
    ANY = "any", _("People and organizations")


class RelationshipType(models.Model):
    """A kind of connection, named for each side: "Board member of" on the member's profile,
    "Board members" on the organization's."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True, help_text="For editors: what it is.")
    forward_label = models.CharField(
        max_length=120,
        help_text="The heading on the first profile's page, e.g. “Board member of”.",
    )
    reverse_label = models.CharField(
        max_length=120,
        help_text="The heading on the second profile's page, e.g. “Board members”.",
    )
    subject_kind = models.CharField(
        max_length=12, choices=Side.choices, default=Side.ANY, help_text="Who the first is."
    )
    object_kind = models.CharField(
        max_length=12, choices=Side.choices, default=Side.ANY, help_text="Who the second is."
    )
    symmetric = models.BooleanField(
        default=False, help_text="Reads the same both ways (“co-signed with”)."
    )
    has_amount = models.BooleanField(
        default=False, help_text="Carries an amount: a grant, a salary, a contribution."
    )
    requires_citation = models.BooleanField(
        default=True, help_text="Refuse a connection of this type without a source."
    )
    schema_subject_property = models.CharField(
        max_length=40,
        blank=True,
        help_text="The schema.org property on the first profile that points at the second.",
    )
    schema_object_property = models.CharField(
        max_length=40,
        blank=True,
        help_text="The schema.org property on the second profile that points at the first.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def label_for(self, side):
        """The heading on the page of the profile on this side ("subject" or "object")."""
        return self.forward_label if side == "subject" or self.symmetric else self.reverse_label

    def fits(self, kind, profile):
        return kind == Side.ANY or (kind == Side.PERSON) == profile.category.is_person


class Relationship(models.Model):
    """A dated, cited connection between two profiles: one sits on the other's board, funded
    it, is a project of it. It shows on both profiles, and is part of both profiles' revisions."""

    subject = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="relationships_as_subject"
    )
    object = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="relationships_as_object"
    )
    type = models.ForeignKey(
        RelationshipType, on_delete=models.PROTECT, related_name="relationships"
    )
    role = models.CharField(
        max_length=200, blank=True, help_text="A title or role: “Treasurer”, “Founding donor”."
    )
    start_date = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(null=True, blank=True)
    end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    is_current = models.BooleanField(
        default=True, help_text="Still so today. A connection with an end date has ended."
    )
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD", blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["type__position", "start_date", "pk"]
        indexes = [
            # A profile page reads its connections from both sides.
            models.Index(fields=["subject", "type"]),
            models.Index(fields=["object", "type"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject=models.F("object")),
                name="relationship_not_to_itself",
                violation_error_message=_("A profile cannot be connected to itself."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="relationship_ends_after_it_starts",
                violation_error_message=_("A connection cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.subject} {self.type.forward_label.lower()} {self.object}"

    def side_of(self, profile):
        """ "subject" or "object": where the profile stands in this relationship."""
        return "subject" if self.subject_id == profile.pk else "object"

    def other(self, profile):
        return self.object if self.subject_id == profile.pk else self.subject

    @property
    def start_display(self):
        return partial_date_display(self.start_date, self.start_precision)

    @property
    def end_display(self):
        return partial_date_display(self.end_date, self.end_precision)


class RelationshipCitation(models.Model):
    """A source for a relationship: numbered into both profiles' reference lists."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="relationship_citations"
    )
    accessed = models.DateField(null=True, blank=True)
    pinpoint = models.CharField(
        max_length=300, blank=True, help_text="A page, section or short quote."
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.relationship}: {self.source}"

    @property
    def marker_key(self):
        """The name this citation's marker has in a profile's reference list."""
        return f"relationship-{self.pk}"


class Filing(models.Model):
    """One yearly return an organization filed with the IRS (Form 990, 990-EZ or 990-PF), as
    import_filings read it: the figures of the profile's Finances section, each cited to the
    return's source (kind "filing")."""

    class Form(models.TextChoices):
        F990 = "990", _("Form 990")
        F990EZ = "990EZ", _("Form 990-EZ")
        F990PF = "990PF", _("Form 990-PF")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="filings")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="filings")
    object_id = models.CharField(
        max_length=40,
        unique=True,
        help_text="The IRS e-file object id of the return; a second import of it changes nothing.",
    )
    form = models.CharField(max_length=5, choices=Form.choices)
    tax_year = models.PositiveSmallIntegerField()
    tax_period_end = models.DateField(null=True, blank=True)
    revenue = models.DecimalField(max_digits=16, decimal_places=0, null=True, blank=True)
    expenses = models.DecimalField(max_digits=16, decimal_places=0, null=True, blank=True)
    assets = models.DecimalField(max_digits=16, decimal_places=0, null=True, blank=True)
    liabilities = models.DecimalField(max_digits=16, decimal_places=0, null=True, blank=True)
    net_assets = models.DecimalField(max_digits=16, decimal_places=0, null=True, blank=True)
    imported = models.DateField(default=timezone.localdate)
    # A return never changes once filed: a permanent link of a revision shows the filings
    # stored before it (profiles.views.profile_revision).
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["tax_year", "pk"]
        indexes = [
            # The Finances section reads a profile's filings by year.
            models.Index(fields=["profile", "tax_year"]),
        ]

    def __str__(self):
        return f"{self.get_form_display()} for tax year {self.tax_year}"

    @property
    def marker_key(self):
        """The name this filing's marker has in the profile's reference list."""
        return f"filing-{self.pk}"

    # What a reference entry reads of each use of a source (profiles.presentation).
    pinpoint = ""

    @property
    def accessed(self):
        return self.imported


class RevisionRedaction(models.Model):
    """The parts of a revision hidden from the public (MediaWiki's RevisionDelete): its text,
    its comment or the name of who made it. Nothing is deleted: editors who may redact still
    see it, marked as hidden, and can show it again. Every change is in the RedactionLog."""

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="redaction"
    )
    text_hidden = models.BooleanField(default=False)
    comment_hidden = models.BooleanField(default=False)
    user_hidden = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        permissions = [("redact_revision", "Can hide and show parts of revisions")]

    def __str__(self):
        return f"Revision {self.revision_id}: {', '.join(sorted(self.hidden_parts))}"

    @property
    def hidden_parts(self):
        return {part for part in REDACTABLE if getattr(self, f"{part}_hidden")}


REDACTABLE = ("text", "comment", "user")


class ProfileVersionSize(models.Model):
    """The text size a version of a profile stored (text_size of its lead and body), written
    with the revision (profiles.services) so that a history page shows size changes without
    loading every version's data. A version is one profile in one revision."""

    version = models.OneToOneField(
        "reversion.Version", on_delete=models.CASCADE, primary_key=True, related_name="profile_size"
    )
    size = models.PositiveIntegerField(
        null=True, help_text="Empty when the stored data cannot be read."
    )

    def __str__(self):
        return f"Version {self.version_id}: {self.size}"


class RedactionLog(models.Model):
    """Who hid or showed which parts of a revision, when, and why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hid")
        SHOW = "show", _("Showed again")

    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.CASCADE, related_name="redaction_log"
    )
    action = models.CharField(max_length=4, choices=Action.choices)
    parts = models.JSONField(default=list, help_text="Of: text, comment, user.")
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} {', '.join(self.parts)} of revision {self.revision_id}"


def answered_by_a_profile(field):
    """Q: the slug in ``field`` is a published profile's, now or formerly."""
    return Q(**{f"{field}__in": Profile.objects.published().values("slug")}) | Q(
        **{f"{field}__in": FormerSlug.objects.filter(profile__published=True).values("slug")}
    )


class MentionQuerySet(models.QuerySet):
    def unanswered(self):
        """Links to profiles that no published profile answers to (now or formerly)."""
        return self.exclude(answered_by_a_profile("target_slug"))

    def wanted(self):
        """Profiles that published profiles link to but no published profile answers to yet,
        one row per missing slug with its name and the number of profiles linking to it."""
        return (
            self.filter(source__published=True)
            .exclude(answered_by_a_profile("target_slug"))
            .values("target_slug")
            .annotate(name=models.Min("target_name"), links=models.Count("source"))
            .order_by("-links", "name")
        )


class Mention(models.Model):
    """A wiki link from one profile to another, derived from its text when it is rendered.

    The target is kept as a slug, not a foreign key, so links to profiles that are not written
    yet are listed too ("missing profiles").
    """

    source = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="mentions")
    target_slug = models.SlugField(max_length=200, db_index=True)
    target_name = models.CharField(max_length=200)

    objects = MentionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target_slug"], name="unique_mention")
        ]

    def __str__(self):
        return f"{self.source} -> {self.target_slug}"


# One revision of a profile captures the whole aggregate: its facts, its citations, its
# relationships and the sources they point to, so that an old revision renders its references
# and connections as they were.
# Reverting restores only the profile's own rows (see profiles.services), never a shared source.
reversion.register(
    Profile,
    follow=["facts", "citations", "relationships_as_subject", "relationships_as_object"],
)
reversion.register(Fact)
reversion.register(Citation, follow=["source"])
reversion.register(Source)
# A relationship is part of both profiles' revisions (each follows its relationships), with
# its citations and their sources; it does not follow the other profile, so one revision
# never pulls in the whole network.
reversion.register(Relationship, follow=["citations"])
reversion.register(RelationshipCitation, follow=["source"])
# A filing is written in a revision of its profile (profiles.services.save_filings), which
# records the profile re-rendered with the filing's reference.
reversion.register(Filing, follow=["source"])
