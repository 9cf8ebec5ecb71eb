"""Sources that stay true, in a browser: a dead link's reference leads to its archived copy,
source pages tell the link's state, the editors' dead-links list, and the new source box
filled in from its page (a fake web: nothing leaves the machine)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import FLAGSHIP_SLUG, prepare_pages
from tests.e2e.test_accessibility import blocking_violations
from tests.e2e.test_phone_layout import PHONE, layout_problems

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 900}
ARTICLE = "https://www.riverton-ledger.example/2018/09/14/repairs/"


def test_a_dead_links_reference_leads_to_its_archived_copy_first(page, demo_site, screenshot):
    pages = dict(prepare_pages().public)
    page.set_viewport_size(DESKTOP)
    page.goto(demo_site.url + pages["profile"])
    entry = page.locator(".reference-list li", has_text="(dead link)").first
    # The title leads to the archived copy; "the original" still names the gone page.
    first_link = entry.locator(".source-citation a").first
    expect(first_link).to_have_class("source-title archive-url")
    assert "web.archive.org/web/20190304120000/" in first_link.get_attribute("href")
    expect(entry).to_contain_text("Archived from the original on March 4, 2019")
    original = entry.get_by_role("link", name="the original")
    assert original.get_attribute("href") in first_link.get_attribute("href")
    page.locator("section.references").screenshot(path=screenshot_path("links-references-1366"))
    page.set_viewport_size(PHONE)
    page.locator("section.references").screenshot(path=screenshot_path("links-references-375"))


def screenshot_path(name):
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def test_source_pages_say_how_their_link_is(page, demo_site, screenshot):
    pages = dict(prepare_pages().public)
    expectations = {
        "source": "Not checked yet",
        "source-dead": "Dead, last checked on",
        "source-could-not-check": "Could not check on",
    }
    for name, text in expectations.items():
        for width, size in (("1366", DESKTOP), ("375", PHONE)):
            page.set_viewport_size(size)
            page.goto(demo_site.url + pages[name])
            expect(page.locator(".link-state")).to_contain_text(text)
            screenshot(f"links-{name}-{width}")


def test_the_dead_links_list_and_replacing_an_address(page, demo_site, editor, log_in, screenshot):
    editor_pages = dict(prepare_pages().editor)
    log_in(editor)
    for name in ("dead-links", "replace-url"):
        for width, size in (("1366", DESKTOP), ("375", PHONE)):
            page.set_viewport_size(size)
            page.goto(demo_site.url + editor_pages[name])
            screenshot(f"links-{name}-{width}")
    page.set_viewport_size(DESKTOP)
    page.goto(demo_site.url + editor_pages["dead-links"])
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("Riverton Tenants Alliance")
    page.goto(demo_site.url + editor_pages["replace-url"])
    page.get_by_label("New address").fill("https://www.riverton-ledger.example/archive/moved/")
    page.get_by_role("button", name="Replace the address").click()
    expect(page.get_by_text("has its new address")).to_be_visible()
    page.goto(demo_site.url + f"/profiles/{FLAGSHIP_SLUG}/")
    moved = page.locator(
        '.reference-list a[href="https://www.riverton-ledger.example/archive/moved/"]'
    )
    expect(moved).to_have_count(1)


def test_the_new_source_box_fills_in_from_the_page(page, demo_site, web, screenshot):
    web.fixture_page(ARTICLE, "news_article_jsonld.html")
    pages = prepare_pages()
    found = {}
    for width, size in (("1366", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(size)
        page.goto(demo_site.url + pages.preview.path)
        page.get_by_label("Web address (URL)").fill(ARTICLE)
        page.get_by_role("button", name="Fill in from the page for new source 1").click()
        expect(page.get_by_label("Title")).to_have_value("Tenants Win Repairs at Millrace Court")
        expect(page.get_by_label("Authors")).to_have_value("Marisol Quint; Devon Achebe")
        expect(page.locator(".fill-note")).to_contain_text("Check them")
        page.locator(".new-sources").screenshot(path=screenshot_path(f"links-fill-in-{width}"))
        found[f"axe-{width}"] = blocking_violations(page)
        if size is PHONE:
            found["phone"] = layout_problems(page)
    assert {name: problems for name, problems in found.items() if problems} == {}
