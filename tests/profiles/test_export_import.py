import csv
import io
import json

import pytest
import reversion
from django.core.management import CommandError, call_command
from reversion.models import Revision, Version

from editorial.models import Suggestion
from profiles.models import Citation, Fact, FormerSlug, Profile, Source
from tests.conftest import assert_one_new_revision
from tests.factories import make_profile, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_and_private(db):
    shared = make_source(title="Budget Hearing Minutes", notes="Editors only: call the clerk.")
    own = make_source(title="Reading Rooms Reopen", url="", kind="book")
    alder = make_profile(
        "Alder Fund",
        location="Alder Falls",
        aliases="AF\nAlder Foundation",
        types=["Literacy"],
        lead="It lends books.[^a] It works with [[Bayside Union]].[^b]",
        body="## Background\n\nIt began in a library basement.[^a]",
        facts=[("Formation", "2004[^a]"), ("Website", "https://alder.example")],
        citations={"a": shared, "b": own},
    )
    with reversion.create_revision():
        FormerSlug.objects.create(slug="alder-literacy-fund", profile=alder)
    make_profile("Bayside Union", category="labor-union", citations={"first": shared})
    secret = make_source(title="Leaked Draft Memo", url="https://secret.example/memo")
    draft = make_profile("Hidden Draft", published=False, citations={"first": secret})
    Suggestion.objects.create(
        kind="edit",
        profile=draft,
        message="Please add the memo.",
        contributor_email="whistle@example.org",
        address_hash="a" * 64,
    )


def export(fmt="json"):
    out = io.StringIO()
    call_command("export_profiles", format=fmt, stdout=out)
    return out.getvalue()


def public_content(data):
    """The export without database ids and times, to compare two databases."""
    sources = {s.pop("id"): s for s in data["sources"]}
    for profile in data["profiles"]:
        del profile["created"], profile["updated"]
        for citation in profile["citations"]:
            citation["source"] = sources[citation["source"]]
    return data["profiles"], sorted(sources.values(), key=lambda s: s["title"])


def wipe():
    Profile.objects.all().delete()
    Source.objects.all().delete()


def test_an_export_imported_into_an_empty_database_reproduces_every_public_row(
    public_and_private, tmp_path, editor
):
    path = tmp_path / "public.json"
    path.write_text(export())
    before = public_content(json.loads(path.read_text()))
    wipe()
    call_command("import_profiles", str(path), user=editor.username, stdout=io.StringIO())
    assert public_content(json.loads(export())) == before
    assert Profile.objects.count() == 2
    assert Fact.objects.count() == 2
    assert Citation.objects.count() == 3
    assert Source.objects.count() == 2


def test_the_import_renders_each_profile_after_its_facts_and_citations_exist(
    public_and_private, tmp_path, client
):
    path = tmp_path / "public.json"
    path.write_text(export())
    wipe()
    call_command("import_profiles", str(path), stdout=io.StringIO())
    alder = Profile.objects.get(slug="alder-fund")
    assert len(alder.references) == 2
    assert 'class="reference"' in alder.facts.get(label__name="Formation").value_html
    assert list(alder.mentions.values_list("target_slug", flat=True)) == ["bayside-union"]
    response = client.get("/profiles/alder-literacy-fund/")
    assert response.status_code == 301, "former slugs keep answering"


def test_each_imported_profile_is_one_revision_by_the_given_user_naming_the_file(
    public_and_private, tmp_path, editor
):
    path = tmp_path / "public.json"
    path.write_text(export())
    wipe()
    call_command("import_profiles", str(path), user=editor.username, stdout=io.StringIO())
    for profile in Profile.objects.all():
        assert_one_new_revision(
            profile, before=0, user=editor, comment_contains="Imported from public.json"
        )
        revision = Version.objects.get_for_object(profile).get().revision
        assert {v.object_repr for v in revision.version_set.filter(content_type__model="fact")} == {
            str(fact) for fact in profile.facts.all()
        }


def test_the_export_holds_no_private_data(public_and_private):
    text = export()
    for private in [
        "Hidden Draft",
        "Leaked Draft Memo",
        "Please add the memo",
        "whistle@example.org",
        "a" * 64,
        "Editors only",
        "notes",
        "edith",
    ]:
        assert private not in text, private
    data = json.loads(text)
    assert [p["slug"] for p in data["profiles"]] == ["alder-fund", "bayside-union"]


def test_the_csv_export_has_one_row_per_published_profile(public_and_private):
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    assert [row["name"] for row in rows] == ["Alder Fund", "Bayside Union"]
    assert rows[0]["aliases"] == "AF; Alder Foundation"
    assert rows[0]["facts"].splitlines() == [
        "Formation: 2004[^a]",
        "Website: https://alder.example",
    ]
    assert "Editors only" not in export("csv") and "Hidden Draft" not in export("csv")


