"""A profile page saved as plain text, read into a ParsedPage.

The shape (a copy of a page of a profile encyclopedia, one paragraph a line):

    Non-profit                                   the category label
    Harbor Literacy Fund                         the name
    Location:                                    infobox rows: a label ending in ":" ...
    Riverton, Westmarch                          ... and its value on the next line
    Contact us with suggested edits ...          boilerplate, dropped
    The lead paragraphs. 1                       footnote numbers after a sentence's end
    Background                                   a heading: a short line without closing
    A paragraph. 2 3 The next sentence. 4        punctuation, followed by a paragraph
    References
      1. Authors. “Title.” Publication. Date. Accessed Date. URL.
    See an error? Let us know!                   dropped

Footnote numbers become ``[^key]`` markers of the entry's citation; entries whose URLs are the
same once normalized share one key and one source. A text copy cannot tell a section from a
sub-section, so every heading is a section unless ``subsections`` names it.

``parse_text_page`` is the whole job and touches no database: the importer and the editor's
"paste a page" both call it.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from profiles.importers.files import TEXT_SUFFIXES, find_files, read_text, subsections_for
from profiles.importers.parsed import (
    MAX_AUTHORS,
    MAX_PINPOINT,
    MAX_PUBLICATION,
    MAX_TITLE,
    MAX_URL,
    KeyMaker,
    PageItem,
    ParsedCitation,
    ParsedPage,
    ParsedReference,
    cut,
    escape_markdown,
    find_dates,
    guess_kind,
)
from profiles.urlnorm import readable_url

# Lines a page carries for its own readers, not part of the profile (case-insensitive).
DEFAULT_DROP_LINES = [
    r"^contact\b.{0,80}\bwith suggested edits\b",
    r"^see an error\?",
    r"^(suggest an edit|report an error|tip us about a new profile)\.?$",
]
REFERENCES_HEADINGS = {
    "references",
    "sources",
    "notes",
    "footnotes",
    "citations",
    "notes and references",
}

# A heading is a short line without closing punctuation.
HEADING_MAX_CHARS, HEADING_MAX_WORDS = 90, 12
CLOSING = ".,;:!?…"
QUOTES = "\"”’'»)]"
# A label line of the infobox ("Location:") and a one-line row ("Formation: 2004").
LABEL_RE = re.compile(r"^([^\s:.!?][^:.!?]{0,48}):$")
ROW_RE = re.compile(r"^([A-Z][^:.!?]{0,38}):\s+(\S.{0,150})$")
# Footnote numbers after a sentence's closing punctuation, before the next sentence or the end.
TRAILING_FOOTNOTES_RE = re.compile(rf"([.!?][{re.escape(QUOTES)}]{{0,3}})(?:\s+\d{{1,3}})+\s*$")
FOOTNOTES_AFTER_PUNCTUATION_RE = re.compile(
    rf"[.!?][{re.escape(QUOTES)}]{{0,3}}((?:\s+\d{{1,3}})+)(?=\s+(\S)|\s*$)"
)
BRACKETED_RE = re.compile(r"\[(\d{1,3})\]")
# Numbers ending a paragraph whose sentence has no closing punctuation ("... the camp 16").
UNPUNCTUATED_FOOTNOTES_RE = re.compile(r"(?<=[A-Za-z”\"’)\]:;,])((?:\s+\d{1,3})+)\s*$")
TRAILING_NUMBERS_RE = re.compile(r"(?:\s+\d{1,3})+\s*$")
# A list item as a page shows it: "• Item".
BULLET_RE = re.compile(r"^[•▪◦·‣–*-]\s+(\S.*)$")
# A reference entry: "1. ...", "1) ...", "[1] ...", "1 ...", "^ ...".
ENTRY_RE = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?|\^)\s+(\S.*)$")
BACKLINK_LETTERS_RE = re.compile(r"^(?:[a-z]{1,2}\s+)+(?=[A-Z“\"])")
URL_RE = re.compile(r"https?://[^\s<>\"“”]+", re.I)
ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.today", "archive.ph", "archive.is")
ARCHIVED_RE = re.compile(
    r"\b(?:archived from the original(?: on)?|archived (?:at|on)|archived copy)\b", re.I
)
ACCESSED_RE = re.compile(r"\b(?:accessed|retrieved)(?:\s+on)?\s*:?\s*", re.I)
QUOTED_TITLE_RE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
# A name written "Last, First" (one person), for entries whose title is not in quotes.
AUTHOR_RE = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, [A-Z][\w.'’ -]{0,40}$")
# Abbreviations whose final "." is part of the word, not the end of a sentence.
ABBREVIATION_RE = re.compile(r"(?:\b[A-Z]\.|\b(?:St|Dr|Mr|Mrs|Ms|Jr|Sr|Inc|Co|Corp|Ltd|No|Vol))$")


@dataclass
class Unit:
    """A paragraph of the page (one line, or hard-wrapped lines joined) and where it starts."""

    line: int
    text: str
    after_boilerplate: bool = False


def parse_text_page(text, *, filename="<pasted>", subsections=(), drop_lines=None):
    """Read one text page into a ParsedPage (no database access).

    ``subsections`` names the headings to import as sub-sections (###); ``drop_lines``
    replaces the default patterns of boilerplate lines to drop (regular expressions).
    """
    page = ParsedPage(filename=filename)
    drop = [re.compile(p, re.I) for p in (DEFAULT_DROP_LINES if drop_lines is None else drop_lines)]
    units = paragraph_units(text, drop)
    head, entries_units = split_references(units)
    if len(head) < 2:
        page.problem(
            1,
            _(
                "The page has no name: it should start with the category label and then the "
                "name, each on a line of its own."
            ),
            error=True,
        )
        return page
    entries = read_entries(page, entries_units)
    known = {number: entry for number, entry in entries.items()}
    category, name, *rest = head
    read_category_and_name(page, category, name)
    rest = read_infobox(page, rest)
    markers = FootnoteReader(page, known)
    read_lead_and_body(page, rest, markers, {title.strip().lower() for title in subsections})
    page.references = merge_entries(page, entries, markers)
    return page


# Paragraphs ----------------------------------------------------------------------------------


def paragraph_units(text, drop):
    """The page's paragraphs in order, boilerplate dropped, hard-wrapped lines joined.

    A line is joined to the next when it is long and stops mid-sentence; a short line, a
    label, a numbered entry or a line ending a sentence stands alone.
    """
    units, current, blank, after_boilerplate = [], None, True, False
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line:
            current, blank = None, True
            continue
        if any(pattern.search(line) for pattern in drop):
            current, blank, after_boilerplate = None, True, True
            continue
        if current is not None and not blank and continues(current.text, line):
            current.text = f"{current.text} {line}"
            continue
        current = Unit(number, line, after_boilerplate)
        units.append(current)
        blank = False
    return units


def continues(previous, line):
    """Whether ``line`` carries on the paragraph ``previous`` (a hard wrap)."""
    if len(previous) < 40 or ends_sentence(previous) or previous.endswith(":"):
        return False
    return not ENTRY_RE.match(line) or line[:1].islower()


def ends_sentence(text):
    """Whether the text ends a sentence, footnote numbers after it included."""
    text = TRAILING_FOOTNOTES_RE.sub(r"\1", text).rstrip()
    text = BRACKETED_RE.sub("", text).rstrip().rstrip(QUOTES)
    return bool(text) and text[-1] in CLOSING


def split_references(units):
    """(the units before the references heading, the units after it)."""
    for index in range(len(units) - 1, -1, -1):
        title = units[index].text.rstrip(":").strip().lower()
        if title in REFERENCES_HEADINGS:
            return units[:index], units[index + 1 :]
    return units, []


# The head: category, name, infobox -----------------------------------------------------------


def read_category_and_name(page, category, name):
    for unit, what in ((category, _("category label")), (name, _("name"))):
        if len(unit.text) > 120 or ends_sentence(unit.text):
            page.problem(
                unit.line,
                _(
                    "This line should be the %(what)s, but it reads like a sentence: a page "
                    "starts with the category label and then the name, each on a line of its "
                    "own."
                )
                % {"what": what},
                error=True,
            )
    page.category, page.name, page.line = category.text, name.text, category.line


def read_infobox(page, units):
    """Read the infobox rows at the start of ``units``; return the units after them."""
    index = 0
    while index < len(units):
        unit = units[index]
        if unit.after_boilerplate and index:
            break
        label = LABEL_RE.match(unit.text)
        row = ROW_RE.match(unit.text) if not label and not ends_sentence(unit.text) else None
        if row:
            add_fact(page, row.group(1), row.group(2), unit.line)
            index += 1
            continue
        if not label:
            break
        values, index = [], index + 1
        while index < len(units) and is_infobox_value(units, index, first=not values):
            values.append(units[index])
            index += 1
        if not values:
            page.problem(
                unit.line,
                _("The infobox label “%(label)s” has no value on the line after it.")
                % {"label": label.group(1)},
            )
            continue
        if len(values) > 1:
            page.problem(
                values[1].line,
                _("“%(values)s” were read as the values of “%(label)s”, one a line.")
                % {"values": "”, “".join(v.text for v in values), "label": label.group(1)},
            )
        add_fact(page, label.group(1), "; ".join(v.text for v in values), unit.line)
    return units[index:]


def is_infobox_value(units, index, *, first):
    unit = units[index]
    if LABEL_RE.match(unit.text) or (unit.after_boilerplate and not first):
        return False
    if first:
        return True
    # A further value: short, not a sentence, and followed by another label (a heading would
    # be followed by a paragraph).
    following = units[index + 1] if index + 1 < len(units) else None
    return (
        len(unit.text) <= 80
        and not ends_sentence(unit.text)
        and following is not None
        and not following.after_boilerplate
        and bool(LABEL_RE.match(following.text))
    )


def add_fact(page, label, value, line):
    page.facts.append((label.strip(), escape_markdown(value.strip())))
    page.fact_lines.append(line)


# The lead and the body -----------------------------------------------------------------------


def is_heading(unit, following, entries=()):
    """A short line without closing punctuation, followed by something, that does not end
    with footnote numbers (``entries``: the numbers of the reference entries)."""
    text = unit.text
    trailing = UNPUNCTUATED_FOOTNOTES_RE.search(text)
    if trailing and all(int(n) in entries for n in trailing.group(1).split()):
        return False
    bare = TRAILING_NUMBERS_RE.sub("", text)
    return (
        following is not None
        and len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and bool(bare)
        and bare[-1] not in CLOSING + QUOTES
        and not BRACKETED_RE.search(text)
    )


def read_lead_and_body(page, units, markers, subsections):
    lead, body, used_subsections = [], [], set()
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        bullet = BULLET_RE.match(unit.text)
        if bullet:
            item = Unit(unit.line, bullet.group(1))
            text = "- " + markers.paragraph(item, line_start=False)
            target = body if body else lead
            if target and target[-1].startswith("- "):
                target[-1] += "\n" + text  # the next item of the same list
            else:
                target.append(text)
            continue
        if is_heading(unit, following, markers.entries):
            level = "###" if unit.text.lower() in subsections else "##"
            used_subsections.add(unit.text.lower())
            body.append(f"{level} {escape_markdown(unit.text, line_start=False)}")
            report_guessed_heading(page, unit, following)
            continue
        if not ends_sentence(unit.text) and following is None:
            page.problem(
                unit.line,
                _("The last paragraph does not end a sentence; it was imported as a paragraph."),
            )
        (body if body else lead).append(markers.paragraph(unit))
    for title in sorted(subsections - used_subsections):
        page.problem(
            None,
            _("The sub-section “%(title)s” named for this page is not one of its headings.")
            % {"title": title},
        )
    page.lead = "\n\n".join(lead)
    page.body = "\n\n".join(body)


def report_guessed_heading(page, unit, following):
    """Report a heading read from a line that could be something else."""
    if is_heading(following, None) and len(following.text.split()) <= HEADING_MAX_WORDS:
        reason = _("it is followed by another short line")
    elif unit.text[:1].islower():
        reason = _("it starts with a small letter")
    elif len(unit.text.split()) > 8:
        reason = _("it is long for a heading")
    else:
        return
    page.problem(
        unit.line,
        _("“%(text)s” was read as a heading, but %(reason)s: check it.")
        % {"text": unit.text, "reason": reason},
    )


class FootnoteReader:
    """Turns a paragraph's footnote numbers into the markers of the entries' keys."""

    def __init__(self, page, entries):
        self.page = page
        self.entries = entries  # number -> RawEntry
        self.cited = set()
        self.last = 0

    def paragraph(self, unit, *, line_start=True):
        text, pieces, position = unit.text, [], 0
        for match in self.footnote_groups(unit):
            start, end, numbers = match
            pieces.append(
                escape_markdown(text[position:start], line_start=line_start and not pieces)
            )
            pieces.append("".join(self.markers(numbers, unit)))
            position = end
        pieces.append(escape_markdown(text[position:], line_start=line_start and not pieces))
        return "".join(pieces).strip()

    def footnote_groups(self, unit):
        """(start, end, [numbers]) of each group of footnote numbers in the paragraph."""
        text = unit.text
        groups = []
        for match in FOOTNOTES_AFTER_PUNCTUATION_RE.finditer(text):
            numbers = [int(n) for n in match.group(1).split()]
            next_char = match.group(2)
            if next_char is not None and not self.is_footnote(numbers, next_char, unit):
                continue
            groups.append((match.start(1), match.end(1), numbers))
        for match in BRACKETED_RE.finditer(text):
            groups.append((match.start(), match.end(), [int(match.group(1))]))
        if not groups:
            unpunctuated = UNPUNCTUATED_FOOTNOTES_RE.search(text)
            numbers = [int(n) for n in unpunctuated.group(1).split()] if unpunctuated else []
            if numbers and numbers[0] == self.last + 1 and all(n in self.entries for n in numbers):
                self.page.problem(
                    unit.line,
                    _(
                        "“%(numbers)s” at the end of the paragraph was read as footnotes, though "
                        "no sentence ends before it."
                    )
                    % {"numbers": " ".join(map(str, numbers))},
                )
                groups.append((unpunctuated.start(1), unpunctuated.end(1), numbers))
        return sorted(groups)

    def is_footnote(self, numbers, next_char, unit):
        """Numbers between two sentences: footnotes if entries have those numbers (or the
        first is the next one expected), else words of the next sentence."""
        if next_char.islower():
            return False
        if any(number in self.entries for number in numbers) or numbers[0] == self.last + 1:
            return True
        self.page.problem(
            unit.line,
            _(
                "“%(numbers)s” after a sentence was kept as text: no reference entry has that "
                "number."
            )
            % {"numbers": " ".join(map(str, numbers))},
        )
        return False

    def markers(self, numbers, unit):
        keys = []
        for number in numbers:
            entry = self.entries.get(number)
            if entry is None:
                self.page.problem(
                    unit.line,
                    _("Footnote %(number)d has no entry in the references.") % {"number": number},
                    error=True,
                )
                continue
            if number < self.last and number not in self.cited:
                self.page.problem(
                    unit.line,
                    _(
                        "Footnote %(number)d comes after footnote %(last)d; check that it is "
                        "a footnote."
                    )
                    % {"number": number, "last": self.last},
                )
            self.last = max(self.last, number)
            self.cited.add(number)
            if entry.key not in keys:
                keys.append(entry.key)
        return [f"[^{key}]" for key in keys]


# References ----------------------------------------------------------------------------------


@dataclass
class RawEntry:
    number: int
    line: int
    text: str
    key: str = ""
    reference: ParsedReference = None


def read_entries(page, units):
    """The numbered entries after the references heading: {number: RawEntry}, keyed and
    merged by normalized URL (entries with the same URL share their key and reference)."""
    entries, current = {}, None
    for unit in units:
        match = ENTRY_RE.match(unit.text)
        if match:
            number = int(match.group(1) or match.group(2) or (current.number + 1 if current else 1))
            if number in entries:
                page.problem(
                    unit.line,
                    _("A second entry is numbered %(number)d; it was left out.")
                    % {"number": number},
                )
                current = None
                continue
            text = BACKLINK_LETTERS_RE.sub("", match.group(3))  # "^ a b Vale, Jordan..."
            current = entries[number] = RawEntry(number, unit.line, text)
        elif current is not None and not URL_RE.search(current.text):
            current.text = f"{current.text} {unit.text}"  # a hard-wrapped entry
        else:
            page.problem(
                unit.line, _("This line after the references is not an entry; it was left out.")
            )
    keys, by_identity = KeyMaker(), {}
    for entry in entries.values():
        reference, pinpoint, accessed = parse_reference_entry(entry.text, page, entry.line)
        identity = reference.normalized_url or ("text", " ".join(entry.text.lower().split()))
        shared = by_identity.get(identity)
        if shared is not None:
            entry.key, entry.reference = shared.citations[0].key, shared
            shared.numbers.append(entry.number)
            continue
        year = reference.published.year if reference.published else None
        entry.key = keys.make(publication=reference.publication, title=reference.title, year=year)
        reference.citations.append(
            ParsedCitation(entry.key, accessed=accessed, pinpoint=pinpoint, line=entry.line)
        )
        reference.numbers.append(entry.number)
        entry.reference = by_identity[identity] = reference
    return entries


def merge_entries(page, entries, markers):
    """The reference entries in order, one per source; report the ones no footnote cites."""
    references = []
    for entry in entries.values():
        if entry.reference not in references:
            references.append(entry.reference)
    for reference in references:
        if not any(number in markers.cited for number in reference.numbers):
            numbers = ", ".join(map(str, reference.numbers))
            page.problem(
                reference.line,
                _("Entry %(numbers)s is never cited in the text.") % {"numbers": numbers},
            )
    return references


def parse_reference_entry(text, page=None, line=None):
    """(ParsedReference, pinpoint, accessed date) from one entry in the grammar
    ``Authors. “Title.” Publication. Date. Accessed Date. URL.``; every part but the title
    and the URL is optional."""
    reference = ParsedReference(line=line)
    text, reference.url, reference.archive_url = take_urls(text)
    text, accessed = take_accessed(text)
    title = QUOTED_TITLE_RE.search(text)
    if title:
        before, after = text[: title.start()], text[title.end() :]
        reference.title = clean_title(title.group(1) or title.group(2))
        reference.authors = clean_part(before)
    else:
        before, after = split_unquoted(text, reference)
        if page is not None and reference.title:
            page.problem(
                line,
                _("The entry has no title in quotation marks; “%(title)s” was read as its title.")
                % {"title": reference.title},
            )
    reference.publication, reference.published, reference.precision, pinpoint = (
        publication_and_date(after)
    )
    if not reference.title:
        reference.title = reference.publication or readable_url(reference.url) or cut(text, 200)
        if page is not None:
            page.problem(
                line,
                _("The entry has no title; it is shown as “%(title)s”.")
                % {"title": reference.title},
            )
    reference.title = cut(reference.title, MAX_TITLE)
    reference.authors = cut(reference.authors, MAX_AUTHORS)
    reference.publication = cut(reference.publication, MAX_PUBLICATION)
    reference.kind = guess_kind(
        reference.url, published=reference.published, publication=reference.publication
    )
    return reference, cut(pinpoint, MAX_PINPOINT), accessed


def take_urls(text):
    """(the text without its URLs, the URL, the archived copy's URL)."""
    url = archive = ""
    for match in URL_RE.finditer(text):
        found = clean_url(match.group(0))
        host = (re.match(r"https?://([^/:?#]+)", found, re.I) or [None, ""])[1].lower()
        if host.endswith(ARCHIVE_HOSTS) and not archive:
            archive = found
        elif not url:
            url = found
    # Each URL goes; the punctuation after it (a bracket, the final period) stays.
    text = URL_RE.sub(lambda m: " " + m.group(0)[len(clean_url(m.group(0))) :], text)
    text = ARCHIVED_RE.sub(" ", text)
    text = re.sub(r"\(\W*\)", " ", text)  # the brackets an archived copy's URL stood in
    if len(url) > MAX_URL:
        url = ""
    return text, url, archive


def clean_url(url):
    """A URL as found in running text, without the punctuation that ends the sentence."""
    url = url.rstrip(".,;:!?'’”")
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1].rstrip(".,;:")
    return url


def take_accessed(text):
    """(the text without "Accessed <date>", the date or None)."""
    match = ACCESSED_RE.search(text)
    if not match:
        return text, None
    dates = [d for d in find_dates(text[match.end() :]) if d.start <= 2]
    if not dates:
        return text, None
    found = dates[0]
    end = match.end() + found.end
    return text[: match.start()] + text[end:].lstrip(". "), found.value


def clean_title(title):
    """The title without the period the citation style adds inside the quotes (a "!" or "?"
    is the title's own, and so is the period of a final abbreviation such as "L.A.")."""
    title = " ".join(title.split()).rstrip(",")
    if title.endswith(".") and not ABBREVIATION_RE.search(title):
        title = title[:-1]
    return title.strip()


def clean_part(text):
    text = " ".join(text.split()).strip(" ,;:")
    if text.endswith(".") and not ABBREVIATION_RE.search(text):
        text = text[:-1]
    return text.strip(" ,;:")


def split_sentences(text):
    """Split an entry at ". " except after initials and abbreviations ("L.A. Taco")."""
    parts, start = [], 0
    for match in re.finditer(r"\.\s+", text):
        if ABBREVIATION_RE.search(text[: match.start() + 1]):
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip(" .,")]


