from dataclasses import replace
from datetime import date

import pytest
from django.template.loader import render_to_string

from profiles.diffs import DELETE, INSERT, diff_snapshots, diff_text
from profiles.history import ProfileSnapshot


def marked(segments, op):
    return [segment.text for segment in segments if segment.op == op]


def snapshot(**fields):
    base = ProfileSnapshot(
        name="Harbor Literacy Fund",
        slug="harbor-literacy-fund",
        category="Non-profit",
        location="Port Verity",
        types=["Education"],
        aliases="HLF",
        lead="The fund runs reading programs.[^a]",
        body="## Background\n\nIt began in a library basement.[^a]",
        published=True,
        facts=[("Website", "https://hlf.example", None), ("Budget", "$10,000[^a]", None)],
        citations=[
            {
                "key": "a",
                "source_id": 1,
                "source_title": "Reading Rooms Reopen",
                "source_url": "https://courier.example/rooms/",
                "accessed": date(2026, 10, 1),
                "pinpoint": "",
            }
        ],
    )
    return replace(base, **fields)


def test_identical_texts_have_no_rows():
    assert diff_text("One.\n\nTwo.", "One.\r\n\r\nTwo.\n") == []


def test_a_changed_paragraph_marks_only_the_changed_words():
    [row] = diff_text(
        "The alliance was formed in 2009 by residents.",
        "The alliance was founded in 2009 by tenants.",
    )
    assert row.kind == "changed"
    assert marked(row.old, DELETE) == ["formed", "residents"]
    assert marked(row.new, INSERT) == ["founded", "tenants"]
    assert "".join(s.text for s in row.new) == "The alliance was founded in 2009 by tenants."


def test_paragraphs_stay_aligned_when_one_is_added_before_an_edited_one():
    old = "Intro.\n\nIt has nine employees and a small budget.\n\nEnd."
    new = (
        "Intro.\n\nA new paragraph about grants.\n\n"
        "It has fourteen employees and a small budget.\n\nEnd."
    )
    rows = diff_text(old, new)
    assert [row.kind for row in rows] == ["context", "added", "changed", "context"]
    assert marked(rows[2].old, DELETE) == ["nine"]
    assert marked(rows[2].new, INSERT) == ["fourteen"]


def test_an_unrelated_rewrite_is_shown_as_removed_and_added_not_as_word_soup():
    rows = diff_text("Cats sleep all day.", "Budget figures for 2022 were filed late.")
    assert [row.kind for row in rows] == ["removed", "added"]


def test_unchanged_paragraphs_far_from_a_change_are_counted_not_shown():
    paragraphs = [f"Paragraph {n} stays." for n in range(10)]
    edited = [*paragraphs[:-1], "Paragraph 9 changes."]
    rows = diff_text("\n\n".join(paragraphs), "\n\n".join(edited))
    assert [row.kind for row in rows] == ["skipped", "context", "changed"]
    assert rows[0].skipped == 8


def test_equal_snapshots_have_no_changes():
    assert not diff_snapshots(snapshot(), snapshot()).has_changes


def test_field_and_infobox_changes_are_rows_with_labels():
    new = snapshot(
        name="Harbor Reading Fund",
        types=["Education", "Literacy"],
        facts=[("Website", "https://hrf.example", None), ("Revenue", "$5", date(2024, 1, 1))],
    )
    diff = diff_snapshots(snapshot(), new)
    assert [change.label for change in diff.fields] == ["Name", "Type"]
    assert {change.label: marked(change.new, INSERT) for change in diff.infobox} == {
        "Website": ["hrf"],
        "Revenue": ["$5 (as of January 1, 2024)"],
        "Budget": [],
    }
    assert marked(diff.infobox[-1].old, DELETE) == ["$10,000[^a]"]


def test_citations_added_removed_and_changed_are_listed_as_such():
    old = snapshot(
        citations=[
            {**snapshot().citations[0], "key": "gone"},
            {**snapshot().citations[0], "key": "kept"},
        ]
    )
    new = snapshot(
        citations=[
            {**snapshot().citations[0], "key": "kept", "pinpoint": "p. 4"},
            {**snapshot().citations[0], "key": "new", "source_id": 2, "source_title": "Budget"},
        ]
    )
    changes = {change.key: change for change in diff_snapshots(old, new).citations}
    assert {key: change.kind for key, change in changes.items()} == {
        "gone": "removed",
        "kept": "changed",
        "new": "added",
    }
    assert [detail.label for detail in changes["kept"].changes] == ["Pinpoint"]


def test_a_source_edited_between_revisions_shows_as_a_changed_citation():
    new = snapshot(citations=[{**snapshot().citations[0], "source_title": "Rooms Reopen Early"}])
    [change] = diff_snapshots(snapshot(), new).citations
    assert change.kind == "changed"
    assert [detail.label for detail in change.changes] == ["Source title"]


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "a & b < c"])
def test_the_diff_partial_escapes_text_and_marks_ins_and_del(text):
    diff = diff_snapshots(snapshot(), snapshot(lead=f"The fund runs {text} programs.[^a]"))
    html = render_to_string("profiles/_diff.html", {"diff": diff})
    assert "<script>" not in html
    assert '<ins class="diff-ins">' in html
    assert '<del class="diff-del">' in html
