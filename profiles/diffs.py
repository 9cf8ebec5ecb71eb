"""Differences between two states of a profile that a person can read.

- Fields and infobox rows: a table of the rows that changed, old and new side by side, with
  the changed words marked.
- Lead and body: aligned paragraph by paragraph; inside a changed paragraph the changed words
  are marked (diff-match-patch over word tokens, with its semantic clean-up). Unchanged
  paragraphs are shown only next to a change; the rest are counted.
- Citations: each one added, removed or changed is listed as such, with what changed.

``diff_snapshots(old, new)`` compares two ``ProfileSnapshot``;
``templates/profiles/_diff.html`` renders the result given as ``diff``. The history pages use
both, and so does the review of a suggestion (a suggestion against the current profile).
Everything here is plain text: the template escapes it and adds the ``<ins>``/``<del>``.
"""

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from profiles.connections import relationships_of
from profiles.markup import MARKER_RE
from profiles.models import text_size

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
DMP_OPS = {0: EQUAL, 1: INSERT, -1: DELETE}

# Two paragraphs this similar (by words) are shown as one changed paragraph, not as one
# removed and one added.
PAIRING_THRESHOLD = 0.4
# Beyond this many paragraph pairs in one changed block, pair paragraphs in order instead of
# comparing every pair (a rewrite of a whole long text).
MAX_PAIRINGS = 2500
# Tokens are diffed as single characters from Unicode's supplementary private use area.
TOKEN_BASE, MAX_TOKENS = 0xF0000, 0xFFFFD - 0xF0000
TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    """A run of text that is unchanged, inserted or deleted."""

    op: str
    text: str


@dataclass
class TextRow:
    """One row of a text diff.

    ``kind`` is "changed" (a paragraph edited in place), "added", "removed", "context" (an
    unchanged paragraph next to a change) or "skipped" (``skipped`` unchanged paragraphs not
    shown). ``old`` and ``new`` are the segments of each side.
    """

    kind: str
    old: list = field(default_factory=list)
    new: list = field(default_factory=list)
    skipped: int = 0


@dataclass
class ChangedValue:
    """A changed field or infobox row: its label and the segments of each side."""

    label: str
    old: list
    new: list


@dataclass
class CitationChange:
    """A citation added, removed or changed (``kind``), with the changed details."""

    kind: str
    key: str
    old: dict | None
    new: dict | None
    changes: list = field(default_factory=list)  # ChangedValue for a changed citation


@dataclass
class RelationshipChange:
    """A connection added, removed or changed (``kind``), as the profile's page reads it."""

    kind: str
    label: str
    other: str
    old: dict | None
    new: dict | None
    changes: list = field(default_factory=list)  # ChangedValue for a changed connection


@dataclass
class ProfileDiff:
    fields: list = field(default_factory=list)
    infobox: list = field(default_factory=list)
    lead: list = field(default_factory=list)
    body: list = field(default_factory=list)
    citations: list = field(default_factory=list)
    relationships: list = field(default_factory=list)

    @property
    def has_changes(self):
        return bool(
            self.fields
            or self.infobox
            or self.lead
            or self.body
            or self.citations
            or self.relationships
        )


# Snapshots ----------------------------------------------------------------------------------


@dataclass
class ProfileSnapshot:
    """What readers compare between two states of a profile: the live one, an old revision
    (profiles.revisions), or (in editorial) a suggestion."""

    name: str
    slug: str
    category: str
    location: str
    types: list  # type names, sorted
    aliases: str
    lead: str
    body: str
    published: bool
    facts: list  # (label, value, as_of) in infobox order
    citations: list  # {key, source_id, source_title, source_url, accessed, pinpoint}, by key
    relationships: list = field(default_factory=list)  # relationship_entry(), by id
    # {marker key: the reference number readers see}, from the stored reference list
    reference_numbers: dict = field(default_factory=dict)

    @property
    def size(self):
        return text_size(self.lead, self.body, [value for _label, value, _as_of in self.facts])


def citation_entry(citation, source):
    return {
        "key": citation.key,
        "source_id": citation.source_id,
        "source_title": source.title,
        "source_url": source.url,
        "accessed": citation.accessed,
        "pinpoint": citation.pinpoint,
    }


