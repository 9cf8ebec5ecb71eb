"""import_pages --format mediawiki: a fictional dump (schema 0.11) with three articles, a talk
page, a redirect, named refs, cite templates, an infobox and three revisions of one page."""

from datetime import UTC, datetime

import pytest
from reversion.models import Version

from profiles.importers.mapping import load_mapping
from profiles.importers.mediawiki import parse_wikitext
from profiles.models import Mention, Profile, Source
from tests.html import parse, text_of
from tests.profiles.importing import DUMP, run, stored_rows, summary_numbers

pytestmark = pytest.mark.django_db


def import_dump(*args, **options):
    return run("import_pages", *args, format="mediawiki", **options)


def wikitext(text, title="Page"):
    return parse_wikitext(text, title=title, mapping=load_mapping())


@pytest.mark.parametrize("all_revisions", [False, True])
def test_the_dry_run_writes_nothing_and_predicts_the_real_run(all_revisions):
    before = stored_rows()
    status, dry = import_dump(
        DUMP, dry_run=True, create_vocabulary=True, all_revisions=all_revisions
    )
    assert status == 0, dry
    assert stored_rows() == before
    status, real = import_dump(DUMP, create_vocabulary=True, all_revisions=all_revisions)
    assert status == 0, real
    assert summary_numbers(dry) == summary_numbers(real)
    numbers = summary_numbers(real)
    assert (numbers["new"], numbers["skipped"], numbers["failed"]) == (3, 2, 0)
    assert numbers["revisions"] == (5 if all_revisions else 3)


def test_the_latest_revision_is_imported_by_default():
    import_dump(DUMP, create_vocabulary=True)
    coop = Profile.objects.get(slug="millrace-food-co-op")
    versions = Version.objects.get_for_object(coop)
    assert versions.count() == 1
    assert versions.get().revision.comment == (
        "Imported from westmarch-wiki.xml: revision 1003 of “Millrace Food Co-op”"
    )
    assert "### Early years" in coop.body


def test_every_revision_keeps_its_date_and_names_its_author():
    import_dump(DUMP, create_vocabulary=True, all_revisions=True)
    coop = Profile.objects.get(slug="millrace-food-co-op")
    revisions = [v.revision for v in Version.objects.get_for_object(coop).order_by("pk")]
    assert [r.date_created for r in revisions] == [
        datetime(2019, 3, 4, 10, 15, tzinfo=UTC),
        datetime(2020, 6, 10, 8, 0, tzinfo=UTC),
        datetime(2022, 11, 21, 17, 30, tzinfo=UTC),
    ]
    assert [r.comment for r in revisions] == [
        "Imported from westmarch-wiki.xml: revision 1001 by Fernwood, 2019-03-04: “New page”",
        "Imported from westmarch-wiki.xml: revision 1002 by Hollis, 2020-06-10: "
        "“Infobox and history”",
        "Imported from westmarch-wiki.xml: revision 1003 by 203.0.113.9, 2022-11-21: "
        "“Sources, sub-section and members”",
    ]
    assert coop.created == datetime(2019, 3, 4, 10, 15, tzinfo=UTC)


def test_a_named_ref_reused_cites_one_source_from_the_lead_infobox_and_body(client):
    import_dump(DUMP, create_vocabulary=True)
    coop = Profile.objects.get(slug="millrace-food-co-op")
    founding = coop.citations.get(key="gazette-founding")
    reference = coop.reference_to(founding.source_id)
    assert [marker["letter"] for marker in reference["markers"]] == ["a", "b", "c"]
    formation = coop.facts.get(label__name="Formation")
    assert formation.value == "2011[^gazette-founding]"
    soup = parse(client.get("/profiles/millrace-food-co-op/"))
    first = soup.select("ol.reference-list > li")[0]
    assert "Okafor, Dana." in text_of(first)
    assert "Neighbors Open a Grocery of Their Own" in text_of(first)
    assert "Accessed March 1, 2019." in text_of(first)


def test_cite_templates_fill_the_source_fields():
    import_dump(DUMP, create_vocabulary=True)
    gazette = Source.objects.get(title="Neighbors Open a Grocery of Their Own")
    assert (gazette.authors, gazette.publication, gazette.kind) == (
        "Okafor, Dana",
        "Quay Street Gazette",
        "news",
    )
    assert str(gazette.published_date) == "2011-05-02"
    journal = Source.objects.get(title="Member Boards in Small Grocers")
    assert journal.authors == "Brandt, Oskar; Ilves, Mara"
    assert (journal.publication, journal.date_precision) == (
        "Westmarch Review of Cooperatives",
        "month",
    )


def test_two_pages_of_one_book_are_two_citations_of_one_source():
    import_dump(DUMP, create_vocabulary=True)
    coop = Profile.objects.get(slug="millrace-food-co-op")
    book = (
        Source.objects.filter(citations__profile=coop, title__startswith="Shelves").distinct().get()
    )
    pinpoints = sorted(coop.citations.filter(source=book).values_list("pinpoint", flat=True))
    assert pinpoints == ["p. 12", "p. 31: “Nobody was paid, and nobody missed a shift.”"]
    assert book.kind == "book" and book.publication == "Millrace Press"
    assert len([r for r in coop.references if r["source_id"] == book.pk]) == 1


