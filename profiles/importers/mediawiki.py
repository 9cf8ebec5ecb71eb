"""MediaWiki XML dumps (export schema 0.10 and 0.11), streamed, into ParsedPages.

mwxml streams the dump page by page (memory stays flat however large it is); we feed its XML
parser line by line, so that every problem names the line of the dump it stands on.
mwparserfromhell reads each revision's wikitext, which becomes Sourcebook Markdown:

- ``<ref>`` tags become citation markers; a named ref reused with ``<ref name=x />`` cites
  the same key; refs to one URL share one source (a different page or quote is its own key);
- ``{{cite web}}``, ``{{cite news}}``, ``{{cite book}}``, ``{{cite journal}}`` (and the other
  citation templates the mapping names) fill the source's fields; a bare ref keeps what it has;
- the infobox template's parameters become infobox rows (labels mapped by the runner);
- ``[[Links]]`` stay wiki links, ``==``/``===`` headings become sections and sub-sections,
  ``[[Category:...]]`` gives the page's category and types (through the mapping);
- anything else (another template, a gallery) is left out and reported.
"""

import bz2
import gzip
import re
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError, XMLPullParser

import mwparserfromhell
import mwxml
from django.utils.translation import gettext as _
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwxml.element_iterator import ElementIterator, EventPointer, trim_ns
from mwxml.errors import MalformedXML

from profiles.importers.files import DUMP_SUFFIXES, find_files, max_page_bytes, megabytes
from profiles.importers.parsed import (
    MAX_AUTHORS,
    MAX_PINPOINT,
    MAX_PUBLICATION,
    MAX_TITLE,
    KeyMaker,
    PageItem,
    ParsedCitation,
    ParsedPage,
    ParsedReference,
    Problem,
    ReadError,
    cut,
    escape_markdown,
    guess_kind,
    parse_date,
)
from profiles.importers.text import URL_RE, clean_url, parse_reference_entry

READ_ERRORS = (ParseError, MalformedXML, UnicodeDecodeError, OSError, EOFError)
FILE_NAMESPACES = {"file", "image", "media"}
MAGIC_WORD_RE = re.compile(r"__[A-Z]+__")


# The dump ------------------------------------------------------------------------------------


class LineFeeder:
    """Feeds the dump to an XML parser one line at a time and remembers the line of the
    latest <page> and <text> start tags, for messages that name the line."""

    def __init__(self, stream):
        self.stream = stream
        self.parser = XMLPullParser(events=("start", "end"))
        self.line = 0
        self.page_line = self.text_line = None
        self.raw = b""
        self.failed = False

    def reason(self, error):
        """What went wrong with the XML, in words: a NUL character, or the parser's error."""
        if b"\x00" in self.raw:
            return _("line %(line)d holds a NUL character, which XML cannot carry") % {
                "line": self.line
            }
        return str(error)

    def events(self):
        for raw in self.stream:
            self.line += 1
            self.raw = raw
            self.parser.feed(raw)
            yield from self.read_events()
        self.parser.close()
        yield from self.read_events()

    def read_events(self):
        for event, element in self.parser.read_events():
            if event == "start":
                tag = trim_ns(element.tag)
                if tag == "page":
                    self.page_line = self.line
                elif tag == "text":
                    self.text_line = self.line
            yield event, element


def open_dump(path):
    name = str(path).lower()
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def dump_items(paths, *, mapping, all_revisions=False):
    """A PageItem for each page of each dump among the paths, in order."""
    for path, problem in find_files(paths, DUMP_SUFFIXES):
        if problem is not None:
            yield PageItem(problem.filename, problem=problem)
            continue
        with open_dump(path) as stream:
            yield from dump_file_items(stream, str(path), mapping, all_revisions)


