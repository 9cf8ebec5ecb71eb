"""An editor writes a whole sourced profile in the workspace, as the reference page is built:
an introduction, five sections (one a sub-section), two infobox rows, and 22 citation markers
citing 11 sources, three of which the site already has. No pop-up opens, at most three pages
load, and the published page reads exactly as the preview did."""

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from profiles.models import Profile, Source
from profiles.revisions import latest_revision
from tests.conftest import make_user
from tests.factories import make_source

pytestmark = pytest.mark.django_db(transaction=True)

STORED = [
    "https://harborcourier.example/news/tenants-network-forms/",
    "https://valleyledger.example/2019/rent-strike/",
    "https://civicrecords.example/filings/hvtn-2020/",
]
NEW = [f"https://newsroom{number}.example/story/{number}/" for number in range(1, 9)]


@dataclass
class Cite:
    """Cite the n-th source: by its address the first time, by its key after that."""

    n: int


# The page, in the order an editor writes it: (field, [text or Cite, ...]).
INFOBOX = [
    ("Formation", ["2011", Cite(0)]),
    ("Founders", ["Marta Quill and Ezra Lund", Cite(1)]),
]
LEAD = [
    "The Harbor Valley Tenants Network is a fictional renters' federation in a river town.",
    Cite(0),
    " It joins building committees across the valley.",
    Cite(2),
    "\n\nIts organizers say it counts about 4,000 members.",
    Cite(3),
    " The network charges no dues.",
    Cite(4),
]
BODY = [
    "## Background\n\nThe network grew out of a laundromat meeting.",
    Cite(5),
    " Three committees met that first winter.",
    Cite(3),
    "\n\nIt took its present name in 2013.",
    Cite(6),
    Cite(1),
    "\n\n## Campaigns\n\nIts first campaign asked for repairs to boilers.",
    Cite(7),
    " A second pressed for a public list of landlords.",
    Cite(8),
    Cite(5),
    "\n\n### 2019 Rent Strike\n\nIn 2019 the tenants of four buildings withheld rent.",
    Cite(9),
    " The strike ended after eleven weeks.",
    Cite(2),
    Cite(7),
    "\n\n## Funding\n\nThe network reports small grants from local funds.",
    Cite(10),
    " Its 2020 filing lists the grants.",
    Cite(6),
    Cite(8),
    "\n\n## Leadership\n\nA board of seven is elected each spring.",
    Cite(4),
    " Its chair serves two years.",
    Cite(9),
    Cite(10),
]


def count_markers(*parts):
    return sum(isinstance(piece, Cite) for part in parts for piece in part)


class Workspace:
    """The workspace page, driven as an editor drives it: typing at the end of a field, and
    citing at the cursor with the Cite box (in place, no page load)."""

    def __init__(self, page):
        self.page = page
        self.keys = {}  # source number: the key its first citation was given

    def write(self, field, pieces):
        for piece in pieces:
            field.focus()
            field.press("Control+End")
            if isinstance(piece, str):
                self.page.keyboard.insert_text(piece)
            elif piece.n in self.keys:
                self.page.keyboard.insert_text(f"[^{self.keys[piece.n]}]")
            else:
                self.cite_by_address(piece.n)

    def cite_by_address(self, n):
        rows = self.page.locator("[data-formset=citations] input[name$=-key]")
        before = rows.count()
        address = (STORED + NEW)[n]
        if n == 0:
            address += "?utm_source=newsletter&utm_medium=email"  # still the stored source
        self.page.get_by_label("Cite a page by its web address").fill(address)
        self.page.get_by_role("button", name="Cite", exact=True).click()
        expect(rows).to_have_count(before + 1)
        self.keys[n] = rows.last.input_value()
        expect(self.page.locator("#cite-status")).to_contain_text(f"[^{self.keys[n]}]")


def fake_pages(web):
    for number, address in enumerate(NEW, start=1):
        web.page(
            address,
            f"<html><head><title>Tenant story {number}</title>"
            f'<meta property="og:title" content="Tenants report, part {number}">'
            f'<meta property="og:site_name" content="Newsroom {number}">'
            f'<meta property="article:published_time" content="2021-03-{number:02d}">'
            "</head><body><p>Text.</p></body></html>",
        )


