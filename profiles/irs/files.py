"""The returns named on import_filings' command line: XML files, folders of them (read in name
order) and zip archives, whose members are read one at a time, never unpacked to disk."""

import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from profiles.irs.returns import ReturnProblem, read_return


def returns_in(paths):
    """Each return in the paths, in order: a ParsedReturn, or a ReturnProblem for a file that
    cannot be read (the import goes on with the next)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in {".xml", ".zip"}:
                    yield from returns_in_file(child)
        elif path.exists():
            yield from returns_in_file(path)
        else:
            yield ReturnProblem(_("%(file)s does not exist.") % {"file": path})


def returns_in_file(path):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if member.is_dir() or not member.filename.lower().endswith(".xml"):
                    continue
                with archive.open(member) as stream:
                    yield parsed_or_problem(stream, f"{path}:{member.filename}")
        return
    with path.open("rb") as stream:
        yield parsed_or_problem(stream, str(path))


def parsed_or_problem(stream, name):
    try:
        return read_return(stream, name)
    except ReturnProblem as problem:
        return problem