def relationship_entry(profile, relationship):
    """A connection as the profile sees it, for comparing two states: its label on this side,
    the other profile, and the details a reader sees."""
    side = relationship.side_of(profile)
    return {
        "id": relationship.pk,
        "label": relationship.type.label_for(side),
        "other": relationship.other(profile).name,
        "role": relationship.role,
        "start": relationship.start_display,
        "end": relationship.end_display,
        "current": relationship.is_current,
        "amount": str(relationship.amount) if relationship.amount is not None else "",
        "sources": sorted(c.source.title for c in relationship.citations.all()),
    }


def reference_numbers(references):
    """{marker key: reference number} of a stored reference list (Profile.references)."""
    return {
        marker["key"]: reference["number"]
        for reference in references or ()
        for marker in reference["markers"]
    }


def as_readers_see_it(snapshot):
    """The snapshot with its markers as readers see them, [1] for [^ocr], in the lead, the
    body and the infobox: for the public history's diffs (editors' diffs keep the keys)."""

    def numbered(text):
        def number(match):
            found = snapshot.reference_numbers.get(match[1])
            return f"[{found}]" if found else match[0]

        return MARKER_RE.sub(number, text or "")

    return replace(
        snapshot,
        lead=numbered(snapshot.lead),
        body=numbered(snapshot.body),
        facts=[(label, numbered(value), as_of) for label, value, as_of in snapshot.facts],
        citations=[
            {**citation, "number": snapshot.reference_numbers.get(citation["key"])}
            for citation in snapshot.citations
        ],
    )


def snapshot_of_profile(profile):
    """The live profile as a snapshot (a few queries: types, facts, citations, connections)."""

    return ProfileSnapshot(
        name=profile.name,
        slug=profile.slug,
        category=profile.category.name,
        location=profile.location,
        types=sorted(profile_type.name for profile_type in profile.types.all()),
        aliases=profile.aliases,
        lead=profile.lead,
        body=profile.body,
        published=profile.published,
        facts=[(f.label.name, f.value, f.as_of) for f in profile.facts.select_related("label")],
        citations=[
            citation_entry(citation, citation.source)
            for citation in profile.citations.select_related("source")
        ],
        relationships=[
            relationship_entry(profile, relationship)
            for relationship in sorted(relationships_of(profile), key=lambda r: r.pk)
        ],
        reference_numbers=reference_numbers(profile.references),
    )


def empty_snapshot():
    """A profile with nothing in it: what the first revision is compared with."""
    return ProfileSnapshot(
        name="",
        slug="",
        category="",
        location="",
        types=[],
        aliases="",
        lead="",
        body="",
        published=False,
        facts=[],
        citations=[],
    )


# Words ------------------------------------------------------------------------------------


def merge_segments(pairs):
    segments = []
    for op, text in pairs:
        if not text:
            continue
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))
    return segments


def diff_words(old, new):
    """The segments of each side of a word-level diff: (old side, new side)."""
    if old == new:
        return [Segment(EQUAL, old)] if old else [], [Segment(EQUAL, new)] if new else []
    dmp = diff_match_patch()
    old_tokens, new_tokens = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    vocabulary = list(dict.fromkeys(old_tokens + new_tokens))
    if len(vocabulary) > MAX_TOKENS:  # more distinct words than codes: diff characters
        diffs = dmp.diff_main(old, new)
        dmp.diff_cleanupSemantic(diffs)
    else:
        # Each word (or run of spaces, or punctuation mark) becomes one character, so the
        # diff and its semantic clean-up work on whole words; then the words are spelled out.
        codes = {token: chr(TOKEN_BASE + index) for index, token in enumerate(vocabulary)}
        diffs = dmp.diff_main(
            "".join(codes[t] for t in old_tokens), "".join(codes[t] for t in new_tokens), False
        )
        dmp.diff_cleanupSemantic(diffs)
        diffs = [(op, "".join(vocabulary[ord(c) - TOKEN_BASE] for c in text)) for op, text in diffs]
    ops = [(DMP_OPS[op], text) for op, text in diffs]
    return (
        merge_segments((op, text) for op, text in ops if op != INSERT),
        merge_segments((op, text) for op, text in ops if op != DELETE),
    )


def words(text):
    return [token for token in TOKEN_RE.findall(text) if not token.isspace()]


def similarity(old, new):
    matcher = SequenceMatcher(None, words(old), words(new), autojunk=False)
    if matcher.real_quick_ratio() < PAIRING_THRESHOLD or matcher.quick_ratio() < PAIRING_THRESHOLD:
        return 0.0
    return matcher.ratio()


