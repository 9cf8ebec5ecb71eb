"""What the readers make of a page, and the helpers they share.

A reader (``text``, ``mediawiki``) turns one page into a ``ParsedPage``: labels as the page
wrote them (the runner maps them to Sourcebook's vocabulary), Sourcebook Markdown with
``[^key]`` markers, one ``ParsedReference`` per source with the citation keys that cite it, and
every problem it met with its line. Nothing here touches the database.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from django.utils.text import slugify
from django.utils.translation import gettext as _

from profiles.markup import find_marker_keys
from profiles.urlnorm import normalize_url

# Longest values the models hold (profiles.models); longer ones are cut at a word.
MAX_TITLE, MAX_AUTHORS, MAX_PUBLICATION, MAX_PINPOINT, MAX_URL = 500, 500, 300, 300, 2000
MAX_KEY = 60


@dataclass(frozen=True)
class Problem:
    """Something a reader met on a page: an error (the page is not imported) or an ambiguity
    (imported as read, and reported)."""

    filename: str
    line: int | None
    message: str
    is_error: bool = False

    def __str__(self):
        if self.line:
            return _("%(file)s, line %(line)d: %(message)s") % {
                "file": self.filename,
                "line": self.line,
                "message": self.message,
            }
        return f"{self.filename}: {self.message}"


@dataclass
class ParsedCitation:
    """One citation key of a reference: what its markers use, with the per-use details."""

    key: str
    accessed: date | None = None
    pinpoint: str = ""
    line: int | None = None


@dataclass
class ParsedReference:
    """One reference entry: one source (the fields a Source holds) and the keys citing it."""

    title: str = ""
    url: str = ""
    authors: str = ""
    publication: str = ""
    published: date | None = None
    precision: str = "day"  # year, month or day, as Source.DatePrecision
    archive_url: str = ""
    kind: str = "web"  # as Source.Kind
    citations: list = field(default_factory=list)  # ParsedCitation
    line: int | None = None
    numbers: list = field(default_factory=list)  # the page's own entry numbers or ref names

    @property
    def keys(self):
        return [citation.key for citation in self.citations]

    @property
    def normalized_url(self):
        return normalize_url(self.url)

    @property
    def accessed(self):
        return next((c.accessed for c in self.citations if c.accessed), None)


@dataclass
class ParsedPage:
    """One page as a reader understood it. ``facts`` are (label, value) pairs as the page
    labels them; the values may carry markers. ``lead`` and ``body`` are Sourcebook Markdown."""

    filename: str
    line: int | None = 1
    category: str = ""
    name: str = ""
    facts: list = field(default_factory=list)  # (label, value)
    fact_lines: list = field(default_factory=list)  # the line of each fact
    lead: str = ""
    body: str = ""
    references: list = field(default_factory=list)  # ParsedReference
    problems: list = field(default_factory=list)  # Problem
    # MediaWiki only: the wiki's categories, the infobox template, the revision.
    wiki_categories: list = field(default_factory=list)
    infobox: str = ""
    revision_id: int | None = None
    timestamp: datetime | None = None
    author: str = ""
    comment: str = ""

    def problem(self, line, message, *, error=False):
        self.problems.append(Problem(self.filename, line, message, is_error=error))

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.is_error]

    @property
    def ambiguities(self):
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def citations(self):
        return [citation for reference in self.references for citation in reference.citations]

    @property
    def markers(self):
        """How many citation markers the texts carry."""
        texts = [self.lead, self.body, *(value for _label, value in self.facts)]
        return sum(len(find_marker_keys(text)) for text in texts)

    @property
    def sections(self):
        """The body's headings: [(level, title)], 2 for a section and 3 for a sub-section."""
        found = []
        for line in self.body.splitlines():
            match = HEADING_RE.match(line)
            if match:
                found.append((len(match.group(1)), match.group(2).strip()))
        return found


HEADING_RE = re.compile(r"^(#{2,6})\s+(.*)$")


@dataclass
class PageItem:
    """One page to import, as a reader found it: its revisions, oldest first (one unless every
    revision is imported), or the problem that stops it being read, or why it is skipped."""

    filename: str
    line: int | None = None
    title: str = ""
    revisions: object = ()  # an iterable of ParsedPage; may raise ReadError while iterated
    problem: Problem | None = None
    skipped: str = ""  # why the page is not imported at all (a redirect, another namespace)


