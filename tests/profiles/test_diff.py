from dataclasses import replace
from datetime import date

import pytest
import reversion
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse
from reversion.models import Version

from profiles.diffs import DELETE, INSERT, ProfileSnapshot, diff_snapshots, diff_text
from profiles.revisions import latest_revision
from tests.factories import make_profile, make_profile_with_citations, make_source, rerender
from tests.html import parse, text_of


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


def test_an_added_citation_reads_as_its_reference_does():
    added = {**snapshot().citations[0], "key": "b", "source_id": 2, "pinpoint": "p. 4"}
    diff = diff_snapshots(snapshot(), snapshot(citations=[*snapshot().citations, added]))
    soup = BeautifulSoup(render_to_string("profiles/_diff.html", {"diff": diff}), "html.parser")
    assert text_of(soup.select_one(".diff-citation-added ins")) == (
        "“Reading Rooms Reopen.” p. 4. Accessed October 1, 2026. https://courier.example/rooms/"
    )


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "a & b < c"])
def test_the_diff_partial_escapes_text_and_marks_ins_and_del(text):
    diff = diff_snapshots(snapshot(), snapshot(lead=f"The fund runs {text} programs.[^a]"))
    html = render_to_string("profiles/_diff.html", {"diff": diff})
    assert "<script>" not in html
    assert '<ins class="diff-ins">' in html
    assert '<del class="diff-del">' in html


# The diff page ------------------------------------------------------------------------------


def edit_profile(profile, **fields):
    with reversion.create_revision():
        reversion.set_comment("Edited.")
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        rerender(profile)
    return latest_revision(profile).pk


def diff_page(client, profile, **params):
    return client.get(reverse("profiles:diff", args=[profile.slug]), params)


@pytest.mark.django_db
def test_the_diff_page_marks_removed_and_added_words_of_the_body(client):
    profile = make_profile(body="## Background\n\nIt began in a library basement.[^first]")
    first = latest_revision(profile).pk
    last = edit_profile(profile, body="## Background\n\nIt began in a church hall.[^first]")
    soup = parse(diff_page(client, profile, **{"from": first, "to": last}))
    assert len(soup.find_all("h1")) == 1
    assert [d.get_text() for d in soup.select("del.diff-del")] == ["library basement"]
    assert [i.get_text() for i in soup.select("ins.diff-ins")] == ["church hall"]
    headers = [th.get_text() for th in soup.select(".diff-text thead th")]
    assert headers == [f"Revision {first}", f"Revision {last}"]


@pytest.mark.django_db
def test_the_older_revision_is_on_the_left_whichever_order_they_are_asked_in(client):
    profile = make_profile(lead="Old words.[^first]")
    first = latest_revision(profile).pk
    last = edit_profile(profile, lead="New words.[^first]")
    soup = parse(diff_page(client, profile, **{"from": last, "to": first}))
    assert [d.get_text() for d in soup.select("del.diff-del")] == ["Old"]


@pytest.mark.django_db
def test_without_from_the_diff_compares_with_the_revision_before(client):
    profile = make_profile(lead="One.[^first]")
    edit_profile(profile, lead="Two.[^first]")
    last = edit_profile(profile, lead="Three.[^first]")
    for params in ({"to": last}, {}):
        soup = parse(diff_page(client, profile, **params))
        assert [d.get_text() for d in soup.select("del.diff-del")] == ["Two"]


@pytest.mark.django_db
def test_the_first_revision_is_compared_with_nothing(client):
    profile = make_profile(lead="First words.[^first]")
    soup = parse(diff_page(client, profile, to=latest_revision(profile).pk))
    assert "First words.[1]" in [i.get_text() for i in soup.select("ins.diff-ins")]
    assert [c.get_text(strip=True) for c in soup.select(".diff-citation-added strong + *")] == [
        "[1]"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"from": "abc", "to": "1"},
        {"to": "1.5"},
        {"from": ""},
        {"from": "²"},  # a digit to str.isdigit(), not to int()
        {"to": "²"},
        {"to": "١٢"},  # Arabic-Indic digits, which int() would read as 12
        {"to": "12\n"},
    ],
)
def test_a_diff_with_a_revision_that_is_not_a_number_is_not_found(client, params):
    profile = make_profile()
    assert diff_page(client, profile, **params).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999"])
@pytest.mark.parametrize("param", ["from", "to"])
def test_a_diff_with_a_revision_number_too_large_for_the_database_is_not_found(
    client, param, number
):
    profile = make_profile()
    assert diff_page(client, profile, **{param: number}).status_code == 404


