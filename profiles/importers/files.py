"""Finding the files to import and reading a text file safely.

Every refusal is a Problem naming the file (and the line, where there is one): a missing
file, a file too large to be a page, bytes that are not UTF-8 text, a NUL character.
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from profiles.importers.parsed import Problem

TEXT_SUFFIXES = (".txt",)
DUMP_SUFFIXES = (".xml", ".xml.bz2", ".xml.gz")
SUBSECTIONS_SUFFIX = ".subsections"


def max_page_bytes():
    """The largest text page (or one revision's wikitext) an import reads."""
    return getattr(settings, "SOURCEBOOK_IMPORT_MAX_PAGE_BYTES", 2 * 1024 * 1024)


def megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def find_files(paths, suffixes):
    """Yield (path, None) for each file to read, in order, or (path, Problem) for a path
    that cannot be read; a folder gives its files with these suffixes, sorted."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(suffixes)
            )
            if not found:
                yield (
                    path,
                    Problem(
                        str(path),
                        None,
                        _("The folder holds no %(suffixes)s files.")
                        % {"suffixes": " or ".join(suffixes)},
                        is_error=True,
                    ),
                )
            yield from ((p, None) for p in found)
        elif path.is_file():
            yield path, None
        else:
            yield (
                path,
                Problem(str(path), None, _("There is no such file or folder."), is_error=True),
            )


def read_text(path, *, name=None):
    """(the text of a page file, None) or (None, the Problem that stops it being read)."""
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > max_page_bytes():
            return None, Problem(
                name,
                None,
                _(
                    "The file is %(size)s; a text page may be at most %(limit)s, so it was not "
                    "read. Is it one page?"
                )
                % {"size": megabytes(size), "limit": megabytes(max_page_bytes())},
                is_error=True,
            )
        data = path.read_bytes()
    except OSError as error:
        return None, Problem(
            name,
            None,
            _("The file cannot be read (%(error)s).") % {"error": error.strerror},
            is_error=True,
        )
    return decode_text(data, name)


def decode_text(data, name):
    """(text, None) for UTF-8 text without NUL characters, else (None, Problem)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, Problem(
            name,
            line,
            _(
                "The file is not UTF-8 text: byte 0x%(byte)02x cannot be read. Is it a binary "
                "file? Save the page as UTF-8 text."
            )
            % {"byte": data[error.start]},
            is_error=True,
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, Problem(
            name,
            line,
            _("The file contains a NUL character, which a page cannot hold; remove it."),
            is_error=True,
        )
    return text, None


def subsections_for(path):
    """The headings named in the page's side file (NAME.subsections beside NAME.txt)."""
    side = path.with_suffix(SUBSECTIONS_SUFFIX)
    if not side.is_file():
        return []
    return [line.strip() for line in side.read_text(encoding="utf-8").splitlines() if line.strip()]