def dump_file_items(stream, filename, mapping, all_revisions):
    feeder = LineFeeder(stream)

    def damaged(error, title=None):
        line = getattr(error, "position", (feeder.line,))[0] or feeder.line
        if title:
            message = _(
                "The dump is cut off or damaged inside the page “%(title)s” (%(error)s); that "
                "page was not imported, and reading stopped there."
            ) % {"title": title, "error": feeder.reason(error)}
        else:
            message = _("The dump is cut off or damaged (%(error)s); reading stopped there.") % {
                "error": feeder.reason(error)
            }
        return Problem(filename, line, message, is_error=True)

    try:
        pointer = EventPointer(feeder.events())
        _event, element = next(pointer)
        root = ElementIterator(element, pointer)
        if root.tag != "mediawiki":
            raise MalformedXML(_("the file starts with <%(tag)s>") % {"tag": root.tag})
        dump = mwxml.Dump.from_element(root)
    except (*READ_ERRORS, StopIteration) as error:
        message = _(
            "This is not a MediaWiki XML dump (%(error)s): export one with Special:Export or "
            "dumpBackup.php."
        ) % {"error": error or _("the file is empty")}
        yield PageItem(filename, problem=Problem(filename, feeder.line or None, message, True))
        return
    pages = iter(dump)
    while True:
        try:
            page = next(pages)
        except StopIteration:
            return
        except READ_ERRORS as error:
            yield PageItem(filename, problem=damaged(error))
            return
        line, title = feeder.page_line, page.title
        if page.namespace != 0:
            skipped = _("“%(title)s” is not an article (namespace %(namespace)s); skipped.")
            yield PageItem(
                filename,
                line,
                title,
                skipped=skipped % {"title": title, "namespace": page.namespace},
            )
            continue
        if page.redirect:
            skipped = _("“%(title)s” redirects to “%(target)s”; skipped.")
            yield PageItem(
                filename, line, title, skipped=skipped % {"title": title, "target": page.redirect}
            )
            continue
        if all_revisions:
            yield PageItem(
                filename, line, title, revisions=every_revision(page, feeder, filename, mapping)
            )
            if feeder.failed:
                return
            continue
        latest, text_line = None, None
        try:
            for revision in page:
                latest, text_line = revision, feeder.text_line
        except READ_ERRORS as error:
            yield PageItem(filename, line, title, problem=damaged(error, title))
            return
        if latest is None:
            yield PageItem(filename, line, title, skipped=_("The page has no revision; skipped."))
            continue
        parsed = parse_revision(latest, title, filename, text_line, mapping)
        yield PageItem(filename, line, title, revisions=[parsed])


def every_revision(page, feeder, filename, mapping):
    """The page's revisions as ParsedPages, oldest first; ReadError if the dump breaks off."""
    try:
        for revision in page:
            yield parse_revision(revision, page.title, filename, feeder.text_line, mapping)
    except READ_ERRORS as error:
        feeder.failed = True
        line = getattr(error, "position", (feeder.line,))[0] or feeder.line
        raise ReadError(
            Problem(
                filename,
                line,
                _(
                    "The dump is cut off or damaged inside the page “%(title)s” (%(error)s); "
                    "that page was not imported, and reading stopped there."
                )
                % {"title": page.title, "error": feeder.reason(error)},
                is_error=True,
            )
        ) from error


def parse_revision(revision, title, filename, text_line, mapping):
    text = revision.text or ""
    if len(text.encode("utf-8")) > max_page_bytes():
        page = ParsedPage(filename=filename, line=text_line, name=title)
        page.problem(
            text_line,
            _(
                "The wikitext of “%(title)s” is %(size)s; a page may be at most %(limit)s, so it "
                "was not imported."
            )
            % {
                "title": title,
                "size": megabytes(len(text.encode("utf-8"))),
                "limit": megabytes(max_page_bytes()),
            },
            error=True,
        )
    elif "\x00" in text:
        page = ParsedPage(filename=filename, line=text_line, name=title)
        page.problem(
            text_line + text[: text.index("\x00")].count("\n"),
            _("The wikitext contains a NUL character, which a page cannot hold."),
            error=True,
        )
    else:
        page = parse_wikitext(text, title=title, filename=filename, line=text_line, mapping=mapping)
    page.revision_id = revision.id
    if revision.timestamp is not None:
        page.timestamp = datetime.fromtimestamp(revision.timestamp.unix(), tz=UTC)
    user = revision.user
    page.author = (user.text if user is not None and user.text else "") or _("an anonymous editor")
    page.comment = " ".join((revision.comment or "").split())
    return page


# Wikitext -----------------------------------------------------------------------------------


