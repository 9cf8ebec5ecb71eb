"""Reading a profile page saved as text (profiles.importers.text.parse_text_page): no database."""

from datetime import date
from pathlib import Path

import pytest

from profiles.importers.text import parse_reference_entry, parse_text_page
from profiles.markup import find_marker_keys

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "text"


def read(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def alliance():
    """A page of the reference page's shape: 22 footnotes, 22 entries from 11 URLs."""
    return parse_text_page(
        read("harbor-tenants-alliance.txt"),
        filename="harbor-tenants-alliance.txt",
        subsections=["2019 Housing Authority Sit-in"],
    )


def test_a_page_of_the_reference_shape_gives_22_markers_and_11_reference_entries(alliance):
    assert alliance.markers == 22
    assert len(alliance.references) == 11
    assert sum(len(reference.numbers) for reference in alliance.references) == 22
    assert alliance.errors == []


def test_the_category_name_and_infobox_come_from_the_first_lines(alliance):
    assert alliance.category == "Non-profit"
    assert alliance.name == "Harbor Tenants Alliance"
    assert alliance.facts == [("Location", "Riverton, Westmarch"), ("Type", "Tenant Advocacy")]


def test_boilerplate_lines_are_dropped(alliance):
    texts = alliance.lead + alliance.body
    assert "suggested edits" not in texts
    assert "See an error" not in texts


def test_headings_become_sections_and_the_named_one_a_sub_section(alliance):
    assert alliance.sections == [
        (2, "Background"),
        (2, "Campaigns"),
        (3, "2019 Housing Authority Sit-in"),
        (2, "Housing Advocacy"),
        (2, "Transit and Libraries"),
    ]


def test_every_heading_is_a_section_unless_named():
    page = parse_text_page(read("harbor-tenants-alliance.txt"))
    assert [level for level, _title in page.sections] == [2, 2, 2, 2, 2]


def test_the_lead_holds_the_paragraphs_before_the_first_heading(alliance):
    paragraphs = alliance.lead.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Harbor Tenants Alliance (often called HTA)")
    assert alliance.body.startswith("## Background\n\n")


def test_footnotes_in_the_middle_of_a_paragraph_become_markers_before_the_next_sentence(alliance):
    paragraph = next(p for p in alliance.lead.split("\n\n") if "duct tape" in p)
    assert "“a neighborhood held together by duct tape.”[^harbor-courier] The alliance" in (
        paragraph
    )
    grouped = next(p for p in alliance.body.split("\n\n") if "folding chairs and a tarp" in p)
    assert "housing authority.[^lens-lamp][^rv-weekly] They asked" in grouped


def test_grouped_footnotes_at_the_end_of_a_paragraph_become_two_markers(alliance):
    paragraph = next(p for p in alliance.body.split("\n\n") if "one more night" in p)
    assert paragraph.endswith("copies of the timetable.[^lens-lamp][^rv-weekly]")


def test_entries_sharing_a_normalized_url_share_one_key_and_one_source(alliance):
    ledger = next(r for r in alliance.references if r.keys == ["westmarch-ledger"])
    assert ledger.numbers == [3, 11, 13, 14, 15]  # entry 14 carries a #comments fragment
    social = next(
        r for r in alliance.references if r.keys == ["socialbook-harbor-tenants-alliance"]
    )
    assert social.numbers == [5, 6]  # entry 6: other host case, no slash, a utm_ parameter
    keys = [key for reference in alliance.references for key in reference.keys]
    assert len(keys) == len(set(keys)) == 11


def test_keys_are_readable_and_every_marker_has_an_entry(alliance):
    keys = {key for reference in alliance.references for key in reference.keys}
    assert {"harbor-courier", "westmarch-ledger", "fair-keys-coalition"} <= keys
    used = set(find_marker_keys(alliance.lead + alliance.body))
    assert used == keys


def test_an_entry_reads_authors_title_publication_dates_and_url(alliance):
    first = alliance.references[0]
    assert first.authors == "Marlow, Priya"
    assert first.title == "Quay Street Tenants Want Their Roofs Back"
    assert first.publication == "The Harbor Courier"
    assert (first.published, first.precision) == (date(2019, 6, 14), "day")
    assert first.accessed == date(2023, 3, 2)
    assert first.url == "https://www.harbor-courier.example/2019/06/14/quay-street-tenants-roofs/"
    assert first.kind == "news"


def test_titles_keep_their_own_exclamation_and_question_marks(alliance):
    titles = {reference.title for reference in alliance.references}
    assert "Open Letter: A Roof Over Every Head!" in titles
    assert "Will the Night Bus Keep Running?" in titles


def test_an_entry_without_authors_or_date_keeps_what_it_has(alliance):
    about = next(r for r in alliance.references if r.keys == ["fair-keys-coalition"])
    assert (about.authors, about.title, about.publication) == (
        "",
        "About the Coalition",
        "Fair Keys Coalition",
    )
    assert about.published is None
    assert about.url == "https://www.fairkeys.example/about"


@pytest.mark.parametrize(
    "entry, expected",
    [
        (
            "Solis, Dana. “Crews Leave the Pier in Downtown L.A.” L.A. Harbor News. Sept. 17, "
            "2018. Accessed Aug. 29, 2021. https://news.example/crews-leave-the-pier/.",
            {
                "authors": "Solis, Dana",
                "title": "Crews Leave the Pier in Downtown L.A.",
                "publication": "L.A. Harbor News",
                "published": date(2018, 9, 17),
                "url": "https://news.example/crews-leave-the-pier/",
            },
        ),
        (
            "“Budget Hearing Minutes.” Riverton City Council. March 2020. "
            "https://council.riverton.gov/minutes/2020-03.",
            {
                "authors": "",
                "title": "Budget Hearing Minutes",
                "publication": "Riverton City Council",
                "published": date(2020, 3, 1),
                "precision": "month",
                "kind": "government",
            },
        ),
        (
            "Vale, Jordan, and Ines Moor. “Who Owns the Towers?” The Harbor Courier, 12 May "
            "2021, p. 4. https://www.harbor-courier.example/towers (archived at "
            "https://web.archive.org/web/2021/https://www.harbor-courier.example/towers).",
            {
                "authors": "Vale, Jordan, and Ines Moor",
                "title": "Who Owns the Towers?",
                "publication": "The Harbor Courier",
                "published": date(2021, 5, 12),
                "url": "https://www.harbor-courier.example/towers",
                "archive_url": (
                    "https://web.archive.org/web/2021/https://www.harbor-courier.example/towers"
                ),
            },
        ),
    ],
)
def test_reference_entries_in_other_spellings(entry, expected):
    reference, pinpoint, _accessed = parse_reference_entry(entry)
    for name, value in expected.items():
        assert getattr(reference, name) == value, name
    if "p. 4" in entry:
        assert pinpoint == "p. 4"


def test_a_book_entry_without_quotes_reads_its_title_and_publisher():
    page = parse_text_page(read("marisol-quenby.txt"), filename="marisol-quenby.txt")
    book = page.references[-1]
    assert (book.authors, book.title, book.publication) == (
        "Quenby, Marisol",
        "Forty Doors on Quay Street",
        "Millrace Press",
    )
    assert (book.published, book.precision, book.url, book.kind) == (
        date(2021, 1, 1),
        "year",
        "",
        "book",
    )
    assert any("no title in quotation marks" in p.message for p in page.problems)


def test_a_repeated_footnote_number_cites_the_same_key_again():
    page = parse_text_page(read("marisol-quenby.txt"))
    assert page.body.count("[^socialbook]") == 1 and page.lead.count("[^socialbook]") == 1
    assert page.errors == []


def test_markdown_characters_in_the_text_stay_text():
    page = parse_text_page(read("marisol-quenby.txt"))
    assert r"\*Notes from the Stairwell\*" in page.lead
    assert r"\[\[Harbor Tenants Alliance\]\]" in page.lead


def test_a_page_without_blank_lines_reads_the_same_way():
    page = parse_text_page(read("bayside-dockworkers-local-14.txt"))
    assert page.facts == [
        ("Location", "Bayside, Westmarch"),
        ("Type", "Port Workers; Tenant Advocacy"),
        ("Formation", "1952"),
        ("Website", "https://local14.example"),
    ]
    assert page.sections == [(2, "History"), (2, "Politics")]
    assert page.markers == 7 and len(page.references) == 6
    assert "in 1988.[^harbor-courier][^bayside-dockworkers-local-our-hall]" in page.body


def test_a_footnote_number_with_no_entry_is_an_error_naming_the_line():
    text = read("bayside-dockworkers-local-14.txt").replace("about 1,900 members. 2", "members. 9")
    page = parse_text_page(text, filename="local14.txt")
    assert [str(p) for p in page.errors] == [
        "local14.txt, line 12: Footnote 9 has no entry in the references."
    ]


def test_an_entry_no_footnote_cites_is_reported_with_its_line():
    text = read("bayside-dockworkers-local-14.txt").replace(
        "Ferry Road in 1988. 3 4", "Ferry Road."
    )
    page = parse_text_page(text, filename="local14.txt")
    assert "local14.txt, line 21: Entry 4 is never cited in the text." in map(str, page.problems)
    assert page.errors == []


def test_numbers_between_sentences_that_are_no_entry_stay_text():
    text = (
        "Non-profit\n\nRiver Fund\n\nThe fund met in 2019. 40 Members came. 1\n\nReferences\n\n"
        "1. “Minutes.” River Fund. https://river.example/minutes.\n"
    )
    page = parse_text_page(text)
    assert page.lead == "The fund met in 2019. 40 Members came.[^river-fund]"
    assert any("kept as text" in p.message for p in page.problems)


def test_bracketed_footnotes_are_read_too():
    text = (
        "Person\n\nAda Brook\n\nAda Brook chairs the board.[1][2]\n\nReferences\n\n"
        "1. “Board.” River Fund. https://river.example/board.\n"
        "2. “Annual Report.” River Fund. 2020. https://river.example/report.\n"
    )
    page = parse_text_page(text)
    assert page.lead == "Ada Brook chairs the board.[^river-fund][^river-fund-2020]"


def test_a_page_that_starts_with_a_sentence_is_refused():
    page = parse_text_page("This is a paragraph about nothing in particular.\n\nAnother one.\n")
    assert page.errors
    assert "category label" in page.errors[0].message


def test_an_empty_page_is_refused():
    page = parse_text_page("", filename="empty.txt")
    assert [str(p) for p in page.errors] == [
        "empty.txt, line 1: The page has no name: it should start with the category label and "
        "then the name, each on a line of its own."
    ]


def test_bullets_caret_entries_and_footnotes_after_a_colon():
    text = (
        "Non-profit\nRiver Fund\nThe fund was founded in 2001. 1\nPrograms\n"
        "It runs these programs: 2\n• Reading rooms 3\n• Night classes\nIt also lends books. 4\n"
        "References\n^ “Founding.” River Fund. https://river.example/a.\n"
        "^ a b “Programs.” River Fund. https://river.example/b.\n"
        "3. “Rooms.” River Fund. https://river.example/c.\n"
        "4. “Books.” River Fund. https://river.example/d.\n"
    )
    page = parse_text_page(text)
    assert page.body.split("\n\n") == [
        "## Programs",
        "It runs these programs:[^river-fund-programs]",
        "- Reading rooms[^river-fund-rooms]\n- Night classes",
        "It also lends books.[^river-fund-books]",
    ]
    assert page.references[1].title == "Programs" and page.references[1].authors == ""
    assert page.errors == []
    assert "was read as footnotes, though no sentence ends before it" in page.problems[0].message
