"""import_pages --format text: the dry run predicts the real run, one revision per page, the
rendered pages show the reference entries, back-links and sections, re-runs are safe."""

import shutil

import pytest
from reversion.models import Version

from profiles.models import Profile, ProfileType, Source
from tests.conftest import assert_one_new_revision
from tests.html import parse, text_of
from tests.profiles.importing import TEXT_PAGES, run, stored_rows, summary_numbers

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(tmp_path):
    """A copy of the three fictional text pages (and the side file naming a sub-section)."""
    folder = tmp_path / "pages"
    shutil.copytree(TEXT_PAGES, folder)
    return folder


def import_text(*args, **options):
    return run("import_pages", *args, format="text", **options)


def test_the_dry_run_writes_nothing_and_predicts_the_real_run(pages, editor):
    before = stored_rows()
    status, dry = import_text(pages, dry_run=True, create_vocabulary=True)
    assert status == 0, dry
    assert stored_rows() == before
    status, real = import_text(pages, create_vocabulary=True, user="edith")
    assert status == 0, real
    predicted, done = summary_numbers(dry), summary_numbers(real)
    assert predicted == done
    assert done == {
        "pages": 3,
        "imported": 3,
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "failed": 0,
        # 6 + 11 + 7 entries; three URLs are cited by two pages: stored once.
        "sources_created": 21,
        "sources_reused": 3,
        "revisions": 3,
    }
    assert Source.objects.count() == 21


def test_the_dry_run_reports_each_page_with_its_numbers(pages):
    _status, output = import_text(pages, dry_run=True, create_vocabulary=True)
    assert "harbor-tenants-alliance.txt: “Harbor Tenants Alliance” (Non-profit): new profile" in (
        output
    )
    assert (
        "markers: 22; reference entries: 11; distinct sources: 11, of which 1 match existing "
        "sources" in output
    )
    assert (
        "sections: Background, Campaigns, › 2019 Housing Authority Sit-in, Housing Advocacy, "
        "Transit and Libraries" in output
    )
    assert "infobox: Location: Riverton, Westmarch | Types: Tenant Advocacy" in output
    assert "adds to the vocabulary: the type “Port Workers”, the type “Tenant Advocacy”" in output
    assert "marisol-quenby.txt, line 36: The entry has no title in quotation marks" in output


def test_each_page_is_one_revision_naming_its_file(pages, editor):
    import_text(pages, create_vocabulary=True, user="edith")
    for profile in Profile.objects.all():
        assert_one_new_revision(profile, before=0, user=editor, comment_contains="Imported from ")
    alliance = Profile.objects.get(slug="harbor-tenants-alliance")
    comment = Version.objects.get_for_object(alliance).get().revision.comment
    assert comment == "Imported from harbor-tenants-alliance.txt"


def test_the_rendered_page_shows_the_entries_back_links_and_sections(pages, client):
    import_text(pages, create_vocabulary=True)
    soup = parse(client.get("/profiles/harbor-tenants-alliance/"))
    entries = soup.select("ol.reference-list > li")
    assert len(entries) == 11
    assert len(soup.select("sup.reference")) == 22
    ledger = next(e for e in entries if "Sixth Week" in text_of(e))
    assert [a.get_text() for a in ledger.select("a.backlink")] == ["a", "b", "c", "d", "e"]
    assert "Marlow, Priya." in text_of(entries[0])
    # A title's own "!" or "?" gets no period after it.
    assert "“Open Letter: A Roof Over Every Head!” Westmarch" in text_of(soup)
    assert "“Will the Night Bus Keep Running?” Riverton" in text_of(soup)
    assert soup.find("h3", id="2019-housing-authority-sit-in")
    assert soup.find("h2", id="background") and soup.find("h2", id="campaigns")
    profile = Profile.objects.get(slug="harbor-tenants-alliance")
    assert profile.location == "Riverton, Westmarch"
    assert [t.name for t in profile.types.all()] == ["Tenant Advocacy"]


def test_a_source_two_pages_cite_is_stored_once(pages):
    import_text(pages, create_vocabulary=True)
    letter = Source.objects.get(normalized_url__contains="open-letter-a-roof-over-every-head")
    assert sorted(c.profile.slug for c in letter.citations.all()) == [
        "bayside-dockworkers-local-14",
        "harbor-tenants-alliance",
    ]


def test_unknown_vocabulary_refuses_the_page_naming_file_and_line(pages):
    ProfileType.objects.create(name="Tenant Advocacy")
    status, output = import_text(pages)
    assert status == 1
    assert (
        f"{pages}/bayside-dockworkers-local-14.txt, line 5: “Port Workers” is not one of "
        "Sourcebook's types" in output
    )
    assert "1 of 3 pages failed" in output
    assert sorted(Profile.objects.values_list("slug", flat=True)) == [
        "harbor-tenants-alliance",
        "marisol-quenby",
    ]


def test_a_page_that_fails_leaves_no_vocabulary_behind(pages):
    page = pages / "harbor-tenants-alliance.txt"
    page.write_text(page.read_text().replace("the timetable. 16 17", "the timetable. 16 99"))
    types_before = ProfileType.objects.count()
    status, output = import_text(pages / "harbor-tenants-alliance.txt", create_vocabulary=True)
    assert status == 1
    assert "Footnote 99 has no entry in the references." in output
    assert ProfileType.objects.count() == types_before
    assert not Profile.objects.exists() and not Source.objects.exists()


def test_existing_profiles_are_left_alone_without_update(pages):
    import_text(pages, create_vocabulary=True)
    status, output = import_text(pages)
    assert status == 0
    assert "A profile at /profiles/harbor-tenants-alliance/ already exists; it was left alone" in (
        output
    )
    assert summary_numbers(output)["skipped"] == 3


def test_update_writes_a_revision_only_for_a_changed_page(pages, editor, revision_count):
    import_text(pages, create_vocabulary=True)
    alliance = Profile.objects.get(slug="harbor-tenants-alliance")
    quenby = Profile.objects.get(slug="marisol-quenby")
    page = pages / "harbor-tenants-alliance.txt"
    page.write_text(page.read_text().replace("for eleven weeks", "for twelve weeks"))
    status, dry = import_text(pages, update=True, dry_run=True)
    status, output = import_text(pages, update=True, user="edith")
    assert status == 0, output
    assert summary_numbers(dry) == summary_numbers(output)
    numbers = summary_numbers(output)
    assert (numbers["updated"], numbers["unchanged"], numbers["sources_created"]) == (1, 2, 0)
    assert_one_new_revision(
        alliance, before=1, user=editor, comment_contains="Updated from harbor-tenants-alliance.txt"
    )
    assert revision_count(quenby) == 1
    alliance.refresh_from_db()
    assert "for twelve weeks" in alliance.lead


def test_update_of_an_unchanged_page_keeps_its_rows(pages):
    import_text(pages, create_vocabulary=True)
    alliance = Profile.objects.get(slug="harbor-tenants-alliance")
    citations = set(alliance.citations.values_list("pk", flat=True))
    import_text(pages, update=True)
    assert set(alliance.citations.values_list("pk", flat=True)) == citations


def test_a_heading_can_be_named_a_sub_section_on_the_command_line(pages):
    (pages / "harbor-tenants-alliance.subsections").unlink()
    import_text(
        pages / "harbor-tenants-alliance.txt", create_vocabulary=True, subsection=["Background"]
    )
    profile = Profile.objects.get()
    assert [(e["level"], e["title"]) for e in profile.toc][:2] == [
        (3, "Background"),
        (2, "Campaigns"),
    ]
