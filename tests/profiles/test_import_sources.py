"""import_sources: a spreadsheet of sources, deduplicated by normalized URL."""

from datetime import date

import pytest
from reversion.models import Version

from profiles.models import Source
from tests.factories import make_source
from tests.profiles.importing import SOURCES_CSV, run, stored_rows

pytestmark = pytest.mark.django_db

HEADER = "url,title,authors,publication,published,kind,archive_url\n"


def test_the_dry_run_writes_nothing_and_predicts_the_real_run():
    before = stored_rows()
    status, dry = run("import_sources", SOURCES_CSV, dry_run=True)
    assert status == 0, dry
    assert stored_rows() == before
    assert dry.splitlines()[-1].startswith(
        "4 rows: 3 sources would be created, 1 would be updated, 0 unchanged, 0 failed."
    )
    status, real = run("import_sources", SOURCES_CSV)
    assert real.splitlines()[-1].startswith("4 rows: 3 sources created, 1 updated, 0 unchanged")
    assert Source.objects.count() == 3


def test_rows_become_sources_with_their_fields():
    run("import_sources", SOURCES_CSV)
    minutes = Source.objects.get(title="Budget Hearing Minutes")
    assert (minutes.publication, minutes.kind) == ("Riverton City Council", "government")
    assert (minutes.published_date, minutes.date_precision) == (date(2020, 3, 1), "month")
    assert minutes.archive_url.startswith("https://web.archive.org/")
    stairs = Source.objects.get(title="The Bakery Stairs")
    assert (stairs.authors, stairs.published_date) == ("Quenby, Marisol", date(2020, 3, 1))


def test_a_url_already_stored_updates_that_source_without_blanking_it(editor):
    stored = make_source(
        url="https://www.harbor-courier.example/2019/06/14/quay-street-tenants-roofs/",
        title="Tenants Want Roofs",
        notes="Editors: check the print edition.",
    )
    status, output = run("import_sources", SOURCES_CSV, user="edith")
    assert status == 0, output
    stored.refresh_from_db()
    assert stored.title == "Quay Street Tenants Want Their Roofs Back"
    assert stored.archive_url.startswith("https://web.archive.org/web/2019/")
    assert stored.notes == "Editors: check the print edition."
    assert Source.objects.filter(normalized_url=stored.normalized_url).count() == 1
    latest = Version.objects.get_for_object(stored).first().revision
    assert (latest.user, latest.comment) == (editor, "Updated from sources.csv, line 5")


def test_running_it_again_changes_nothing():
    run("import_sources", SOURCES_CSV)
    revisions = stored_rows()["Revision"]
    status, output = run("import_sources", SOURCES_CSV)
    assert "0 sources created, 0 updated, 4 unchanged" in output
    assert stored_rows()["Revision"] == revisions


def test_bad_rows_are_reported_with_their_line_and_the_others_imported(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        HEADER
        + ",No Address,,,,,\n"
        + "https://a.example/1,Good Row,,,2021,news,\n"
        + "https://a.example/2,Bad Date,,,sometime,news,\n"
        + "https://a.example/3,Bad Kind,,,,podcast,\n"
        + "ftp://a.example/4,Bad Scheme,,,,,\n"
        + "https://a.example/5,,,,,,\n"
    )
    status, output = run("import_sources", sheet)
    assert status == 1
    assert [line for line in output.splitlines() if line.startswith(str(sheet))] == [
        f"{sheet}, line 2: The line has no url; sources are matched and stored by their URL.",
        f"{sheet}, line 4: The date “sometime” cannot be read; write 2019, 2019-03 or 2019-03-04.",
        f"{sheet}, line 5: The kind “podcast” is not one of news, filing, government, book, "
        "web, social.",
        f"{sheet}, line 6: The url “ftp://a.example/4” is not a web address starting with "
        "http:// or https://.",
        f"{sheet}, line 7: A new source needs a title; this line has none.",
    ]
    assert list(Source.objects.values_list("title", flat=True)) == ["Good Row"]


def test_a_binary_file_is_refused_with_its_line(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(HEADER.encode() + b"https://a.example/1,\xff\xfe title,,,,,\n")
    status, output = run("import_sources", sheet)
    assert status == 1
    assert f"{sheet}, line 2: The file is not UTF-8 text" in output
    assert not Source.objects.exists()


def test_nul_bytes_in_a_row_refuse_that_row(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(HEADER + "https://a.example/1,Nul\x00Title,,,,,\n")
    status, output = run("import_sources", sheet)
    assert status == 1
    assert f"{sheet}, line 2: The line contains a NUL character" in output


def test_a_missing_file(tmp_path):
    status, output = run("import_sources", tmp_path / "none.csv")
    assert status == 1
    assert output == f"{tmp_path / 'none.csv'}: There is no such file. Nothing was imported."
