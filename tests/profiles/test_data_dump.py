"""/data/ offers the latest full export as compressed JSON, built by a command and never per
request."""

import gzip
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from reversion.models import Revision

from profiles.dumps import DESCRIPTION_NAME, DUMP_NAME, build_data_dump
from tests.factories import make_profile
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

DOWNLOAD = "/data/sourcebook-profiles.json.gz"


def build():
    out = io.StringIO()
    call_command("build_data_dump", stdout=out)
    return out.getvalue()


def downloaded(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return response, json.loads(gzip.decompress(b"".join(response.streaming_content)))


def test_before_any_build_the_page_says_so_and_the_download_is_a_404(client):
    page = parse(client.get("/data/"))
    assert "No export has been built yet." in text_of(page.select_one("main"))
    assert not page.find("a", href=DOWNLOAD)
    assert client.get(DOWNLOAD).status_code == 404


def test_the_command_writes_every_published_profile_and_no_draft_as_compressed_json(settings):
    make_profile("Alder Fund")
    make_profile("Hidden Draft", published=False)
    output = build()
    assert "Wrote 1 profiles and 1 sources" in output
    data = json.loads(gzip.decompress((settings.DATA_DUMP_DIR / DUMP_NAME).read_bytes()))
    assert [p["slug"] for p in data["profiles"]] == ["alder-fund"]
    assert data["format"] == "sourcebook-profiles"
    assert data["license"]["name"] == "CC BY-SA 4.0"


def test_the_page_gives_the_download_with_its_date_size_contents_and_licence(client, settings):
    make_profile("Alder Fund")
    dump = build_data_dump()
    main = parse(client.get("/data/")).select_one("main")
    link = main.find("a", href=DOWNLOAD)
    assert text_of(link) == f"Download sourcebook-profiles-{dump.built_at:%Y-%m-%d}.json.gz"
    facts = text_of(main.select_one("dl.data-dump"))
    assert f"Built {dump.built_at:%B} {dump.built_at.day}, {dump.built_at:%Y}" in facts
    size = (settings.DATA_DUMP_DIR / DUMP_NAME).stat().st_size
    assert f"Size {' '.join(filesizeformat(size).split())}, compressed" in facts
    assert "Contents 1 profile and 1 sources" in facts
    assert "Licence CC BY-SA 4.0" in facts
    assert dump.sha256 in facts


def test_the_page_tells_a_mirror_where_to_follow_the_changes_from(client):
    make_profile("Alder Fund")
    dump = build_data_dump()
    assert dump.last_revision == Revision.objects.latest("pk").pk
    main = parse(client.get("/data/")).select_one("main")
    assert main.find("a", href=f"/api/changes/?since={dump.last_revision}")
    assert f"every change up to revision {dump.last_revision}" in text_of(main)


def test_the_download_is_the_file_as_built_not_rebuilt_per_request(
    client, django_assert_num_queries
):
    make_profile("Alder Fund")
    dump = build_data_dump()
    make_profile("Bayside Union")  # published after the build
    with django_assert_num_queries(0):
        response, data = downloaded(client)
    assert [p["slug"] for p in data["profiles"]] == ["alder-fund"]
    assert data["last_revision"] == dump.last_revision
    assert response["Content-Type"] == "application/gzip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="sourcebook-profiles-{dump.built_at:%Y-%m-%d}.json.gz"'
    )
    assert response["Link"] == '<https://creativecommons.org/licenses/by-sa/4.0/>; rel="license"'
    build_data_dump()
    assert [p["slug"] for p in downloaded(client)[1]["profiles"]] == ["alder-fund", "bayside-union"]


def test_a_mirror_revalidates_the_download_with_its_etag_or_date(client):
    make_profile()
    dump = build_data_dump()
    response, _data = downloaded(client)
    assert response["ETag"] == f'"{dump.sha256}"'
    again = client.get(DOWNLOAD, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    again = client.get(DOWNLOAD, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_the_checksum_on_the_page_is_the_files(client, settings):
    make_profile()
    dump = build_data_dump()
    content = (settings.DATA_DUMP_DIR / DUMP_NAME).read_bytes()
    assert hashlib.sha256(content).hexdigest() == dump.sha256
    assert dump.size == len(content)


def test_a_build_leaves_only_the_dump_and_its_description_behind(settings):
    make_profile()
    build_data_dump()
    build_data_dump()
    names = sorted(path.name for path in settings.DATA_DUMP_DIR.iterdir())
    assert names == sorted([DUMP_NAME, DESCRIPTION_NAME])


def test_a_damaged_description_reads_as_no_export_rather_than_an_error(client, settings):
    make_profile()
    build_data_dump()
    (settings.DATA_DUMP_DIR / DESCRIPTION_NAME).write_text("{not json")
    assert "No export has been built yet." in text_of(parse(client.get("/data/")))
    assert client.get(DOWNLOAD).status_code == 404
