"""The admin's "Import pages": editors upload, read the dry run, confirm; nobody else may."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from profiles.models import Profile, ProfileType
from tests.html import parse, text_of
from tests.profiles.importing import DUMP, TEXT_PAGES, stored_rows

pytestmark = pytest.mark.django_db

URL = reverse("admin:profiles_profile_import")


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.SOURCEBOOK_IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.SOURCEBOOK_IMPORT_UPLOAD_DIR


@pytest.fixture
def vocabulary(db):
    ProfileType.objects.create(name="Tenant Advocacy")


def upload(name, folder=TEXT_PAGES):
    return SimpleUploadedFile(name, (folder / name).read_bytes(), content_type="text/plain")


def check(client, *names, **options):
    data = {"format": "text", "files": [upload(name) for name in names], **options}
    return client.post(URL, data)


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "who, expected", [("anonymous", 302), ("contributor", 302), ("outsider", 403), ("editor", 200)]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_editors_reach_the_import_page(editor, outsider, contributor, who, expected, method):
    user = {"anonymous": None, "contributor": contributor, "outsider": outsider, "editor": editor}
    response = getattr(client_for(user[who]), method)(URL)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_index_links_to_it_for_editors_only(editor, outsider):
    link = parse(client_for(editor).get(reverse("admin:index"))).find("a", href=URL)
    assert text_of(link) == "Import pages"
    assert parse(client_for(outsider).get(reverse("admin:index"))).find("a", href=URL) is None


def test_checking_files_shows_the_dry_run_and_writes_nothing(editor_client, vocabulary):
    before = stored_rows()
    response = check(
        editor_client,
        "harbor-tenants-alliance.txt",
        "harbor-tenants-alliance.subsections",
        "marisol-quenby.txt",
    )
    soup = parse(response)
    assert stored_rows() == before
    rows = soup.select("tr.import-row")
    assert [text_of(row.select("td")[1]) for row in rows] == ["new profile", "new profile"]
    alliance = rows[0].select("td")
    assert (
        text_of(alliance[0]) == "Harbor Tenants Alliance (Non-profit) harbor-tenants-alliance.txt"
    )
    assert "› 2019 Housing Authority Sit-in" in text_of(alliance[2])
    assert [text_of(cell) for cell in alliance[3:]] == ["22", "11", "11, 0"]
    assert "marisol-quenby.txt, line 36: The entry has no title in quotation marks" in text_of(soup)
    assert soup.find("input", type="submit", value="Import 2 pages")


def test_confirming_imports_the_checked_files_as_the_editor(
    editor_client, editor, vocabulary, uploads_in_tmp
):
    soup = parse(check(editor_client, "harbor-tenants-alliance.txt", "marisol-quenby.txt"))
    token = soup.find("input", attrs={"name": "token"})["value"]
    response = editor_client.post(URL, {"token": token})
    soup = parse(response)
    assert "2 pages were imported." in text_of(soup)
    assert [text_of(row.select("td")[1]) for row in soup.select("tr.import-row")] == [
        "imported",
        "imported",
    ]
    alliance = Profile.objects.get(slug="harbor-tenants-alliance")
    revision = Version.objects.get_for_object(alliance).get().revision
    assert (revision.user, revision.comment) == (
        editor,
        "Imported from harbor-tenants-alliance.txt",
    )
    assert len(alliance.references) == 11
    assert not (uploads_in_tmp / token).exists()
    again = editor_client.post(URL, {"token": token}, follow=True)
    assert "no longer waiting to be imported" in text_of(parse(again))
    assert Profile.objects.count() == 2


def test_a_token_from_another_session_imports_nothing(editor_client, editor, vocabulary):
    soup = parse(check(editor_client, "marisol-quenby.txt"))
    token = soup.find("input", attrs={"name": "token"})["value"]
    other = Client()
    other.force_login(editor)
    response = other.post(URL, {"token": token})
    assert response.status_code == 302
    assert not Profile.objects.exists()


def test_a_page_that_would_fail_is_shown_with_its_reason(editor_client):
    soup = parse(check(editor_client, "bayside-dockworkers-local-14.txt"))
    row = soup.select_one("tr.import-row")
    assert text_of(row.select("td")[1]) == "would fail"
    problems = text_of(soup.select_one("tr.import-problems"))
    assert (
        "bayside-dockworkers-local-14.txt, line 5: “Port Workers” is not one of Sourcebook's types"
        in problems
    )
    assert soup.find("input", type="submit", value="Check the files") is None
    assert not soup.find("input", type="submit", value="Import 1 page")


def test_creating_vocabulary_is_an_option(editor_client):
    soup = parse(check(editor_client, "bayside-dockworkers-local-14.txt", create_vocabulary="on"))
    assert text_of(soup.select_one("tr.import-row").select("td")[1]) == "new profile"
    assert (
        "Adds to the vocabulary: the type “Port Workers”, the type “Tenant Advocacy”."
        in text_of(soup)
    )


def test_a_mediawiki_dump_is_checked_the_same_way(editor_client):
    dump = SimpleUploadedFile("wiki.xml", DUMP.read_bytes(), content_type="application/xml")
    data = {
        "format": "mediawiki",
        "files": [dump],
        "create_vocabulary": "on",
        "all_revisions": "on",
    }
    soup = parse(editor_client.post(URL, data))
    outcomes = [text_of(row.select("td")[1]) for row in soup.select("tr.import-row")]
    assert outcomes == [
        "new profile · 3 revisions",
        "skipped",
        "new profile",
        "skipped",
        "new profile",
    ]


def test_a_file_of_the_wrong_kind_is_refused_by_the_form(editor_client):
    data = {"format": "text", "files": [SimpleUploadedFile("logo.png", b"\x89PNG")]}
    soup = parse(editor_client.post(URL, data))
    assert "“logo.png” is not a profile pages saved as text file" in text_of(
        soup.select_one(".errorlist")
    )
    assert not soup.select("tr.import-row")


def test_sending_no_file_asks_for_one(editor_client):
    soup = parse(editor_client.post(URL, {"format": "text"}))
    assert "This field is required." in text_of(soup.select_one(".errorlist"))
