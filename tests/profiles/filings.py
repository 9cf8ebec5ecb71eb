"""Shared set-up of the filings tests: the fixture returns and the profiles they belong to."""

from pathlib import Path

from django.core.management import call_command

from tests.factories import make_profile

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "filings"
GOOD, BAD = FIXTURES / "good", FIXTURES / "bad"


def make_filers():
    """The profiles whose EINs the good fixture returns carry, and two they name."""
    return {
        "alder": make_profile("Alder Falls Civic Fund", ein="12-3456789"),
        "lantern": make_profile("Lantern Street Tenants Union", ein="23-4567890"),
        "quarry": make_profile("Quarry Hill Foundation", ein="34-5678901"),
        "harbor": make_profile("Harbor Literacy Fund", ein="98-7654321"),
        "mara": make_profile("Mara Quill", category="person"),
    }


def run_import(*paths, **options):
    """import_filings' output, and whether it ended in an error."""
    from io import StringIO

    from django.core.management.base import CommandError

    out = StringIO()
    try:
        call_command("import_filings", *map(str, paths), stdout=out, **options)
    except CommandError as error:
        return out.getvalue() + str(error), True
    return out.getvalue(), False
