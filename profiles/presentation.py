"""What a profile page shows, built from stored HTML and rows, for the live profile or an old
revision alike (an old revision passes the facts and citations it had)."""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from profiles.models import Profile

WIKILINK_HTML_RE = re.compile(
    r'<a href="/profiles/(?P<slug>[-a-zA-Z0-9_]+)/" class="wikilink">(?P<label>[^<]*)</a>'
)


@dataclass
class ReferenceEntry:
    number: int
    source: object
    citation: object
    markers: list

    @property
    def anchor(self):
        return f"cite-note-{self.number}"


@dataclass
class InfoboxRow:
    label: str
    value_html: str
    as_of: object = None


@dataclass
class ProfilePage:
    lead_html: str
    body_html: str
    toc: list
    infobox: list
    types: list
    references: list = field(default_factory=list)
    unused_citations: list = field(default_factory=list)


def missing_profile_slugs(slugs):
    """The slugs, among these, that no published profile answers to (now or formerly)."""
    slugs = set(slugs)
    if not slugs:
        return set()
    found = (
        Profile.objects.published()
        .filter(Q(slug__in=slugs) | Q(former_slugs__slug__in=slugs))
        .values_list("slug", "former_slugs__slug")
    )
    return slugs - {slug for pair in found for slug in pair}


def mark_missing_links(html_fragments):
    """Point links to profiles that do not exist yet at the tip form, with the name filled in.

    Stored HTML links every [[Name]] to its profile address; whether that profile exists is
    decided here, at view time, so creating a profile never has to re-render the ones linking
    to it.
    """
    slugs = {m["slug"] for fragment in html_fragments for m in WIKILINK_HTML_RE.finditer(fragment)}
    missing = missing_profile_slugs(slugs)
    if not missing:
        return [mark_safe(fragment) for fragment in html_fragments]
    tip_url = reverse("editorial:tip_new")

    def replace(match):
        if match["slug"] not in missing:
            return match[0]
        name = html.unescape(match["label"])
        href = f"{tip_url}?{urlencode({'name': name})}"
        return (
            f'<a href="{escape(href)}" class="wikilink wikilink-missing" rel="nofollow" '
            f'title="No profile yet: tip us about it">{match["label"]}</a>'
        )

    # The fragments were sanitized when stored; only our own links are rewritten.
    return [mark_safe(WIKILINK_HTML_RE.sub(replace, fragment)) for fragment in html_fragments]


def nested_toc(toc):
    """The table of contents as sections, each with its sub-sections as children."""
    sections = []
    for entry in toc:
        if entry["level"] > 2 and sections:
            sections[-1]["children"].append(entry)
        else:
            sections.append({**entry, "children": []})
    return sections


def reference_entries(references, citations):
    citations_by_key = {citation.key: citation for citation in citations}
    entries = []
    for reference in references:
        citation = citations_by_key.get(reference["markers"][0]["key"])
        if citation is None:
            continue
        entries.append(
            ReferenceEntry(reference["number"], citation.source, citation, reference["markers"])
        )
    return entries


def profile_page(profile, *, types, facts, citations):
    """Assemble the page of a profile from its stored rendering, facts and citations."""
    fact_html = [fact.value_html for fact in facts]
    lead_html, body_html, *fact_html = mark_missing_links(
        [profile.lead_html, profile.body_html, *fact_html]
    )
    used_keys = {m["key"] for reference in profile.references for m in reference["markers"]}
    return ProfilePage(
        lead_html=lead_html,
        body_html=body_html,
        toc=nested_toc(profile.toc),
        infobox=[
            InfoboxRow(fact.label.name, html, fact.as_of)
            for fact, html in zip(facts, fact_html, strict=True)
        ],
        types=types,
        references=reference_entries(profile.references, citations),
        unused_citations=[c.key for c in citations if c.key not in used_keys],
    )


@dataclass
class PageCitation:
    """ "Cite this page": the permanent link of one revision and a citation line to copy."""

    revision_id: int
    date: object
    url: str
    line: str


def cite_this_page(request, *, name, slug, revision):
    """How to cite a profile as it was at a revision, with an absolute permanent link."""
    url = request.build_absolute_uri(reverse("profiles:revision", args=[slug, revision.pk]))
    day = date_format(localtime(revision.date_created), "F j, Y")
    line = _("“%(name)s.” Sourcebook. Revision %(number)s, %(date)s. %(url)s") % {
        "name": name,
        "number": revision.pk,
        "date": day,
        "url": url,
    }
    return PageCitation(revision.pk, revision.date_created, url, line)
