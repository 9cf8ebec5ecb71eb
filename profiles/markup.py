"""Sourcebook markup: CommonMark plus citation markers and wiki links.

- ``[^key]`` cites the profile's citation with that key. References are numbered per source,
  by first appearance across the lead, the infobox and the body; each marker gets a back-link
  letter (a, b, c, ...) in its reference entry.
- ``[[Name]]`` or ``[[slug|label]]`` links to another profile.
- ``##`` and ``###`` headings get stable anchors and make the table of contents.

Raw HTML in the input is shown as text (markdown-it with ``html=False``) and the output is
sanitized again with nh3, so a mistake in one layer does not become a script on a page.
"""

import re
import string
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import ngettext
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

MARKER_RE = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
WIKILINK_RE = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")

# Anchors the page itself uses; a heading with one of these names gets a suffix instead.
RESERVED_ANCHORS = {"content", "infobox", "contents", "references", "mentioned-in", "top"}

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3",
    "h4", "h5", "h6", "hr", "br", "sup", "s", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "class", "rel", "title", "id"},
    "sup": {"id", "class"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
EXTERNAL_REL = "nofollow ugc noopener"


@dataclass
class Reference:
    """One entry of the reference list: a source and every marker that cites it."""

    number: int
    source_id: int
    markers: list = field(default_factory=list)  # [{"anchor", "letter", "key"}]

    @property
    def anchor(self):
        return f"cite-note-{self.number}"

    def as_json(self):
        return {"number": self.number, "source_id": self.source_id, "markers": self.markers}


@dataclass
class RenderedProfile:
    lead_html: str
    body_html: str
    fact_html: list
    toc: list
    references: list
    mentions: dict  # slug -> the name the link used
    unknown_keys: list
    unused_keys: list


def backlink_letter(index):
    """0 -> a, 25 -> z, 26 -> aa, like MediaWiki's back-links."""
    letters = string.ascii_lowercase
    result = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        result = letters[remainder] + result
    return result


def find_marker_keys(text):
    return MARKER_RE.findall(text or "")


def find_wikilinks(text):
    """Yield (slug, name) for each [[...]] link in the text."""
    for target, label in WIKILINK_RE.findall(text or ""):
        slug = slugify(target)
        if slug:
            yield slug, (label or target).strip()


def unknown_marker_keys(texts, keys):
    """Keys used by markers in the texts that are not among the citation keys, in order."""
    keys = set(keys)
    seen = []
    for text in texts:
        for key in find_marker_keys(text):
            if key not in keys and key not in seen:
                seen.append(key)
    return seen


def marker_list(keys):
    """The keys written as the markers that cite them: "[^a], [^b]"."""
    return ", ".join(f"[^{key}]" for key in keys)


def check_markers(texts, keys, *, advice=None):
    """Raise a ValidationError naming every marker in the texts that cites none of the keys.

    This is the one marker check: the profile services, the admin, the contributors' forms and
    the review desk all call it. ``advice`` is an optional pair of sentences (one marker, several
    markers) that tell the reader of that page what to do.
    """
    unknown = unknown_marker_keys(texts, keys)
    if not unknown:
        return
    message = ngettext(
        "The marker %(markers)s does not match any citation of this profile.",
        "The markers %(markers)s do not match any citation of this profile.",
        len(unknown),
    ) % {"markers": marker_list(unknown)}
    if advice:
        message = f"{message} {advice[0] if len(unknown) == 1 else advice[1]}"
    raise ValidationError(message, code="unknown_marker")


def unused_citation_keys(texts, keys):
    used = {key for text in texts for key in find_marker_keys(text)}
    return sorted(set(keys) - used)


# Inline rules -------------------------------------------------------------------------------


def citation_marker_rule(state: StateInline, silent: bool):
    if not state.src.startswith("[^", state.pos):
        return False
    match = MARKER_RE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation_marker", "", 0)
        token.meta = {"key": match.group(1)}
    state.pos = match.end()
    return True


def wikilink_rule(state: StateInline, silent: bool):
    if not state.src.startswith("[[", state.pos):
        return False
    match = WIKILINK_RE.match(state.src, state.pos)
    if not match or not slugify(match.group(1)):
        return False
    if not silent:
        target, label = match.group(1), match.group(2)
        token = state.push("wikilink", "", 0)
        token.meta = {"slug": slugify(target), "label": (label or target).strip()}
    state.pos = match.end()
    return True


def render_citation_marker(renderer, tokens, idx, options, env):
    key = tokens[idx].meta["key"]
    source_id = env["citations"].get(key)
    if source_id is None:
        return f'<sup class="reference reference-unknown">[{escape(key)}?]</sup>'
    reference, anchor = add_marker(env["references"], key, source_id)
    return (
        f'<sup class="reference" id="{anchor}">'
        f'<a href="#{reference.anchor}">[{reference.number}]</a></sup>'
    )


def add_marker(references, key, source_id):
    """Count one marker citing the source: its reference entry (new when the source is not cited
    yet) and the marker's own anchor, for the back-link."""
    reference = references.get(source_id)
    if reference is None:
        reference = references[source_id] = Reference(len(references) + 1, source_id)
    letter = backlink_letter(len(reference.markers))
    anchor = f"cite-ref-{reference.number}-{letter}"
    reference.markers.append({"anchor": anchor, "letter": letter, "key": key})
    return reference, anchor


def render_wikilink(renderer, tokens, idx, options, env):
    slug, label = tokens[idx].meta["slug"], tokens[idx].meta["label"]
    env["mentions"].setdefault(slug, label)
    href = reverse("profiles:detail", args=[slug])
    return f'<a href="{href}" class="wikilink">{escape(label)}</a>'


def render_link_open(renderer, tokens, idx, options, env):
    token = tokens[idx]
    href = token.attrGet("href") or ""
    if urlsplit(href).scheme in {"http", "https"}:
        token.attrSet("rel", EXTERNAL_REL)
    return renderer.renderToken(tokens, idx, options, env)


def build_markdown():
    md = MarkdownIt("commonmark", {"html": False, "linkify": True})
    md.enable(["table", "strikethrough", "linkify"])
    md.disable("image")
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
    md.inline.ruler.before("link", "citation_marker", citation_marker_rule)
    md.add_render_rule("citation_marker", render_citation_marker)
    md.add_render_rule("wikilink", render_wikilink)
    md.add_render_rule("link_open", render_link_open)
    return md


MARKDOWN = build_markdown()


# Headings -----------------------------------------------------------------------------------


def heading_anchor(text, taken):
    base = slugify(text) or "section"
    if base in RESERVED_ANCHORS:
        base = f"{base}-section"
    anchor, counter = base, 2
    while anchor in taken:
        anchor, counter = f"{base}-{counter}", counter + 1
    taken.add(anchor)
    return anchor


def heading_text(inline_token):
    """The plain text of a heading, without markers and with link labels only."""
    text = MARKER_RE.sub("", inline_token.content)
    return WIKILINK_RE.sub(lambda m: (m.group(2) or m.group(1)).strip(), text).strip()


def prepare_headings(tokens, taken, toc):
    """Give h2/h3 stable ids and collect them; a # heading is shown as ## (one h1 a page)."""
    for index, token in enumerate(tokens):
        if token.type not in {"heading_open", "heading_close"}:
            continue
        level = max(int(token.tag[1]), 2)
        token.tag = f"h{level}"
        if token.type == "heading_open" and level <= 3:
            title = heading_text(tokens[index + 1])
            anchor = heading_anchor(title, taken)
            token.attrSet("id", anchor)
            toc.append({"level": level, "title": title, "anchor": anchor})


def body_sections(body):
    """The body's ## sections and ### sub-sections, in page order:
    [{"anchor", "title", "level", "start", "end"}] (line numbers; a section's range holds its
    sub-sections, a sub-section's ends at the next heading).

    Used to suggest an edit to one section or sub-section; anchors match the ones on the page.
    """
    tokens = MARKDOWN.parse(body or "")
    taken, toc, sections = set(), [], []
    prepare_headings(tokens, taken, toc)
    titles = {entry["anchor"]: entry["title"] for entry in toc}
    for token in tokens:
        if token.type == "heading_open" and token.tag in {"h2", "h3"} and token.map:
            anchor = token.attrGet("id")
            level = int(token.tag[1])
            sections.append(
                {"anchor": anchor, "title": titles[anchor], "level": level, "start": token.map[0]}
            )
    line_count = len((body or "").splitlines())
    for index, section in enumerate(sections):
        following = [s["start"] for s in sections[index + 1 :] if s["level"] <= section["level"]]
        section["end"] = following[0] if following else line_count
    return sections


# Rendering ----------------------------------------------------------------------------------


def sanitize(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def render_text(text, env, taken=None, toc=None):
    tokens = MARKDOWN.parse(text or "", env)
    prepare_headings(tokens, taken if taken is not None else set(), toc if toc is not None else [])
    return sanitize(MARKDOWN.renderer.render(tokens, MARKDOWN.options, env))


def render_inline(text, env):
    """Render a one-line value (an infobox fact) without the surrounding paragraph."""
    tokens = MARKDOWN.parseInline(text or "", env)
    return sanitize(MARKDOWN.renderer.render(tokens, MARKDOWN.options, env))


def render_profile(lead, body, fact_values, citations, connection_markers=()):
    """Render a profile's texts together so that references are numbered across all of them.

    ``citations`` maps each citation key to its source id. ``connection_markers`` are the
    (marker key, source id) pairs of the citations of its connections, in the order the page
    shows them after the body; they number into the same reference list. Returns the HTML, the
    table of contents, the reference entries and the validation findings.
    """
    env = {"citations": dict(citations), "references": {}, "mentions": {}}
    texts = [lead, *fact_values, body]
    lead_html = render_text(lead, env)
    fact_html = [render_inline(value, env) for value in fact_values]
    toc = []
    body_html = render_text(body, env, taken=set(), toc=toc)
    for key, source_id in connection_markers:
        add_marker(env["references"], key, source_id)
    return RenderedProfile(
        lead_html=lead_html,
        body_html=body_html,
        fact_html=fact_html,
        toc=toc,
        references=[reference.as_json() for reference in env["references"].values()],
        mentions=env["mentions"],
        unknown_keys=unknown_marker_keys(texts, citations),
        unused_keys=unused_citation_keys(texts, citations),
    )