def test_bare_refs_keep_what_they_have():
    import_dump(DUMP, create_vocabulary=True)
    bare = Source.objects.get(url="https://www.westmarch-ledger.example/2015/co-op-600/")
    assert bare.title == "https://www.westmarch-ledger.example/2015/co-op-600/"
    text_only = Source.objects.get(title__startswith="Annual Report 2021")
    assert text_only.url == ""
    linked = Source.objects.get(url="https://quaygazette.example/2019/archive-of-receipts")
    assert (linked.title, linked.publication) == ("The Archive of Receipts", "Quay Street Gazette")


def test_infobox_categories_and_links_map_to_profile_fields():
    import_dump(DUMP, create_vocabulary=True)
    coop = Profile.objects.get(slug="millrace-food-co-op")
    assert coop.category.slug == "non-profit"  # [[Category:Non-profits]]
    assert coop.location == "Millrace, Westmarch"
    assert sorted(t.name for t in coop.types.all()) == ["Food Cooperative", "Food Cooperatives"]
    assert [f.label.name for f in coop.facts.all()] == ["Formation", "Website"]
    moor = Profile.objects.get(slug="ines-moor")
    assert moor.category.slug == "person"  # [[Category:Living people]]
    assert moor.facts.get().value == "Historian and archivist"
    assert set(Mention.objects.filter(source=coop).values_list("target_slug", flat=True)) == {
        "harbor-tenants-alliance",
        "westmarch-renters-network",
    }
    assert "[[Westmarch Renters' Network|renters' network]]" in coop.lead


def test_talk_pages_and_redirects_are_skipped():
    status, output = import_dump(DUMP, create_vocabulary=True)
    assert "“Talk:Millrace Food Co-op” is not an article (namespace 1); skipped." in output
    assert "“Millrace Coop” redirects to “Millrace Food Co-op”; skipped." in output
    assert Profile.objects.count() == 3


def test_an_unmapped_infobox_label_is_refused_naming_the_dump_line():
    status, output = import_dump(DUMP)
    assert status == 1
    assert (
        "westmarch-wiki.xml, line 136: The infobox label “key_people” is not one of "
        "Sourcebook's labels" in output
    )


def test_rerunning_with_update_writes_nothing_new():
    import_dump(DUMP, create_vocabulary=True, all_revisions=True)
    revisions = stored_rows()["Revision"]
    status, output = import_dump(DUMP, update=True, all_revisions=True)
    assert status == 0, output
    assert summary_numbers(output)["unchanged"] == 3
    status, output = import_dump(DUMP, update=True)
    assert summary_numbers(output)["unchanged"] == 3
    assert stored_rows()["Revision"] == revisions


def test_wikitext_becomes_sourcebook_markdown():
    page = wikitext(
        "'''Bold''' and ''italic'' with [https://example.org a link] and "
        "[[Target page#History|a label]].\n"
        "* first\n** second\n# numbered\nAfter the list.\n"
        "== Section ==\nText *with* stars.\n=== Sub ===\n"
        "{| class=wikitable\n! Year !! Members\n|-\n| 2015 || 600\n|}\n"
        "{{Unknown template|x}}"
    )
    assert page.lead.splitlines() == [
        "**Bold** and *italic* with [a link](https://example.org) and [[Target page|a label]].",
        "- first",
        "  - second",
        "1. numbered",
        "",
        "After the list.",
    ]
    assert page.body.split("\n\n") == [
        "## Section",
        r"Text \*with\* stars.",
        "### Sub",
        "| Year | Members |\n| --- | --- |\n| 2015 | 600 |",
    ]
    assert any("{{Unknown template}}" in problem.message for problem in page.problems)


def test_a_ref_name_used_but_never_defined_is_an_error():
    page = wikitext("A claim.<ref name=ghost />")
    assert [problem.message for problem in page.errors] == [
        "The ref named “ghost” is used but never defined: its citation has no source."
    ]


def test_a_named_ref_may_be_defined_after_its_first_use():
    page = wikitext(
        "First.<ref name=later /> Second.<ref name=later>{{cite web |url=https://a.example "
        "|title=A}}</ref>"
    )
    assert page.lead == "First.[^later] Second.[^later]"
    assert page.errors == []


def test_imported_text_goes_through_the_sanitizer(client, tmp_path):
    hostile = DUMP.read_text(encoding="utf-8").replace(
        "Forty households pooled",
        "&lt;script&gt;alert(1)&lt;/script&gt; [javascript:alert(2) click] "
        "&lt;img src=x onerror=alert(3)&gt; Forty households pooled",
    )
    dump = tmp_path / "hostile.xml"
    dump.write_text(hostile, encoding="utf-8")
    import_dump(dump, create_vocabulary=True)
    soup = parse(client.get("/profiles/millrace-food-co-op/"))
    body = soup.select_one("#content") or soup
    assert not body.find("script", src=False, type=False)
    assert not body.find("img")
    assert not body.select('a[href^="javascript"]')
    assert "alert(1) [javascript:alert(2) click]" in text_of(body)  # as text, not markup
