"""A printed profile and the dark colour scheme, as a reader's browser shows them."""

import pytest
from playwright.sync_api import expect

from demo import content as demo_content

pytestmark = pytest.mark.django_db(transaction=True)

FLAGSHIP = demo_content.PROFILES[0]


def background_lightness(page):
    """0 (black) to 765 (white): the sum of the body's background colour's channels."""
    colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return sum(int(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])


def test_a_printed_profile_has_no_navigation_or_edit_links_and_spells_out_reference_urls(
    page, demo_site, screenshot
):
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".page-tabs", ".section-edit", ".profile-actions", "footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".profile-body")).to_be_visible()
    infobox, body = (page.locator(f).bounding_box() for f in (".infobox", ".profile-body"))
    assert infobox["y"] < body["y"], "the infobox comes before the text, not after the references"
    expect(page.locator(".reference-list")).to_be_visible()
    link = page.locator(".reference-list a.source-url").first
    printed = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in printed
    screenshot("profile-print")


def test_the_site_follows_the_systems_dark_setting(page, demo_site, screenshot):
    page.emulate_media(color_scheme="dark")
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    assert background_lightness(page) < 150
    screenshot("profile-dark")
    page.emulate_media(color_scheme="light")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")
    assert background_lightness(page) > 700