def parse_wikitext(text, *, title, filename="<wikitext>", line=1, mapping):
    """One revision's wikitext as a ParsedPage (no database access)."""
    page = ParsedPage(filename=filename, line=line, name=title)
    converter = WikitextConverter(page, text, line or 1, mapping)
    markdown = converter.convert()
    lead, body = split_lead(markdown)
    page.lead, page.body = lead, body
    page.references = converter.references.finish()
    return page


# A references section left empty once {{reflist}} is gone.
REFERENCES_SECTION_RE = re.compile(
    r"^#{2,6} (references|notes|footnotes|citations|sources|notes and references)\s*$"
    r"(?=\s*(\Z|^#))",
    re.I | re.M,
)


def split_lead(markdown):
    markdown = REFERENCES_SECTION_RE.sub("", markdown).strip()
    match = re.search(r"^#{2,6} ", markdown, re.M)
    if not match:
        return markdown.strip(), ""
    return markdown[: match.start()].strip(), markdown[match.start() :].strip()


class WikitextConverter:
    def __init__(self, page, text, line, mapping):
        self.page, self.text, self.first_line, self.mapping = page, text, line, mapping
        self.code = mwparserfromhell.parse(text)
        self.references = RefCollector(page, mapping, self.named_definitions())
        self.at_line_start = True
        self.in_list = self.item_start = False

    def line_of(self, offset):
        return self.first_line + self.text.count("\n", 0, offset)

    def named_definitions(self):
        """Every named ref's contents, wherever it is defined (list-defined refs included)."""
        found = {}
        for tag in self.code.filter_tags(matches=lambda node: node.tag == "ref", recursive=True):
            name = ref_name(tag)
            if name and not tag.self_closing and str(tag.contents).strip():
                found.setdefault(name, tag.contents)
        return found

    def convert(self):
        out, offset, infobox_done = [], 0, False
        nodes = self.code.nodes
        index = 0
        while index < len(nodes):
            node = nodes[index]
            line = self.line_of(offset)
            offset += len(str(node))
            index += 1
            if (
                isinstance(node, Template)
                and not infobox_done
                and self.mapping.is_infobox(template_name(node))
            ):
                self.read_infobox(node, line)
                infobox_done = True
            elif is_list_marker(node):
                # "**" is two tags in a row: one list item, two levels deep.
                depth = 1
                while index < len(nodes) and is_list_marker(nodes[index]):
                    node = nodes[index]
                    offset += len(str(node))
                    depth, index = depth + 1, index + 1
                out.append(self.list_item(str(node.wiki_markup), depth))
            else:
                out.append(self.node(node, line))
        markdown = "".join(out)
        markdown = re.sub(r"[ \t]+\n", "\n", markdown)
        return re.sub(r"\n{3,}", "\n\n", markdown).strip()

    # Nodes --------------------------------------------------------------------------------

    def nodes(self, nodes, line):
        return "".join(self.node(node, line) for node in nodes)

    def inline(self, code, line):
        """Wikicode inside something else (a link label, a template value): one line."""
        saved, self.at_line_start = self.at_line_start, False
        text = self.nodes(code.nodes, line)
        self.at_line_start = saved
        return " ".join(text.split())

    def emit(self, text):
        if text:
            self.at_line_start = text.endswith("\n")
        return text

    def node(self, node, line):
        if isinstance(node, Text):
            return self.text_node(str(node))
        if isinstance(node, HTMLEntity):
            return self.emit(escape_markdown(node.normalize(), line_start=self.at_line_start))
        if isinstance(node, Comment | Argument):
            return ""
        if isinstance(node, Heading):
            level = min(max(node.level, 2), 4)
            title = self.inline(node.title, line)
            self.at_line_start = True
            return f"\n\n{'#' * level} {title}\n\n"
        if isinstance(node, Wikilink):
            return self.emit(self.wikilink(node, line))
        if isinstance(node, ExternalLink):
            return self.emit(self.external_link(node, line))
        if isinstance(node, Template):
            return self.template(node, line)
        if isinstance(node, Tag):
            return self.tag(node, line)
        return ""

    def text_node(self, text):
        text = MAGIC_WORD_RE.sub("", text)
        pieces = []
        for index, part in enumerate(text.split("\n")):
            if index:
                pieces.append("\n")
                self.at_line_start = True
            if self.item_start:
                part = part.lstrip()  # the space after "*" in wikitext
            if not part:
                continue
            if self.at_line_start and self.in_list:
                pieces.append("\n")  # a line that is no list item ends the list
                self.in_list = False
            pieces.append(escape_markdown(part, line_start=self.at_line_start))
            self.at_line_start = self.item_start = False
        return "".join(pieces)

    def wikilink(self, node, line):
        target = str(node.title).strip()
        label = self.inline(node.text, line) if node.text is not None else ""
        namespace, _colon, rest = target.lstrip(":").partition(":")
        if rest and namespace.strip().lower() == "category":
            if not target.startswith(":"):
                self.page.wiki_categories.append(rest.split("|")[0].strip())
                return ""
            return label or escape_markdown(rest.strip(), line_start=False)
        if rest and namespace.strip().lower() in FILE_NAMESPACES:
            self.page.problem(line, _("The file “%(target)s” was left out.") % {"target": target})
            return ""
        if target.startswith(":") or (rest and " " not in namespace and namespace.islower()):
            return label or escape_markdown(rest or target.lstrip(":"), line_start=False)
        target = target.split("#")[0].strip()
        if not target:
            return label
        plain_label = " ".join(node.text.strip_code().split()) if node.text is not None else ""
        if plain_label and plain_label != target:
            return f"[[{target}|{plain_label}]]"
        return f"[[{target}]]"

    def external_link(self, node, line):
        url = str(node.url).strip()
        if not re.match(r"^(https?|mailto):", url, re.I):
            return escape_markdown(str(node), line_start=False)
        if node.title is None or not str(node.title).strip():
            return f"<{url}>"
        return f"[{self.inline(node.title, line)}]({url.replace(')', '%29')})"

    def template(self, node, line):
        name = template_name(node)
        if self.mapping.cite_kind(name) or name.casefold() in self.mapping.ignore_templates:
            return ""
        self.page.problem(
            line,
            _("The template {{%(name)s}} was left out: Sourcebook has nothing to show it with.")
            % {"name": name},
        )
        return ""

    def tag(self, node, line):
        tag = str(node.tag).lower()
        if tag == "ref":
            return self.emit(self.references.marker(node, line))
        if tag in {"references", "gallery", "math", "score", "timeline", "graph", "templatedata"}:
            if tag != "references":
                self.page.problem(line, _("A <%(tag)s> was left out.") % {"tag": tag})
            return ""
        if is_list_marker(node):
            return self.list_item(str(node.wiki_markup), 1)
        if tag in {"b", "strong"}:
            return self.emit(self.wrapped(node, "**", line))
        if tag in {"i", "em"}:
            return self.emit(self.wrapped(node, "*", line))
        if tag in {"s", "del", "strike"}:
            return self.emit(self.wrapped(node, "~~", line))
        if tag == "br":
            return self.emit("  \n")
        if tag == "hr":
            self.at_line_start = True
            return "\n\n---\n\n"
        if tag in {"nowiki", "code", "tt", "pre", "source", "syntaxhighlight"}:
            text = node.contents.strip_code(normalize=True, collapse=False) if node.contents else ""
            if tag == "nowiki":
                return self.emit(escape_markdown(text, line_start=self.at_line_start))
            return self.emit(f"`{text.replace('`', '')}`" if text else "")
        if tag == "table":
            return self.table(node, line)
        if tag == "blockquote":
            inner = self.nodes(node.contents.nodes, line).strip() if node.contents else ""
            self.at_line_start = True
            return "\n\n" + "\n".join(f"> {part}" for part in inner.splitlines()) + "\n\n"
        if node.contents is None:
            return ""
        return self.nodes(node.contents.nodes, line)

    def wrapped(self, node, mark, line):
        inner = self.inline(node.contents, line) if node.contents else ""
        return f"{mark}{inner}{mark}" if inner.strip() else inner

    def list_item(self, markup, depth):
        self.at_line_start, self.in_list, self.item_start = False, True, True
        if markup == "*":
            return "  " * (depth - 1) + "- "
        if markup == "#":
            return "   " * (depth - 1) + "1. "
        return ""  # ";" and ":" (definition lists, indents): the text as a paragraph

    def table(self, node, line):
        """A simple table (no cell spanning rows or columns) as a Markdown table; any other
        is left out and reported."""

        def cells_of(code):
            return code.filter_tags(matches=lambda n: str(n.tag) in {"td", "th"}, recursive=False)

        # Cells before the first "|-" stand in a row of their own, without a <tr>.
        rows = [cells_of(node.contents)]
        rows += [
            cells_of(row.contents)
            for row in node.contents.filter_tags(
                matches=lambda n: str(n.tag) == "tr", recursive=False
            )
        ]
        rows = [row for row in rows if row]
        if any(cell.has("rowspan") or cell.has("colspan") for row in rows for cell in row):
            rows = []
        rows = [
            [(str(cell.tag) == "th", self.inline(cell.contents, line)) for cell in row]
            for row in rows
        ]
        if not rows or len({len(row) for row in rows}) != 1:
            self.page.problem(line, _("A table was left out: only simple tables can be read."))
            return ""
        header, *body = rows if rows[0][0][0] else [[(True, "")] * len(rows[0]), *rows]
        lines = ["| " + " | ".join(text for _th, text in header) + " |"]
        lines.append("|" + " --- |" * len(header))
        lines.extend("| " + " | ".join(text for _th, text in row) + " |" for row in body)
        self.at_line_start = True
        return "\n\n" + "\n".join(lines) + "\n\n"

    def read_infobox(self, node, line):
        self.page.infobox = template_name(node)
        source = str(node)
        for param in node.params:
            name = str(param.name).strip()
            if not name or name.isdigit():
                continue
            position = source.find(str(param))
            param_line = line + source.count("\n", 0, max(position, 0))
            value = self.inline(param.value, param_line)
            if value:
                self.page.facts.append((name, value))
                self.page.fact_lines.append(param_line)