# Paragraphs ---------------------------------------------------------------------------------


def paragraphs(text):
    """The text's paragraphs: blocks between blank lines, line endings normalized."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n\s*", text)]


def pair_block(olds, news):
    """Align a block of replaced paragraphs: [(old or None, new or None)] in reading order.

    Keeps the order of both sides and pairs the paragraphs that are most alike, so that an
    edited paragraph is shown as changed even when paragraphs were added around it.
    """
    if len(olds) * len(news) > MAX_PAIRINGS:
        return [
            (olds[i] if i < len(olds) else None, news[i] if i < len(news) else None)
            for i in range(max(len(olds), len(news)))
        ]
    rows, cols = len(olds), len(news)
    score = [[similarity(o, n) for n in news] for o in olds]
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            paired = best[i + 1][j + 1] + score[i][j] if score[i][j] >= PAIRING_THRESHOLD else 0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    pairs, i, j = [], 0, 0
    while i < rows or j < cols:
        if i < rows and j < cols and score[i][j] >= PAIRING_THRESHOLD:
            if best[i][j] == best[i + 1][j + 1] + score[i][j]:
                pairs.append((olds[i], news[j]))
                i, j = i + 1, j + 1
                continue
        if i < rows and (j == cols or best[i][j] == best[i + 1][j]):
            pairs.append((olds[i], None))
            i += 1
        else:
            pairs.append((None, news[j]))
            j += 1
    return pairs


def align_paragraphs(olds, news):
    matcher = SequenceMatcher(None, olds, news, autojunk=False)
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(olds[i1:i2], news[j1:j2], strict=True))
        elif tag == "delete":
            pairs.extend((old, None) for old in olds[i1:i2])
        elif tag == "insert":
            pairs.extend((None, new) for new in news[j1:j2])
        else:
            pairs.extend(pair_block(olds[i1:i2], news[j1:j2]))
    return pairs


def with_context(rows, context):
    """Keep ``context`` unchanged paragraphs on each side of a change; count the others."""
    changed = [index for index, row in enumerate(rows) if row.kind != "context"]
    keep = {
        index for position in changed for index in range(position - context, position + context + 1)
    }
    result = []
    for index, row in enumerate(rows):
        if row.kind != "context" or index in keep:
            result.append(row)
        elif result and result[-1].kind == "skipped":
            result[-1].skipped += 1
        else:
            result.append(TextRow("skipped", skipped=1))
    return result


def diff_text(old, new, *, context=1):
    """A paragraph-aligned, word-level diff of one text, as a list of TextRow.

    Returns [] when the texts have the same paragraphs (line endings and blank lines between
    paragraphs do not count).
    """
    olds, news = paragraphs(old), paragraphs(new)
    if olds == news:
        return []
    rows = []
    for old_paragraph, new_paragraph in align_paragraphs(olds, news):
        if new_paragraph is None:
            rows.append(TextRow("removed", old=[Segment(DELETE, old_paragraph)]))
        elif old_paragraph is None:
            rows.append(TextRow("added", new=[Segment(INSERT, new_paragraph)]))
        elif old_paragraph == new_paragraph:
            rows.append(
                TextRow("context", [Segment(EQUAL, old_paragraph)], [Segment(EQUAL, new_paragraph)])
            )
        else:
            rows.append(TextRow("changed", *diff_words(old_paragraph, new_paragraph)))
    return with_context(rows, context)


# Profiles -----------------------------------------------------------------------------------


def field_change(label, old, new):
    """A ChangedValue for two values as text, or None when they are equal."""
    if old == new:
        return None
    if not old:
        return ChangedValue(label, [], [Segment(INSERT, new)])
    if not new:
        return ChangedValue(label, [Segment(DELETE, old)], [])
    return ChangedValue(label, *diff_words(old, new))


def readable_date(value):
    return date_format(value, "F j, Y") if value else ""


def fact_text(value, as_of):
    if as_of:
        return _("%(value)s (as of %(date)s)") % {"value": value, "date": readable_date(as_of)}
    return value


def yes_no(value):
    return _("Yes") if value else _("No")


def alias_text(aliases):
    return ", ".join(line.strip() for line in (aliases or "").splitlines() if line.strip())


def diff_fields(old, new):
    pairs = [
        (_("Name"), old.name, new.name),
        (_("Address (slug)"), old.slug, new.slug),
        (_("Category"), old.category, new.category),
        (_("Location"), old.location, new.location),
        (_("Type"), ", ".join(old.types), ", ".join(new.types)),
        (_("Also known as"), alias_text(old.aliases), alias_text(new.aliases)),
        (_("Published"), yes_no(old.published), yes_no(new.published)),
    ]
    return [change for change in (field_change(*pair) for pair in pairs) if change]


def keyed_facts(facts):
    """Facts keyed by (label, n-th use of that label), so repeated labels pair up in order."""
    seen, keyed = {}, {}
    for label, value, as_of in facts:
        seen[label] = seen.get(label, 0) + 1
        keyed[(label, seen[label])] = fact_text(value, as_of)
    return keyed


def diff_infobox(old_facts, new_facts):
    old, new = keyed_facts(old_facts), keyed_facts(new_facts)
    keys = list(new) + [key for key in old if key not in new]
    changes = [field_change(key[0], old.get(key, ""), new.get(key, "")) for key in keys]
    changes = [change for change in changes if change]
    old_order, new_order = [f[0] for f in old_facts], [f[0] for f in new_facts]
    if not changes and old_order != new_order:
        changes.append(
            field_change(_("Order of rows"), " · ".join(old_order), " · ".join(new_order))
        )
    return changes


def source_text(citation):
    return " — ".join(part for part in (citation["source_title"], citation["source_url"]) if part)


def diff_citation(old, new):
    if old["source_id"] != new["source_id"]:
        details = [(_("Source"), source_text(old), source_text(new))]
    else:
        details = [
            (_("Source title"), old["source_title"], new["source_title"]),
            (_("Source address"), old["source_url"], new["source_url"]),
        ]
    details += [
        (_("Accessed"), readable_date(old["accessed"]), readable_date(new["accessed"])),
        (_("Pinpoint"), old["pinpoint"], new["pinpoint"]),
    ]
    return [change for change in (field_change(*detail) for detail in details) if change]


def diff_citations(old_citations, new_citations):
    old = {citation["key"]: citation for citation in old_citations}
    new = {citation["key"]: citation for citation in new_citations}
    changes = []
    for key in sorted(old.keys() | new.keys()):
        if key not in old:
            changes.append(CitationChange("added", key, None, new[key]))
        elif key not in new:
            changes.append(CitationChange("removed", key, old[key], None))
        else:
            details = diff_citation(old[key], new[key])
            if details:
                changes.append(CitationChange("changed", key, old[key], new[key], details))
    return changes


def diff_relationship(old, new):
    details = [
        (_("Connection"), f"{old['label']}: {old['other']}", f"{new['label']}: {new['other']}"),
        (_("Role"), old["role"], new["role"]),
        (_("From"), old["start"], new["start"]),
        (_("Until"), old["end"], new["end"]),
        (_("Still so today"), yes_no(old["current"]), yes_no(new["current"])),
        (_("Amount"), old["amount"], new["amount"]),
        (_("Sources"), "; ".join(old["sources"]), "; ".join(new["sources"])),
    ]
    return [change for change in (field_change(*detail) for detail in details) if change]


def diff_relationships(old_relationships, new_relationships):
    old = {entry["id"]: entry for entry in old_relationships}
    new = {entry["id"]: entry for entry in new_relationships}
    changes = []
    for pk in sorted(old.keys() | new.keys()):
        before, after = old.get(pk), new.get(pk)
        shown = after or before
        if before is None:
            changes.append(RelationshipChange("added", shown["label"], shown["other"], None, after))
        elif after is None:
            changes.append(
                RelationshipChange("removed", shown["label"], shown["other"], before, None)
            )
        elif details := diff_relationship(before, after):
            changes.append(
                RelationshipChange(
                    "changed", shown["label"], shown["other"], before, after, details
                )
            )
    return changes


def diff_snapshots(old, new):
    """What changed from one ProfileSnapshot to another, as a ProfileDiff."""
    return ProfileDiff(
        fields=diff_fields(old, new),
        infobox=diff_infobox(old.facts, new.facts),
        lead=diff_text(old.lead, new.lead),
        body=diff_text(old.body, new.body),
        citations=diff_citations(old.citations, new.citations),
        relationships=diff_relationships(old.relationships, new.relationships),
    )