@pytest.mark.django_db
def test_a_diff_with_another_profiles_revision_is_not_found(client):
    profile, other = make_profile(), make_profile("Other Fund")
    params = {"from": latest_revision(other).pk, "to": latest_revision(profile).pk}
    assert diff_page(client, profile, **params).status_code == 404


@pytest.mark.django_db
def test_a_diff_with_a_revision_that_cannot_load_explains_instead_of_failing(client):
    profile = make_profile()
    first = latest_revision(profile)
    last = edit_profile(profile, lead="Changed.[^first]")
    version = Version.objects.get_for_object(profile).get(revision=first)
    version.serialized_data = "[{not json"
    version.save()
    soup = parse(diff_page(client, profile, **{"from": first.pk, "to": last}))
    notice = soup.select_one(".unloadable-notice")
    assert f"Revision {first.pk} was stored before a change" in notice.get_text()
    assert notice.a["href"] == f"/profiles/{profile.slug}/revisions/{first.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("citation_count", [3, 40])
def test_the_diff_page_query_count_does_not_grow_with_citations(
    client, django_assert_num_queries, citation_count
):
    profile = make_profile_with_citations(citation_count)
    first = latest_revision(profile).pk
    last = edit_profile(profile, lead=profile.lead.replace("A coastal trust", "A harbor trust"))
    # profile, the two revisions' versions and revision rows, their users, the edits before
    # and after
    with django_assert_num_queries(6):
        response = diff_page(client, profile, **{"from": first, "to": last})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_diff_page_shows_markers_as_readers_see_them_not_as_citation_keys(client):
    profile = make_profile(
        lead="Founded in 1971.[^ocr] It grew.[^ledger]",
        body="## Background\n\nA union of cleaners.[^ledger]",
        facts=[("Formation", "1971 [^ocr]")],
        citations={"ocr": make_source(), "ledger": make_source()},
    )
    first = latest_revision(profile).pk
    last = edit_profile(profile, lead="Founded in 1971.[^ocr] It grew quickly.[^ledger]")
    page = text_of(parse(diff_page(client, profile, **{"from": first, "to": last})))
    assert "[^" not in page
    assert "It grew quickly.[2]" in page


@pytest.mark.django_db
def test_each_side_of_the_diff_numbers_its_markers_as_that_revision_did(client):
    profile = make_profile(
        lead="It grew.[^ledger]",
        body="",
        citations={"ocr": make_source(), "ledger": make_source()},
    )
    first = latest_revision(profile).pk
    last = edit_profile(profile, lead="Founded in 1971.[^ocr] It grew.[^ledger]")
    soup = parse(diff_page(client, profile, **{"from": first, "to": last}))
    row = soup.select_one(".diff-text tbody tr")
    old, new = (cell.get_text().strip() for cell in row.select("td"))
    assert old == "It grew.[1]"
    assert new == "Founded in 1971.[1] It grew.[2]"


@pytest.mark.django_db
def test_a_diff_links_to_the_edit_before_and_the_edit_after(client):
    profile = make_profile(lead="One.[^first]")
    first = latest_revision(profile).pk
    second = edit_profile(profile, lead="Two.[^first]")
    third = edit_profile(profile, lead="Three.[^first]")
    address = reverse("profiles:diff", args=[profile.slug])

    def steps(**params):
        nav = parse(diff_page(client, profile, **params)).select_one("nav.revision-nav")
        return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")} if nav else {}

    assert steps(**{"from": first, "to": second}) == {
        "← Older edit": f"{address}?to={first}",
        "Newer edit →": f"{address}?from={second}&to={third}",
    }
    assert steps(to=first) == {"Newer edit →": f"{address}?from={first}&to={second}"}
    assert steps(**{"from": second, "to": third}) == {
        "← Older edit": f"{address}?from={first}&to={second}"
    }


@pytest.mark.django_db
@pytest.mark.parametrize("citation_count", [3, 40])
def test_a_diff_shown_again_costs_the_same_few_queries_whatever_the_citations(
    client, contributor, django_assert_num_queries, citation_count
):
    profile = make_profile_with_citations(citation_count)
    first = latest_revision(profile).pk
    last = edit_profile(profile, lead=profile.lead.replace("A coastal trust", "A harbor trust"))
    client.force_login(contributor)  # past the page cache, to the view
    diff_page(client, profile, **{"from": first, "to": last})
    # the session and its user; the profile; the two revisions with their users (the rows
    # they stored and the diff are kept); the older and newer edits' ids; the user's
    # permissions, for the Edit tab
    with django_assert_num_queries(8):
        response = diff_page(client, profile, **{"from": first, "to": last})
    assert "harbor" in response.content.decode()
