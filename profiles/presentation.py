"""What a profile page shows, built from stored HTML and rows, for the live profile or an old
revision alike (an old revision passes the facts, citations and relationships it had)."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from profiles.connections import connection_groups
from profiles.ego_network import ego_network_svg
from profiles.finances import REVENUE_LABEL as REVENUE
from profiles.finances import filing_marker_keys, finances
from profiles.identifiers import identifiers_of
from profiles.markup import find_wikilinks
from profiles.models import Profile
from profiles.templatetags.sentences import sentence


@dataclass
class ReferenceEntry:
    """One entry of the reference list: a source and each marker citing it, with that use's
    citation (a Citation or a RelationshipCitation: its pinpoint and accessed date)."""

    number: int
    source: object
    markers: list  # [{"anchor", "letter", "key", "use"}]

    @property
    def anchor(self):
        return f"cite-note-{self.number}"

    @property
    def citation(self):
        """The first use: what the entry says when every use reads alike."""
        return self.markers[0]["use"]

    @property
    def pinpoint(self):
        """The pinpoint every use shares, for the entry itself ("" when they differ)."""
        return self.shared("pinpoint") or ""

    @property
    def accessed(self):
        """The accessed date every use shares, for the entry itself (None when they differ)."""
        return self.shared("accessed")

    @property
    def uses_differ(self):
        """Whether the back-links carry each use's own pinpoint or accessed date, as
        Wikipedia's {{rp}} does."""
        return self.pinpoints_differ or self.accessed_differ

    @property
    def pinpoints_differ(self):
        return self.differs("pinpoint")

    @property
    def accessed_differ(self):
        return self.differs("accessed")

    def differs(self, name):
        return len(self.values_of(name)) > 1

    def values_of(self, name):
        values = {getattr(marker["use"], name) for marker in self.markers}
        if name == "accessed":
            # A use that gives no date says nothing against the others' date.
            values.discard(None)
        return values

    @property
    def backlink_groups(self):
        """The back-links in runs that read alike: [{"markers", "pinpoint", "accessed"}], where
        pinpoint and accessed are the run's own (blank when every use shares them, since the
        entry says those once). "a b c: p. 4 d: p. 9" rather than "a: p. 4 b: p. 4 c: p. 4"."""
        groups = []
        for marker in self.markers:
            use = marker["use"]
            pinpoint = use.pinpoint if self.pinpoints_differ else ""
            accessed = use.accessed if self.accessed_differ else None
            if groups and (groups[-1]["pinpoint"], groups[-1]["accessed"]) == (pinpoint, accessed):
                groups[-1]["markers"].append(marker)
            else:
                groups.append({"markers": [marker], "pinpoint": pinpoint, "accessed": accessed})
        return groups

    def shared(self, name):
        values = self.values_of(name)
        return values.pop() if len(values) == 1 else None


@dataclass
class InfoboxRow:
    label: str
    value_html: str
    as_of: object = None
    connection: object = None  # a profiles.connections.Connection shown as the value


@dataclass
class ProfilePage:
    lead_html: str
    body_html: str
    toc: list
    infobox: list
    types: list
    references: list = field(default_factory=list)
    unused_citations: list = field(default_factory=list)
    connections: list = field(default_factory=list)  # profiles.connections.ConnectionGroup
    connections_svg: str = ""
    identifiers: list = field(default_factory=list)  # profiles.identifiers.Identifier
    finances: object = None  # profiles.finances.Finances


def missing_stored_links(profile):
    """The live profile's wiki links to profiles not written yet, from its stored Mention rows:
    {slug: name}. One query."""
    return dict(profile.mentions.unanswered().values_list("target_slug", "target_name"))


def missing_text_links(profile, facts):
    """The same for an old revision, which has no Mention rows: from the links in its texts."""
    mentions = {}
    for text in (profile.lead, *(fact.value for fact in facts), profile.body):
        for slug, name in find_wikilinks(text):
            mentions.setdefault(slug, name)
    if not mentions:
        return {}
    answered = Profile.objects.published().answered_slugs(mentions)
    return {slug: name for slug, name in mentions.items() if slug not in answered}


def mark_missing_links(html_fragments, missing):
    """Point links to profiles that do not exist yet at the tip form, with the name filled in.

    Stored HTML links every [[Name]] to its profile address; whether that profile exists is
    decided here, at view time, so creating a profile never has to re-render the ones linking
    to it. ``missing`` maps the missing slugs to their names.
    """
    tip_url = reverse("editorial:tip_new")
    fragments = list(html_fragments)
    for slug, name in missing.items():
        # The link exactly as profiles.markup renders it; the fragments were sanitized when
        # stored, and only our own links are rewritten.
        link = f'<a href="{reverse("profiles:detail", args=[slug])}" class="wikilink">'
        href = f"{tip_url}?{urlencode({'name': name})}"
        missing_link = (
            f'<a href="{escape(href)}" class="wikilink wikilink-missing" rel="nofollow" '
            f'title="{escape(_("No profile yet: tip us about it"))}">'
        )
        fragments = [fragment.replace(link, missing_link) for fragment in fragments]
    return [mark_safe(fragment) for fragment in fragments]