def is_list_marker(node):
    return isinstance(node, Tag) and str(node.tag) in {"li", "dt", "dd"} and bool(node.wiki_markup)


def template_name(node):
    return " ".join(str(node.name).replace("_", " ").split())


def ref_name(tag):
    if not tag.has("name"):
        return ""
    return " ".join(str(tag.get("name").value).strip().strip("\"'").split())


# References ---------------------------------------------------------------------------------


class RefCollector:
    """The page's refs as citations: one key per named ref (or per source and pinpoint), one
    reference entry per source."""

    def __init__(self, page, mapping, definitions):
        self.page, self.mapping, self.definitions = page, mapping, definitions
        self.keys = KeyMaker()
        self.by_name = {}  # ref name -> key
        self.by_use = {}  # (source identity, pinpoint) -> key
        self.entries = {}  # source identity -> ParsedReference
        self.reported = set()

    def marker(self, tag, line):
        name = ref_name(tag)
        if name and name in self.by_name:
            return f"[^{self.by_name[name]}]"
        contents = tag.contents if not tag.self_closing else None
        if name and (contents is None or not str(contents).strip()):
            contents = self.definitions.get(name)
            if contents is None:
                if name not in self.reported:
                    self.reported.add(name)
                    self.page.problem(
                        line,
                        _(
                            "The ref named “%(name)s” is used but never defined: its citation "
                            "has no source."
                        )
                        % {"name": name},
                        error=True,
                    )
                return ""
        if contents is None or not str(contents).strip():
            self.page.problem(line, _("An empty <ref> was left out."))
            return ""
        reference, pinpoint, accessed = self.read(contents, line)
        identity = reference.normalized_url or ("text", reference.title.casefold())
        entry = self.entries.get(identity)
        key = self.by_use.get((identity, pinpoint))
        if key is None:
            year = reference.published.year if reference.published else None
            key = self.keys.make(
                name=name,
                publication=reference.publication,
                title=reference.title,
                year=year,
            )
            if entry is None:
                entry = self.entries[identity] = reference
            entry.citations.append(
                ParsedCitation(key, accessed=accessed, pinpoint=pinpoint, line=line)
            )
            self.by_use[(identity, pinpoint)] = key
        if name:
            self.by_name[name] = key
            if name not in entry.numbers:
                entry.numbers.append(name)
        return f"[^{key}]"

    def read(self, contents, line):
        """(ParsedReference, pinpoint, accessed) from a ref's contents."""
        template = next(
            (
                t
                for t in contents.filter_templates(recursive=False)
                if self.mapping.cite_kind(template_name(t))
                or template_name(t).casefold().startswith("cite ")
            ),
            None,
        )
        if template is not None:
            return self.from_template(template, line)
        return self.from_text(contents, line)

    def from_template(self, template, line):
        name = template_name(template)
        kind = self.mapping.cite_kind(name)
        if kind is None:
            kind = "web"
            self.page.problem(
                line,
                _(
                    "The citation template {{%(name)s}} is not in the mapping; its source was "
                    "read as a web page."
                )
                % {"name": name},
            )

        values = {}
        for given in template.params:
            text = " ".join(given.value.strip_code().split())
            if text:
                values.setdefault(str(given.name).strip(), text)

        def param(*names):
            return next((values[name] for name in names if name in values), "")

        reference = ParsedReference(line=line, kind=kind)
        reference.url = clean_url(param("url", "URL", "chapter-url"))
        reference.title = param("title", "chapter", "script-title")
        reference.authors = cut(authors_of(param), MAX_AUTHORS)
        reference.publication = cut(
            param(
                "work", "website", "newspaper", "journal", "magazine", "periodical",
                "publisher", "agency",
            ),
            MAX_PUBLICATION,
        )  # fmt: skip
        published = parse_date(param("date")) or parse_date(param("year"))
        if published:
            reference.published, reference.precision = published
        elif param("date"):
            self.page.problem(
                line,
                _("The date “%(date)s” of a citation could not be read; it was left out.")
                % {"date": param("date")},
            )
        reference.archive_url = clean_url(param("archive-url", "archiveurl"))
        accessed = parse_date(param("access-date", "accessdate"))
        reference.title = cut(
            reference.title or reference.publication or reference.url or _("Untitled"), MAX_TITLE
        )
        if kind == "web":
            reference.kind = guess_kind(reference.url)
        pinpoint = pinpoint_of(param)
        return reference, pinpoint, accessed[0] if accessed else None

    def from_text(self, contents, line):
        """A bare ref: a link with a label, a URL, or text; it keeps what it has."""
        link = next(iter(contents.filter_external_links(recursive=True)), None)
        text = contents.strip_code(normalize=True, collapse=True)
        text = " ".join(text.split())
        if link is not None:
            url = clean_url(str(link.url))
            label = " ".join(link.title.strip_code().split()) if link.title else ""
            rest = " ".join(str(contents).replace(str(link), " ").split())
            rest = " ".join(mwparserfromhell.parse(rest).strip_code().split())
            reference, pinpoint, accessed = parse_reference_entry(
                f"“{label}.” {rest} {url}" if label else f"{rest} {url}"
            )
            reference.line = line
            return reference, pinpoint, accessed
        found = URL_RE.search(text)
        if found:
            reference, pinpoint, accessed = parse_reference_entry(text)
            reference.line = line
            return reference, pinpoint, accessed
        reference = ParsedReference(line=line, title=cut(text, MAX_TITLE), kind="web")
        return reference, "", None

    def finish(self):
        return list(self.entries.values())


def authors_of(param):
    """ "Last, First; Last, First" from author=, authorN=, last=/first=, lastN=/firstN=."""
    names = []
    for number in ["", *map(str, range(1, 10))]:
        author = param(f"author{number}")
        last = param(f"last{number}", f"surname{number}")
        first = param(f"first{number}", f"given{number}")
        if author:
            names.append(author)
        elif last:
            names.append(f"{last}, {first}" if first else last)
    if not names and param("authors"):
        names.append(param("authors"))
    return "; ".join(dict.fromkeys(names))


def pinpoint_of(param):
    page, pages, at, quote = param("page", "p"), param("pages", "pp"), param("at"), param("quote")
    parts = []
    if page:
        parts.append(f"p. {page}")
    elif pages:
        parts.append(f"pp. {pages}")
    elif at:
        parts.append(at)
    if quote:
        parts.append(f"“{quote}”")
    return cut(": ".join(parts), MAX_PINPOINT)