def test_the_import_reuses_a_source_that_has_the_same_normalized_url(public_and_private, tmp_path):
    path = tmp_path / "public.json"
    path.write_text(export())
    wipe()
    existing = make_source(url="HTTPS://news.EXAMPLE/story-1?utm_source=mail#top")
    data = json.loads(path.read_text())
    budget = next(s for s in data["sources"] if s["title"] == "Budget Hearing Minutes")
    budget["url"] = "https://news.example/story-1/"
    path.write_text(json.dumps(data))
    call_command("import_profiles", str(path), stdout=io.StringIO())
    assert Source.objects.count() == 2
    assert Citation.objects.filter(key="a").get().source == existing


def test_the_import_refuses_profiles_that_already_exist_and_changes_nothing(
    public_and_private, tmp_path
):
    path = tmp_path / "public.json"
    path.write_text(export())
    count = Profile.objects.count()
    with pytest.raises(CommandError, match="already exist: alder-fund, bayside-union"):
        call_command("import_profiles", str(path), stdout=io.StringIO())
    assert Profile.objects.count() == count


@pytest.mark.parametrize("content", ["not json", '{"format": "something else"}', "[]"])
def test_the_import_refuses_a_file_that_is_not_an_export(tmp_path, content):
    path = tmp_path / "other.json"
    path.write_text(content)
    with pytest.raises(CommandError):
        call_command("import_profiles", str(path), stdout=io.StringIO())


def test_a_damaged_export_is_refused_with_a_reason_and_imports_nothing(tmp_path):
    damaged = tmp_path / "damaged.json"
    damaged.write_text(
        json.dumps({"format": "sourcebook-profiles", "version": 1, "profiles": [{"slug": "x"}]})
    )
    with pytest.raises(CommandError, match="incomplete or damaged .*nothing was imported"):
        call_command("import_profiles", str(damaged), stdout=io.StringIO())
    assert not Profile.objects.exists()


def damaged_export(tmp_path, damage):
    """The fixture's export, with the database emptied and ``damage`` applied to the second
    profile (Bayside Union): the first would import fine."""
    data = json.loads(export())
    wipe()
    damage(data["profiles"][1])
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data))
    return path


def assert_nothing_imported(revisions_before):
    assert not Profile.objects.exists()
    assert not Source.objects.exists()
    assert Revision.objects.count() == revisions_before


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.update(lead=p["lead"] + " Also this.[^ghost]"),
        lambda p: p.update(body=p["body"] + "\n\nAnd this.[^ghost]"),
        lambda p: p["facts"].append(
            {"label": "Website", "value": "https://b.example[^ghost]", "as_of": None, "position": 9}
        ),
    ],
    ids=["lead", "body", "fact"],
)
def test_a_profile_citing_a_key_it_has_no_citation_for_is_refused_and_nothing_is_imported(
    public_and_private, tmp_path, damage
):
    path = damaged_export(tmp_path, damage)
    before = Revision.objects.count()
    with pytest.raises(
        CommandError,
        match=r"“bayside-union”: The marker \[\^ghost\] does not match .* Nothing was imported",
    ):
        call_command("import_profiles", str(path), stdout=io.StringIO())
    assert_nothing_imported(before)


@pytest.mark.parametrize(
    "damage, reason",
    [
        (
            lambda p: p["citations"].append({**p["citations"][0], "pinpoint": "p. 2"}),
            "Each citation key may be used once in a profile; repeated: .* Nothing was imported",
        ),
        (
            lambda p: p.update(slug="alder-fund"),
            "database refused the export .*nothing was imported",
        ),
    ],
    ids=["citation key twice", "slug twice"],
)
def test_a_file_the_database_refuses_is_refused_with_a_reason_and_nothing_is_imported(
    public_and_private, tmp_path, damage, reason
):
    path = damaged_export(tmp_path, damage)
    before = Revision.objects.count()
    with pytest.raises(CommandError, match=reason):
        call_command("import_profiles", str(path), stdout=io.StringIO())
    assert_nothing_imported(before)


def test_a_nul_character_is_refused_on_every_database_and_nothing_is_imported(
    public_and_private, tmp_path
):
    path = damaged_export(tmp_path, lambda p: p.update(location="Bay\x00side"))
    before = Revision.objects.count()
    with pytest.raises(CommandError, match="contains a NUL character.*nothing was imported"):
        call_command("import_profiles", str(path), stdout=io.StringIO())
    assert_nothing_imported(before)
