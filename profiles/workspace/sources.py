"""Finding the source to cite, in the editor's workspace: by a pasted URL (the stored source
with the same normalized URL, or details for a new one) or by a search that shows enough to
choose right (title, publication, date, domain, and how many profiles cite it)."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Count, Q
from django.utils.text import slugify

from profiles.metadata import source_details_from_url
from profiles.models import Source
from profiles.urlnorm import normalize_url

WORD_RE = re.compile(r"[\w.-]+", re.UNICODE)
MAX_CANDIDATES = 300


@dataclass
class SourceChoice:
    """A source as the picker shows it."""

    source: Source
    profiles_citing: int

    @property
    def domain(self):
        return source_domain(self.source)


def source_domain(source):
    return source.domain


def search_sources(query, limit=10):
    """Sources matching every word of the query in their title, URL, publication or authors,
    best match first: a word in the domain or the title counts most, then the publication,
    then how many profiles cite the source."""
    words = [word.lower() for word in WORD_RE.findall(query or "")][:8]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= (
            Q(title__icontains=word)
            | Q(normalized_url__icontains=word)
            | Q(publication__icontains=word)
            | Q(authors__icontains=word)
        )
    candidates = (
        Source.objects.filter(condition)
        .annotate(
            citing=Count("citations__profile", distinct=True)
            + Count("relationship_citations__relationship", distinct=True)
        )
        .order_by("-citing", "title")[:MAX_CANDIDATES]
    )
    ranked = sorted(candidates, key=lambda source: -score(source, words))
    return [SourceChoice(source, source.citing) for source in ranked[:limit]]


def score(source, words):
    title, publication = source.title.lower(), source.publication.lower()
    domain = source_domain(source).lower()
    points = 0.0
    for word in words:
        if word in domain:
            points += 10 + (5 if domain.startswith(word) or f".{word}" in domain else 0)
        if word == title or title.startswith(word):
            points += 8
        elif word in title:
            points += 6
        if word in publication:
            points += 4
    return points + min(source.citing, 20) * 0.1


def stored_source(url):
    """The stored source at this URL (compared normalized), or None."""
    normalized = normalize_url(url)
    return Source.objects.filter(normalized_url=normalized).first() if normalized else None


def new_source_details(url, *, fetcher=None):
    """Details of a page for a new source, for a person to confirm: what the page's metadata
    says (profiles.metadata, through the careful fetcher); empty where the page says nothing
    or cannot be read. Keys: title, authors, publication, published (YYYY[-MM[-DD]]), error."""
    details = source_details_from_url(url, fetcher=fetcher)
    return {
        "title": details.get("title", ""),
        "authors": details.get("authors", ""),
        "publication": details.get("publication", ""),
        "published": details.get("published_date", "") or "",
        "error": details.get("error", ""),
    }


def readable_key(*, publication="", url="", title="", year="", taken=()):
    """A citation key a person can read and type: "ledger-2018", "courier-2021-2"."""
    base = slugify(publication) or slugify(urlsplit(url).hostname or "").removeprefix("www-")
    base = base or slugify(title) or "source"
    words = [word for word in base.split("-") if word]
    if len(words) > 1 and words[0] in {"the", "a", "an"}:
        words = words[1:]
    base = "-".join(words[:3])[:40].strip("-") or "source"
    if year:
        base = f"{base}-{year}"
    key, number = base, 2
    taken = set(taken)
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key
