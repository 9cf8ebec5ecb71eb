"""Each use of a source keeps its own pinpoint and accessed date in the reference list."""

from datetime import date

import pytest

from profiles.models import Category, Citation, Profile
from profiles.services import save_profile
from tests.factories import make_source
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def cited_profile(uses):
    """A profile whose lead cites one source once per (key, pinpoint, accessed) use."""
    source = make_source(title="Annual Report 2022")
    lead = " ".join(f"Claim {n}.[^{key}]" for n, (key, _, _) in enumerate(uses))
    profile = Profile(
        name="Harbor Filing Trust",
        slug="harbor-filing-trust",
        category=Category.objects.get(slug="non-profit"),
        lead=lead,
        body="",
    )
    citations = [
        Citation(key=key, source=source, pinpoint=pinpoint, accessed=accessed)
        for key, pinpoint, accessed in uses
    ]
    return save_profile(profile, user=None, comment="Test.", citations=citations).profile


def backlinks(client, profile):
    entry = parse(client.get(profile.get_absolute_url())).find(id="cite-note-1")
    return entry, [
        (a.get_text(), (a.find_next_sibling() or a).get_text(" ", strip=True))
        for a in entry.select("a.backlink")
    ]


def test_each_back_link_shows_its_own_pinpoint_when_the_uses_cite_different_pages(client):
    day = date(2026, 10, 1)
    profile = cited_profile(
        [
            ("part-one", "Part I, p. 1", day),
            ("sched-o", "Schedule O", day),
            ("sched-c", "Schedule C", day),
        ]
    )
    entry, links = backlinks(client, profile)
    assert [letter for letter, _ in links] == ["a", "b", "c"]
    assert [use for _, use in links] == [
        ": Part I, p. 1",
        ": Schedule O",
        ": Schedule C",
    ]
    citation = entry.select_one(".source-citation").get_text(" ", strip=True)
    assert "Part I" not in citation, "no use's pinpoint is given as the whole entry's"
    assert "Accessed October 1, 2026." in citation, "the shared accessed date stays on the entry"


def test_each_back_link_shows_its_accessed_date_when_the_uses_were_read_on_different_days(client):
    profile = cited_profile(
        [("first", "p. 4", date(2026, 1, 5)), ("second", "p. 4", date(2026, 3, 9))]
    )
    entry, links = backlinks(client, profile)
    assert [use for _, use in links] == [": accessed January 5, 2026", ": accessed March 9, 2026"]
    citation = entry.select_one(".source-citation").get_text(" ", strip=True)
    assert "Accessed" not in citation
    assert citation.count("p. 4") == 1, "the shared pinpoint is said once, on the entry"


def test_uses_that_read_alike_give_the_pinpoint_once_on_the_entry(client):
    day = date(2026, 10, 1)
    profile = cited_profile([("first", "p. 4", day), ("again", "p. 4", day)])
    entry, _ = backlinks(client, profile)
    assert not entry.select(".backlink-use")
    assert "p. 4." in entry.select_one(".source-citation").get_text(" ", strip=True)


def test_a_title_or_publication_ending_with_its_own_punctuation_gets_no_second_period(client):
    source = make_source(title="Downtown L.A.", publication="Evo!", authors="Vale, J.")
    profile = Profile(
        name="Harbor Punctuation Fund",
        slug="harbor-punctuation-fund",
        category=Category.objects.get(slug="non-profit"),
        lead="Claim.[^only]",
        body="",
    )
    save_profile(
        profile, user=None, comment="Test.", citations=[Citation(key="only", source=source)]
    )
    entry = parse(client.get(profile.get_absolute_url())).find(id="cite-note-1")
    text = text_of(entry.select_one(".source-citation"))
    assert "Vale, J. " in text
    assert "Downtown L.A.”" in text
    assert "Evo! " in text
    assert ".." not in text and "!." not in text


def test_a_run_of_uses_that_read_alike_says_its_pinpoint_once_after_its_last_letter(client):
    day = date(2026, 10, 1)
    profile = cited_profile(
        [
            ("one", "Part I, p. 1", day),
            ("two", "Part I, p. 1", day),
            ("three", "Schedule O", day),
            ("four", "", day),
        ]
    )
    entry, links = backlinks(client, profile)
    assert [letter for letter, _ in links] == ["a", "b", "c", "d"]
    text = entry.select_one(".backlinks").get_text(" ", strip=True)
    assert text == "^ a b : Part I, p. 1 ; c : Schedule O ; d"


def test_a_use_without_an_accessed_date_leaves_the_others_date_on_the_entry(client):
    day = date(2026, 10, 1)
    profile = cited_profile([("one", "p. 2", day), ("two", "p. 2", None), ("three", "p. 2", day)])
    entry, _ = backlinks(client, profile)
    assert entry.select_one(".backlinks").get_text(" ", strip=True) == "^ a b c"
    citation = entry.select_one(".source-citation").get_text(" ", strip=True)
    assert "p. 2." in citation and "Accessed October 1, 2026." in citation