def with_section_edit_links(body_html, toc, suggest_url):
    """The body with an "[edit]" link beside each section and sub-section heading, to the form
    that suggests an edit to just that part.

    The stored HTML writes each heading as ``<h2 id="anchor">...</h2>`` (``<h3>`` for a
    sub-section; profiles.markup); the link goes beside the heading, not inside it, so the
    heading's name stays the section's.
    """
    for entry in toc:
        if entry["level"] not in (2, 3):
            continue
        tag = f"h{entry['level']}"
        anchor = escape(entry["anchor"])
        href = escape(f"{suggest_url}?{urlencode({'section': entry['anchor']})}")
        link = (
            f'<span class="section-edit">[<a href="{href}">{escape(_("edit"))}'
            f'<span class="visually-hidden">: {escape(entry["title"])}</span></a>]</span>'
        )
        body_html = re.sub(
            rf'(<{tag} id="{re.escape(anchor)}">.*?</{tag}>)',
            lambda match, link=link: f'<div class="section-heading">{match[1]}{link}</div>',
            body_html,
            count=1,
            flags=re.DOTALL,
        )
    # The stored HTML was sanitized when saved; only our own escaped links were added.
    return mark_safe(body_html)


def nested_toc(toc):
    """The table of contents as sections, each with its sub-sections as children."""
    sections = []
    for entry in toc:
        if entry["level"] > 2 and sections:
            sections[-1]["children"].append(entry)
        else:
            sections.append({**entry, "children": []})
    return sections


def reference_entries(references, citations, relationships=(), filings=()):
    """The stored reference entries with the citation behind each marker: a profile's own
    citations by key, its connections' citations and its filings by their marker keys."""
    uses = {citation.key: citation for citation in citations}
    for relationship in relationships:
        for citation in relationship.citations.all():
            uses[citation.marker_key] = citation
    for filing in filings:
        uses.update(dict.fromkeys(filing_marker_keys(filing), filing))
    entries = []
    for reference in references:
        markers = [
            {**marker, "use": uses[marker["key"]]}
            for marker in reference["markers"]
            if marker["key"] in uses
        ]
        if markers:
            entries.append(ReferenceEntry(reference["number"], markers[0]["use"].source, markers))
    return entries


def profile_page(
    profile,
    *,
    types,
    facts,
    citations,
    relationships=(),
    filings=(),
    missing,
    section_edit_url=None,
):
    """Assemble the page of a profile from its stored rendering, facts, citations,
    relationships and filings (oldest first).

    ``missing`` maps its links to profiles not written yet to their names:
    missing_stored_links() for the live profile, missing_text_links() for an old revision.
    ``section_edit_url``, the suggestion form's address, puts an "[edit]" link beside each
    section's heading (the live, published profile only).
    """
    fact_html = [fact.value_html for fact in facts]
    lead_html, body_html, *fact_html = mark_missing_links(
        [profile.lead_html, profile.body_html, *fact_html], missing
    )
    used_keys = {m["key"] for reference in profile.references for m in reference["markers"]}
    groups = connection_groups(profile, relationships)
    by_relationship = {c.relationship.pk: c for group in groups for c in group.connections}
    if section_edit_url:
        body_html = with_section_edit_links(body_html, profile.toc, section_edit_url)
    money = finances(profile, filings)
    return ProfilePage(
        lead_html=lead_html,
        body_html=body_html,
        toc=nested_toc(profile.toc),
        infobox=with_latest_revenue(
            [
                InfoboxRow(
                    fact.label.name, html, fact.as_of, by_relationship.get(fact.relationship_id)
                )
                for fact, html in zip(facts, fact_html, strict=True)
                if html or fact.relationship_id in by_relationship or fact.label.name == REVENUE
            ],
            money,
        ),
        types=types,
        references=reference_entries(profile.references, citations, relationships, filings),
        unused_citations=[c.key for c in citations if c.key not in used_keys],
        connections=groups,
        # Escaped by ego_network_svg, which writes only numbers and escaped names.
        connections_svg=mark_safe(ego_network_svg(profile, groups)) if groups else "",
        identifiers=identifiers_of(profile),
        finances=money,
    )


def with_latest_revenue(rows, money):
    """The infobox rows with the latest filing's revenue in the place of a "Revenue" row
    typed by hand (or at the end); without filings, the typed row as it is (or none)."""
    revenue = money.infobox_row() if money.latest else None
    shown = []
    for row in rows:
        if row.label == REVENUE and revenue is not None:
            shown.append(InfoboxRow(row.label, *revenue))
            revenue = None
        elif row.value_html or row.connection:
            shown.append(row)
    if revenue is not None:
        shown.append(InfoboxRow(REVENUE, *revenue))
    return shown


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
    # The name as a sentence: "“Evo!” Sourcebook.", never "“Evo!.”".
    line = _("“%(name)s” Sourcebook. Revision %(number)s, %(date)s. %(url)s") % {
        "name": sentence(name),
        "number": revision.pk,
        "date": day,
        "url": url,
    }
    return PageCitation(revision.pk, revision.date_created, url, line)