def split_unquoted(text, reference):
    """For an entry without a quoted title: read the authors ("Last, First") and the title
    from its first parts; return ("", the rest)."""
    parts = split_sentences(text)
    if parts and AUTHOR_RE.match(parts[0]) and len(parts) > 1:
        reference.authors = parts.pop(0)
    if parts and not (find_dates(parts[0]) and len(parts[0]) < 25):
        reference.title = clean_part(parts.pop(0))
    return "", ". ".join(parts)


def publication_and_date(text):
    """(publication, date, precision, pinpoint) from what follows the title:
    "Publication. August 23, 2018." or "Publication, 2018, p. 4."."""
    text = " ".join(text.split()).strip(" .,;:")
    dates = find_dates(text)
    if not dates:
        return clean_part(text), None, "day", ""
    found = dates[-1]
    publication = clean_part(text[: found.start])
    pinpoint = text[found.end :].strip(" .,;:")
    return publication, found.value, found.precision, pinpoint


# Files ---------------------------------------------------------------------------------------


def text_items(paths, *, drop_lines=None, subsections=()):
    """A PageItem for each .txt file among the paths (folders are searched), in order.

    A page's sub-sections are the headings named in ``subsections`` and in its side file
    (``NAME.subsections`` beside ``NAME.txt``, one heading a line).
    """
    for path, problem in find_files(paths, TEXT_SUFFIXES):
        if problem is not None:
            yield PageItem(problem.filename, problem=problem)
            continue
        text, problem = read_text(path)
        if problem is not None:
            yield PageItem(str(path), problem=problem)
            continue
        named = [*subsections, *subsections_for(path)]
        page = parse_text_page(text, filename=str(path), subsections=named, drop_lines=drop_lines)
        yield PageItem(str(path), line=page.line, title=page.name, revisions=[page])
