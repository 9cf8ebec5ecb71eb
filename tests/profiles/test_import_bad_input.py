"""Bad input to the importers: one clear message naming the file (and the line), a non-zero
exit status, and nothing half-imported."""

import pytest

from profiles.models import Profile
from tests.profiles.importing import DUMP, SOURCES_CSV, TEXT_PAGES, run, stored_rows

pytestmark = pytest.mark.django_db

PAGE = (TEXT_PAGES / "bayside-dockworkers-local-14.txt").read_text(encoding="utf-8")
DUMP_TEXT = DUMP.read_text(encoding="utf-8")


def problems(output, path):
    """The output's lines that report a problem with the file."""
    return [line.strip() for line in output.splitlines() if line.strip().startswith(str(path))]


def import_file(path, fmt="text", **options):
    before = stored_rows()
    status, output = run("import_pages", path, format=fmt, create_vocabulary=True, **options)
    assert status == 1, output
    assert stored_rows() == before, "a refused file wrote something"
    return output


def test_a_missing_file(tmp_path):
    missing = tmp_path / "missing.txt"
    output = import_file(missing)
    assert problems(output, missing) == [f"{missing}: There is no such file or folder."]


def test_a_binary_file(tmp_path):
    image = tmp_path / "logo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    output = import_file(image)
    assert (
        f"{image}, line 1: The file is not UTF-8 text: byte 0x89 cannot be read. Is it a "
        "binary file? Save the page as UTF-8 text." in output
    )


def test_a_20_mb_page(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text(PAGE + "A long paragraph that goes on. " * 700_000, encoding="utf-8")
    assert huge.stat().st_size > 20 * 1024 * 1024
    output = import_file(huge)
    assert f"{huge}: The file is 20." in output
    assert "a text page may be at most 2.0 MB, so it was not read." in output


def test_a_20_mb_revision_in_a_dump(tmp_path):
    dump = tmp_path / "huge.xml"
    dump.write_text(
        DUMP_TEXT.replace("Forty households", "Forty households " + "and more " * 2_400_000),
        encoding="utf-8",
    )
    status, output = run("import_pages", dump, format="mediawiki", create_vocabulary=True)
    assert status == 1
    assert f"{dump}, line 70: The wikitext of “Millrace Food Co-op” is 20." in output
    assert "was not imported." in output
    assert sorted(Profile.objects.values_list("slug", flat=True)) == [
        "ines-moor",
        "westmarch-renters-network",
    ]


def test_nul_bytes_in_a_text_page(tmp_path):
    page = tmp_path / "nul.txt"
    page.write_text(PAGE.replace("History", "His\x00tory"), encoding="utf-8")
    output = import_file(page)
    assert (
        f"{page}, line 13: The file contains a NUL character, which a page cannot hold; "
        "remove it." in output
    )


def test_nul_bytes_in_a_dump(tmp_path):
    dump = tmp_path / "nul.xml"
    dump.write_text(DUMP_TEXT.replace("New page", "New\x00page"), encoding="utf-8")
    output = import_file(dump, "mediawiki")
    assert (
        f"{dump}, line 25: The dump is cut off or damaged inside the page “Millrace Food Co-op” "
        "(line 25 holds a NUL character, which XML cannot carry)" in output
    )


def test_a_truncated_dump_imports_the_pages_before_the_cut_and_nothing_of_the_cut_page(
    tmp_path,
):
    dump = tmp_path / "cut.xml"
    cut = DUMP_TEXT.index("In 2020 the network wrote")
    dump.write_text(DUMP_TEXT[:cut], encoding="utf-8")
    status, output = run("import_pages", dump, format="mediawiki", create_vocabulary=True)
    assert status == 1
    assert (
        f"{dump}, line 141: The dump is cut off or damaged inside the page “Westmarch Renters' "
        "Network” (no element found: line 141, column 0); that page was not imported, and "
        "reading stopped there." in output
    )
    assert list(Profile.objects.values_list("slug", flat=True)) == ["millrace-food-co-op"]


def test_a_dump_cut_inside_its_first_page_imports_nothing(tmp_path):
    dump = tmp_path / "cut.xml"
    dump.write_text(DUMP_TEXT[: DUMP_TEXT.index("Members worked two shifts")], encoding="utf-8")
    output = import_file(dump, "mediawiki", all_revisions=True)
    assert f"{dump}, line 8" in output and "inside the page “Millrace Food Co-op”" in output


def test_a_file_that_is_no_dump(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<html><body>Not a dump</body></html>", encoding="utf-8")
    output = import_file(page, "mediawiki")
    assert f"{page}, line 1: This is not a MediaWiki XML dump" in output


def test_a_footnote_number_with_no_entry(tmp_path):
    page = tmp_path / "local14.txt"
    page.write_text(PAGE.replace("about 1,900 members. 2", "about 1,900 members. 12"))
    output = import_file(page)
    assert f"{page}, line 12: Footnote 12 has no entry in the references." in output


def test_a_csv_without_a_url_column(tmp_path):
    sheet = tmp_path / "sources.csv"
    sheet.write_text(SOURCES_CSV.read_text().replace("url,title", "link,title", 1))
    before = stored_rows()
    status, output = run("import_sources", sheet)
    assert status == 1
    assert output.startswith(
        f"{sheet}, line 1: The first line must name the columns, one of them “url”"
    )
    assert output.endswith("Nothing was imported.")
    assert stored_rows() == before
