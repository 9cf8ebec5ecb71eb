import pytest
from django.core.exceptions import ValidationError

from profiles.markup import backlink_letter, body_sections, check_markers, render_profile


def render(lead="", body="", facts=(), citations=None):
    return render_profile(lead, body, list(facts), citations or {})


def test_references_are_numbered_by_first_appearance_across_lead_infobox_and_body():
    rendered = render(
        lead="Opening claim.[^late]",
        facts=["1999 [^founding]"],
        body="## History\n\nFounded in 1999.[^founding] Grew fast.[^late][^growth]",
        citations={"late": 30, "founding": 10, "growth": 20},
    )
    assert [(r["number"], r["source_id"]) for r in rendered.references] == [
        (1, 30),
        (2, 10),
        (3, 20),
    ]


def test_two_keys_for_one_source_share_one_reference_entry():
    rendered = render(lead="A.[^p3] B.[^p5]", citations={"p3": 7, "p5": 7})
    assert len(rendered.references) == 1
    markers = rendered.references[0]["markers"]
    assert [(m["letter"], m["key"]) for m in markers] == [("a", "p3"), ("b", "p5")]


def test_unknown_marker_keys_are_reported_by_name_and_unused_citations_as_a_warning():
    rendered = render(lead="Claim.[^ghost] More.[^real]", citations={"real": 1, "spare": 2})
    assert rendered.unknown_keys == ["ghost"]
    assert rendered.unused_keys == ["spare"]


def test_the_marker_check_names_every_unknown_marker_once_in_order_of_use():
    check_markers(["Fine.[^real]"], ["real"])
    with pytest.raises(ValidationError) as one:
        check_markers(["A.[^ghost] B.[^real] C.[^ghost]"], ["real"])
    assert one.value.messages == [
        "The marker [^ghost] does not match any citation of this profile."
    ]
    with pytest.raises(ValidationError) as several:
        check_markers(["A.[^b]", "B.[^a][^real]"], ["real"], advice=("One.", "Several."))
    assert several.value.messages == [
        "The markers [^b], [^a] do not match any citation of this profile. Several."
    ]


def test_headings_get_stable_unique_anchors_and_make_the_table_of_contents():
    rendered = render(
        body="## Funding\n\nx\n\n### Grants[^g]\n\ny\n\n## Funding\n\nz\n\n## References"
    )
    assert rendered.toc == [
        {"level": 2, "title": "Funding", "anchor": "funding"},
        {"level": 3, "title": "Grants", "anchor": "grants"},
        {"level": 2, "title": "Funding", "anchor": "funding-2"},
        {"level": 2, "title": "References", "anchor": "references-section"},
    ]


def test_a_top_level_heading_is_shown_as_a_section_so_the_page_keeps_one_h1():
    assert "<h1" not in render(body="# Big").body_html


def test_wiki_links_point_at_profile_addresses_and_are_collected_as_mentions():
    rendered = render(lead="Works with [[Harbor Literacy Fund]] and [[tidewater-union|the union]].")
    assert '<a href="/profiles/harbor-literacy-fund/" class="wikilink">' in rendered.lead_html
    assert rendered.mentions == {
        "harbor-literacy-fund": "Harbor Literacy Fund",
        "tidewater-union": "the union",
    }


def test_external_links_get_nofollow_and_unsafe_schemes_are_not_links():
    html = render(lead="[site](https://a.example/) [bad](javascript:alert(1))").lead_html
    assert 'rel="nofollow ugc noopener"' in html
    assert "javascript:" not in html.replace("(javascript:alert(1))", "")
    assert 'href="javascript' not in html


def test_raw_html_is_shown_as_text():
    html = render(lead="<b onclick=x>bold</b>").lead_html
    assert "&lt;b onclick=x&gt;" in html


def test_backlink_letters_continue_past_z():
    assert [backlink_letter(i) for i in (0, 1, 25, 26, 27)] == ["a", "b", "z", "aa", "ab"]


def test_body_sections_give_each_section_its_lines_and_anchor():
    body = "Intro line\n\n## Funding\n\nMoney.\n\n## Funding\n\nMore money.\n"
    sections = body_sections(body)
    assert [(s["anchor"], s["title"]) for s in sections] == [
        ("funding", "Funding"),
        ("funding-2", "Funding"),
    ]
    lines = body.splitlines()
    assert lines[sections[1]["start"] : sections[1]["end"]] == ["## Funding", "", "More money."]