PARTS = {
    "introduction": ".profile-lead",
    "sections": ".profile-body",
    "infobox": "#infobox",
    "references": ".reference-list",
}


SOURCE_PAGE_LINK = re.compile(r" Where else this source is cited\n: [^\n]*")
SECTION_EDIT_LINK = re.compile(r"\n\[edit\n: [^\n]*\n\]")


def read_parts(page, within):
    """The parts' text, without the links to sources' own pages and the sections' [edit]
    links: a new source has its page (and so the link) only once it is saved, and only a
    published profile takes suggestions, the ways the published page may differ."""
    parts = {name: page.locator(f"{within} {css}").inner_text() for name, css in PARTS.items()}
    return {
        name: SECTION_EDIT_LINK.sub("", SOURCE_PAGE_LINK.sub("", text))
        for name, text in parts.items()
    }


def test_an_editor_writes_a_sourced_profile_in_three_page_loads(
    demo_site, page, log_in, web, screenshot
):
    assert count_markers(INFOBOX[0][1], INFOBOX[1][1], LEAD, BODY) == 22
    fake_pages(web)
    for number, address in enumerate(STORED, start=1):
        make_source(url=address, title=f"Tenants organize, report {number}")
    log_in(make_user("wren", staff=True, editor=True))
    loads, popups = [], []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))
    page.on("popup", lambda popup: popups.append(popup.url))

    page.goto(demo_site.url + reverse("profiles:new"))
    workspace = Workspace(page)
    page.get_by_label("Name").fill("Harbor Valley Tenants Network")
    page.get_by_label("Category").select_option(label="Non-profit")
    page.get_by_label("Location").fill("Harbor Valley, Oregon")
    page.get_by_role("button", name="Add a row").click()
    rows = page.locator("[data-formset=facts] > li")
    expect(rows).to_have_count(len(INFOBOX))
    for row, (label, pieces) in zip(rows.all(), INFOBOX, strict=True):
        row.get_by_label("Label").select_option(label=label)
        workspace.write(row.get_by_label("Value"), pieces)
    workspace.write(page.get_by_label("Introduction"), LEAD)
    workspace.write(page.get_by_label("Text", exact=True), BODY)
    page.get_by_label("Edit summary").fill("A new profile from the valley's press.")

    preview = page.locator("#preview")
    expect(preview.locator(".reference-list > li")).to_have_count(11)
    expect(preview.locator(".profile-body h2")).to_have_count(4)
    expect(preview.locator(".profile-body h3")).to_have_text(["2019 Rent Strike"])
    expect(preview).to_contain_text("Its chair serves two years.")
    # The preview follows typing: wait until it has caught up with the last marker.
    expect(preview.locator(".profile-body sup")).to_have_count(16)
    previewed = read_parts(page, "#preview")
    expect(preview.locator(".reference-list .source-page-link")).to_have_count(len(STORED))
    screenshot("workspace-written")

    page.get_by_role("button", name="Publish").click()
    expect(page.locator("h1")).to_have_text("Harbor Valley Tenants Network")
    assert read_parts(page, "main") == previewed
    expect(page.locator(".reference-list .source-page-link")).to_have_count(11)
    assert len(loads) <= 3, loads
    assert popups == []

    profile = Profile.objects.get(name="Harbor Valley Tenants Network")
    assert profile.published
    assert page.url.endswith(profile.get_absolute_url())
    assert profile.citations.count() == 11
    assert Source.objects.filter(url__in=STORED + NEW).count() == 11
    assert Source.objects.filter(url__startswith=STORED[0]).count() == 1, "tracking is ignored"
    assert set(profile.citations.values_list("source__url", flat=True)) >= set(STORED)
    new_titles = Source.objects.filter(url__in=NEW).values_list("title", flat=True)
    assert sorted(new_titles) == sorted(f"Tenants report, part {n}" for n in range(1, 9))
    markers = re.findall(r"\[\^[^\]]+\]", profile.lead + profile.body)
    markers += re.findall(r"\[\^[^\]]+\]", "".join(fact.value for fact in profile.facts.all()))
    assert len(markers) == 22
    assert latest_revision(profile).comment == "A new profile from the valley's press."
