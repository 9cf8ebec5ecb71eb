"""Helpers for the importer tests: the fixtures, and running the commands."""

import io
import re
from pathlib import Path

from django.core.management import CommandError, call_command
from reversion.models import Revision

from profiles.models import Category, Citation, Fact, FactLabel, Profile, ProfileType, Source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
TEXT_PAGES = FIXTURES / "text"
DUMP = FIXTURES / "mediawiki" / "westmarch-wiki.xml"
SOURCES_CSV = FIXTURES / "csv" / "sources.csv"


def run(command, *args, **options):
    """(exit status, output) of a management command: 1 when it raised CommandError."""
    out = io.StringIO()
    try:
        call_command(command, *map(str, args), stdout=out, stderr=io.StringIO(), **options)
    except CommandError as error:
        return 1, out.getvalue() + str(error)
    return 0, out.getvalue()


def summary_numbers(output):
    """The figures of import_pages' summary lines, by name."""
    pages = re.search(
        r"(\d+) pages?: (\d+) (?:would be )?imported \((\d+) new, (\d+) updated\), (\d+) "
        r"unchanged, (\d+) skipped, (\d+) failed",
        output,
    )
    sources = re.search(
        r"Sources: (\d+) (?:would be )?created, (\d+) reused\. Revisions: (\d+)", output
    )
    names = ["pages", "imported", "new", "updated", "unchanged", "skipped", "failed"]
    numbers = dict(zip(names, map(int, pages.groups()), strict=True))
    numbers.update(
        zip(
            ["sources_created", "sources_reused", "revisions"],
            map(int, sources.groups()),
            strict=True,
        )
    )
    return numbers


def stored_rows():
    """How many rows of each kind an import may write, to show that nothing was written."""
    models = [Profile, Fact, Citation, Source, Revision, Category, FactLabel, ProfileType]
    return {model.__name__: model.objects.count() for model in models}
