"""Sources from a spreadsheet: a CSV file with a header row naming its columns.

Columns: ``url`` (required), ``title``, ``authors``, ``publication``, ``published`` (2019,
2019-03, 2019-03-04 or "March 4, 2019"), ``kind`` (news, filing, government, book, web, social,
or their names such as "News article") and ``archive_url``; others are ignored. A row whose
URL, once normalized, is a stored source's updates that source with the values the row gives
(an empty cell changes nothing); any other row creates a source. Each row is saved as its own
revision of the source (profiles.services.save_source); a row with an error is reported with
its line and left out, and the other rows are imported.
"""

import codecs
import csv
import time
from dataclasses import dataclass, field

from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _

from profiles.importers.parsed import MAX_AUTHORS, MAX_PUBLICATION, MAX_TITLE, Problem, parse_date
from profiles.models import Source
from profiles.services import save_source
from profiles.urlnorm import normalize_url

COLUMNS = ["url", "title", "authors", "publication", "published", "kind", "archive_url"]
LIMITS = {"title": MAX_TITLE, "authors": MAX_AUTHORS, "publication": MAX_PUBLICATION}
KINDS = {
    **{value: value for value in Source.Kind.values},
    **{str(label).casefold(): value for value, label in Source.Kind.choices},
}

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


@dataclass
class RowReport:
    line: int
    url: str = ""
    title: str = ""
    outcome: str = ""
    changed: list = field(default_factory=list)  # the fields an update changes
    problems: list = field(default_factory=list)


@dataclass
class SourcesSummary:
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    problems: list = field(default_factory=list)  # problems with the file itself

    @property
    def rows(self):
        return self.created + self.updated + self.unchanged + self.failed


class SourcesFileRefused(Exception):
    """The file cannot be read as a sources CSV; nothing was imported."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


def import_sources(path, *, dry_run=False, user=None, on_row=None):
    """Create or update the sources in the CSV file; return a SourcesSummary."""
    on_row = on_row or (lambda report: None)
    summary = SourcesSummary(dry_run=dry_run)
    start = time.monotonic()
    name = str(path)
    comment_file = name.rsplit("/", 1)[-1]
    seen = {}  # normalized URL -> the line that had it first, in this file
    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        raise SourcesFileRefused(
            Problem(name, None, _("There is no such file."), is_error=True)
        ) from None
    except OSError as error:
        raise SourcesFileRefused(
            Problem(
                name,
                None,
                _("The file cannot be read (%(error)s).") % {"error": error.strerror},
                is_error=True,
            )
        ) from error
    read = [0]  # the physical line being read, for messages
    with stream:
        reader = csv.reader(decoded_lines(stream, read))
        try:
            header = next(reader, None)
        except (UnicodeDecodeError, csv.Error) as error:
            raise SourcesFileRefused(unreadable(name, read[0], error)) from error
        columns = [column.strip().lower() for column in header or []]
        if "url" not in columns:
            raise SourcesFileRefused(
                Problem(
                    name,
                    1,
                    _(
                        "The first line must name the columns, one of them “url” (then any of "
                        "%(columns)s); it names %(found)s."
                    )
                    % {
                        "columns": ", ".join(COLUMNS[1:]),
                        "found": ", ".join(f"“{c}”" for c in columns) or _("nothing"),
                    },
                    is_error=True,
                )
            )
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except (UnicodeDecodeError, csv.Error) as error:
                problem = unreadable(name, read[0], error)
                summary.problems.append(problem)
                summary.failed += 1
                on_row(RowReport(line, outcome=FAILED, problems=[problem]))
                break
            if not any(cell.strip() for cell in row):
                continue
            values = dict(zip(columns, row, strict=False))
            report = import_row(values, name, line, seen, dry_run, user, comment_file)
            setattr(summary, report.outcome, getattr(summary, report.outcome) + 1)
            on_row(report)
    summary.seconds = time.monotonic() - start
    return summary


def decoded_lines(stream, read):
    """The file's lines as text, counting them in ``read[0]``; UnicodeDecodeError on the
    first line that is not UTF-8."""
    for number, raw in enumerate(stream, 1):
        read[0] = number
        yield (raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw).decode("utf-8")


def unreadable(name, line, error):
    if isinstance(error, UnicodeDecodeError):
        message = _(
            "The file is not UTF-8 text (is it a spreadsheet's own format?); save it as CSV."
        )
    else:
        message = _("The line cannot be read as CSV (%(error)s).") % {"error": error}
    return Problem(name, line, message, is_error=True)


def import_row(values, name, line, seen, dry_run, user, comment_file):
    report = RowReport(line)

    def refuse(message):
        report.problems.append(Problem(name, line, message, is_error=True))
        report.outcome = FAILED
        return report

    if any("\x00" in value for value in values.values()):
        return refuse(_("The line contains a NUL character, which a source cannot hold."))
    fields = {column: " ".join(values.get(column, "").split()) for column in COLUMNS}
    url = fields.pop("url")
    report.url, report.title = url, fields["title"]
    normalized = normalize_url(url)
    if not normalized or not url.lower().startswith(("http://", "https://")):
        return refuse(
            _("The url “%(url)s” is not a web address starting with http:// or https://.")
            % {"url": url}
            if url
            else _("The line has no url; sources are matched and stored by their URL.")
        )
    published = fields.pop("published")
    if published:
        parsed = parse_date(published)
        if parsed is None:
            return refuse(
                _("The date “%(date)s” cannot be read; write 2019, 2019-03 or 2019-03-04.")
                % {"date": published}
            )
        fields["published_date"], fields["date_precision"] = parsed
    kind = fields.pop("kind")
    if kind:
        if kind.casefold() not in KINDS:
            return refuse(
                _("The kind “%(kind)s” is not one of %(kinds)s.")
                % {"kind": kind, "kinds": ", ".join(Source.Kind.values)}
            )
        fields["kind"] = KINDS[kind.casefold()]
    for column, limit in LIMITS.items():
        if len(fields[column]) > limit:
            return refuse(
                _("The %(column)s is longer than %(limit)d characters.")
                % {"column": column, "limit": limit}
            )
    given = {column: value for column, value in fields.items() if value not in ("", None)}
    earlier = seen.get(normalized)
    if earlier is not None:
        report.problems.append(
            Problem(
                name,
                line,
                _("This URL is already on line %(line)d; this line updates that source.")
                % {"line": earlier[0]},
            )
        )
    source = Source.objects.filter(normalized_url=normalized).first()
    if source is None and dry_run and earlier is not None:
        # An earlier line of this dry run would have created it.
        source = Source(url=url, **earlier[1])
    seen[normalized] = (earlier[0] if earlier else line, {**(earlier or (0, {}))[1], **given})
    if source is None:
        if not given.get("title"):
            return refuse(_("A new source needs a title; this line has none."))
        source = Source(url=url, **given)
        report.outcome = CREATED
        comment = _("Imported from %(file)s, line %(line)d") % {"file": comment_file, "line": line}
    else:
        report.changed = [c for c, value in given.items() if getattr(source, c) != value]
        if not report.changed:
            report.outcome = UNCHANGED
            return report
        for column in report.changed:
            setattr(source, column, given[column])
        report.outcome = UPDATED
        comment = _("Updated from %(file)s, line %(line)d") % {"file": comment_file, "line": line}
    if not dry_run:
        try:
            save_source(source, user=user, comment=comment)
        except (IntegrityError, DataError) as error:
            return refuse(
                _("The database refused the line (%(reason)s).")
                % {"reason": " ".join(str(error).split())}
            )
    return report
