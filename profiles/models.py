from datetime import date

import reversion
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import normalize_newlines, slugify
from django.utils.translation import gettext_lazy as _

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
        ]
        permissions = [("revert_profile", "Can revert a profile to an old revision")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalize_newlines()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:detail", args=[self.slug])

    def normalize_newlines(self):
        # Browsers send textareas with CRLF line endings; storing them as typed would make every
        # admin save look like a change to text nobody touched.
        self.lead, self.body, self.aliases = (
            normalize_newlines(text) for text in (self.lead, self.body, self.aliases)
        )

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def render(self, fact_values, citation_sources):
        """Render the lead, body and infobox values into the stored HTML fields (not saved).

        References are numbered across all three texts; ``citation_sources`` maps each
        citation key to its source id. Returns the RenderedProfile, with the fact HTML and the
        wiki links for the caller to store (profiles.services.save_profile does).
        """
        rendered = render_profile(self.lead, self.body, fact_values, citation_sources)
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
        return text_size(self.lead, self.body)

    def remember_former_slug(self, former_slug):
        """Keep answering at ``former_slug`` (with a 301) now that the profile has a new slug."""
        FormerSlug.objects.filter(slug=self.slug).delete()
        FormerSlug.objects.get_or_create(slug=former_slug, defaults={"profile": self})


def text_size(lead, body):
    """The length of the text a reader sees, for the size changes in the history."""
    return len(lead or "") + len(body or "")


class FormerSlug(models.Model):
    """An address a renamed profile used to have; it answers with a permanent redirect."""

    slug = models.SlugField(max_length=200, unique=True)
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="former_slugs")

    def __str__(self):
        return self.slug


class Fact(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="facts")
    label = models.ForeignKey(FactLabel, on_delete=models.PROTECT, related_name="facts")
    value = models.TextField(help_text="May carry citation markers such as [^key].")
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


class SourceQuerySet(models.QuerySet):
    def public(self):
        """Sources that a published profile cites; the others are known to editors only."""
        cited = Citation.objects.filter(source=models.OuterRef("pk"), profile__published=True)
        return self.filter(models.Exists(cited))

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

    class DatePrecision(models.TextChoices):
        YEAR = "year", _("Year")
        MONTH = "month", _("Month")
        DAY = "day", _("Day")

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
    archive_url = models.URLField(max_length=2000, blank=True)
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
        return reverse("profiles:source", args=[self.pk])

    @property
    def display_url(self):
        return readable_url(self.url)

    @property
    def published_display(self):
        """The publication date at the precision the source gives it."""
        if not self.published_date:
            return ""
        formats = {"year": "%Y", "month": "%B %Y", "day": "%B %-d, %Y"}
        return self.published_date.strftime(formats[self.date_precision])


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


# One revision of a profile captures the whole aggregate: its facts, its citations and the
# sources they point to, so that an old revision renders its references as they were.
# Reverting restores only the profile's own rows (see profiles.services), never a shared source.
reversion.register(Profile, follow=["facts", "citations"])
reversion.register(Fact)
reversion.register(Citation, follow=["source"])
reversion.register(Source)