class ReadError(Exception):
    """Reading stopped in the middle of a page (a damaged or truncated file)."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


# Markdown ------------------------------------------------------------------------------------

# Characters that would start Markdown inline syntax (emphasis, code, links, markers, wiki
# links, strikethrough, HTML, entities) in plain text.
INLINE_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>~|])")
ENTITY_RE = re.compile(r"&(?=#?\w+;)")
# What a paragraph may not start with in plain text: a heading, a quote, a list item, a rule.
BLOCK_START_RE = re.compile(r"^(\s*)([#>+=-])")
ORDERED_ITEM_RE = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def escape_markdown(text, *, line_start=True):
    """Plain text as Markdown that reads the same: nothing in it becomes markup."""
    text = INLINE_SPECIAL_RE.sub(r"\\\1", text)
    text = ENTITY_RE.sub(r"\\&", text)
    if line_start:
        text = BLOCK_START_RE.sub(r"\1\\\2", text)
        text = ORDERED_ITEM_RE.sub(r"\1\\\2", text)
    return text


# Dates ---------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR = r"(?P<year>(?:1[5-9]|20)\d{2})"
DATE_PATTERNS = [
    (re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{YEAR}\b", re.I), "day"),
    (re.compile(rf"\b(?P<day>\d{{1,2}})\s+{MONTH},?\s+{YEAR}\b", re.I), "day"),
    (re.compile(rf"\b{YEAR}-(?P<mm>\d{{2}})-(?P<day>\d{{2}})\b"), "day"),
    (re.compile(rf"\b{MONTH},?\s+{YEAR}\b", re.I), "month"),
    (re.compile(rf"\b{YEAR}-(?P<mm>\d{{2}})\b(?!-)"), "month"),
    (re.compile(rf"(?<![\d/-]){YEAR}(?![\d/-])"), "year"),
]


@dataclass(frozen=True)
class FoundDate:
    value: date
    precision: str
    start: int
    end: int


def find_dates(text):
    """Every date in the text, the most precise reading of each stretch, in order."""
    found = []
    for pattern, precision in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < d.end and d.start < match.end() for d in found):
                continue
            value = date_from_match(match, precision)
            if value:
                found.append(FoundDate(value, precision, match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def date_from_match(match, precision):
    parts = match.groupdict()
    month = MONTHS.get((parts.get("month") or "").lower()) or int(parts.get("mm") or 1)
    day = int(parts["day"]) if precision == "day" else 1
    try:
        return date(int(parts["year"]), month if precision != "year" else 1, day)
    except ValueError:
        return None


def parse_date(text):
    """A date given alone ("August 23, 2018", "2018-08", "2018"): (date, precision) or None."""
    text = (text or "").strip().strip(".,")
    found = find_dates(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].value, found[0].precision
    return None


# Keys and kinds ------------------------------------------------------------------------------


class KeyMaker:
    """Readable citation keys, unique within a page: from the ref's name, or the
    publication (or title), with the year and title words added until the key is free."""

    def __init__(self):
        self.taken = set()

    def make(self, *, name="", publication="", title="", year=None):
        candidates = []
        if name:
            candidates.append(slugify(name)[:MAX_KEY].strip("-"))
        if re.match(r"^https?://", title or ""):
            title = host_words(title)
        base = short_slug(publication, 3) or short_slug(title, 4) or "source"
        candidates.append(base)
        if year:
            candidates.append(f"{base}-{year}")
        title_words = short_slug(title, 3)
        if title_words and title_words != base:
            candidates.append(f"{base}-{title_words}"[:MAX_KEY].strip("-"))
        for candidate in candidates:
            if candidate and candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        stem, number = candidates[-1] or "source", 2
        while f"{stem}-{number}" in self.taken:
            number += 1
        self.taken.add(f"{stem}-{number}")
        return f"{stem}-{number}"


def host_words(url):
    """ "www.westmarch-ledger.example" -> "westmarch-ledger": a URL's host, for a key."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host.rsplit(".", 1)[0] if "." in host else host


STOP_WORDS = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "with", "by"}


def short_slug(text, words):
    parts = [part for part in slugify(text or "").split("-") if part]
    meaningful = [part for part in parts if part not in STOP_WORDS] or parts
    return "-".join(meaningful[:words])[:MAX_KEY]


SOCIAL_HOSTS = {
    "facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com", "youtu.be",
    "tiktok.com", "linkedin.com", "threads.net", "bsky.app", "t.me", "reddit.com",
}  # fmt: skip


BOOK_PUBLISHER_RE = re.compile(r"\b(press|books|publishing|publishers|verlag)\b", re.I)


def guess_kind(url, *, published=None, publication=""):
    """The kind of source a URL most likely is: a social media post, a government record, a
    news article (it has a date and a publication) or a web page."""
    host = urlsplit(url or "").hostname or ""
    host = host.removeprefix("www.").removeprefix("m.")
    if host in SOCIAL_HOSTS or any(host.endswith("." + social) for social in SOCIAL_HOSTS):
        return "social"
    if host.endswith(".gov") or ".gov." in host or host.endswith(".mil"):
        return "government"
    if not url and BOOK_PUBLISHER_RE.search(publication or ""):
        return "book"
    if published and publication:
        return "news"
    return "web"


def cut(text, limit):
    """The text, cut at a word to fit ``limit`` characters (with an ellipsis) if longer."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
