"""Three-way merge of prose, for applying a suggestion to a profile that changed since.

merge3 merges sequences of lines. Prose is one long line per paragraph, so we cut it finer:
every line, and every sentence within a line, is one unit, and joining the units gives the text
back exactly. Edits to different paragraphs (or to sentences apart from each other) then merge
cleanly; edits to the same sentence, or to neighbouring ones, are a conflict for the editor.
"""

import difflib
import re
from dataclasses import dataclass, field

import merge3
from django.utils.text import normalize_newlines

# A sentence ends at . ! or ? (maybe followed by a closing quote, bracket or citation markers)
# and the spaces after it, which stay with the sentence they follow.
SENTENCE_END_RE = re.compile(r"""[.!?]["'”’)\]]*(?:\[\^[A-Za-z0-9_-]+\])*[ \t]+""")

CONFLICT_START = "<<<<<<< The profile now"
CONFLICT_MIDDLE = "======= The suggestion"
CONFLICT_END = ">>>>>>> End of conflict"
CONFLICT_MARKERS = (CONFLICT_START, CONFLICT_MIDDLE, CONFLICT_END)


@dataclass
class Conflict:
    base: str
    ours: str
    theirs: str

    def chosen(self, how, text=""):
        """The passage as the editor resolved it, keeping the line or sentence break that
        followed it, so that it joins the text around it as the two versions did."""
        if how == KEEP_OURS:
            return self.ours
        if how == KEEP_THEIRS:
            return self.theirs
        ending = trailing_space(self.theirs) or trailing_space(self.ours)
        text = normalize_newlines(text or "").strip()
        return text + ending if text else ""


def trailing_space(text):
    return text[len(text.rstrip()) :]


# How an editor resolves one conflict on the review page.
KEEP_OURS, KEEP_THEIRS, EDITED = "ours", "theirs", "edited"


@dataclass
class MergeResult:
    """The merged text; where the two sides disagree it holds both, between conflict markers.

    ``pieces`` is the same text in order, as strings that merged and the Conflict objects
    between them, so that each conflict can be resolved on its own (``resolved``).
    """

    text: str
    conflicts: list = field(default_factory=list)
    pieces: list = field(default_factory=list)

    @property
    def has_conflicts(self):
        return bool(self.conflicts)

    def resolved(self, choices):
        """The text with each conflict replaced by the editor's choice: one (how, text) pair
        per conflict, how being KEEP_OURS, KEEP_THEIRS or EDITED (then text is the editor's)."""
        if not self.conflicts:
            return self.text
        chosen = iter(choices)
        parts = []
        for piece in self.pieces:
            if isinstance(piece, Conflict):
                how, text = next(chosen)
                parts.append(piece.chosen(how, text))
            else:
                parts.append(piece)
        return normalize_text("".join(parts))


class ExactMatcher(difflib.SequenceMatcher):
    """difflib without the "popular element" heuristic, which would ignore the blank lines
    between paragraphs of a long text and so glue separate paragraphs into one conflict."""

    def __init__(self, isjunk=None, a="", b=""):
        super().__init__(isjunk, a, b, autojunk=False)


def split_units(text):
    """Cut text into lines and sentences; "".join(split_units(text)) == text."""
    units = []
    for line in text.splitlines(keepends=True):
        start = 0
        for match in SENTENCE_END_RE.finditer(line):
            units.append(line[start : match.end()])
            start = match.end()
        if start < len(line):
            units.append(line[start:])
    return units


def normalize_text(text):
    """Unix newlines and no whitespace around the text, the way forms and merges compare it."""
    return normalize_newlines(text or "").strip()


def merge_text(base, ours, theirs):
    """Merge the changes from base to theirs (a suggestion) into ours (the text now)."""
    base, ours, theirs = (normalize_text(t) for t in (base, ours, theirs))
    if ours == base or ours == theirs:
        return MergeResult(theirs, pieces=[theirs])
    if theirs == base:
        return MergeResult(ours, pieces=[ours])
    # Paragraph breaks around every text, so that a paragraph added at the start or the end
    # stays apart from an edit to the first or last paragraph.
    merger = merge3.Merge3(
        *(split_units(f"\n{text}\n\n") for text in (base, ours, theirs)),
        sequence_matcher=ExactMatcher,
    )
    pieces, conflicts, parts = [], [], []
    for group in merger.merge_groups():
        kind = group[0]
        if kind == "conflict":
            conflict = Conflict(*("".join(units) for units in group[1:]))
            conflicts.append(conflict)
            parts.append(conflict)
            if pieces and not pieces[-1].endswith("\n"):
                pieces.append("\n")
            pieces.append(conflict_block(conflict))
        else:
            pieces.append("".join(group[1]))
            parts.append("".join(group[1]))
    return MergeResult("".join(pieces).strip(), conflicts, parts)


def conflict_block(conflict):
    """Both versions of a passage, between markers the editor removes when resolving it."""

    def ended(text):
        return text if not text or text.endswith("\n") else text + "\n"

    return (
        f"{CONFLICT_START}\n{ended(conflict.ours)}{CONFLICT_MIDDLE}\n"
        f"{ended(conflict.theirs)}{CONFLICT_END}\n"
    )


def has_conflict_markers(text):
    return any(marker in (text or "") for marker in CONFLICT_MARKERS)
