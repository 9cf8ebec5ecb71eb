import re

import pytest
from playwright.sync_api import expect

from profiles import demo_content

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FLAGSHIP = demo_content.PROFILES[0]


def test_a_reader_goes_from_home_to_a_profile_and_follows_a_reference_and_back(
    page, demo_site, screenshot
):
    page.goto(demo_site.url)
    expect(page).to_have_title(re.compile("Sourcebook"))
    screenshot("home")

    page.get_by_role("link", name=re.compile("Non-profits")).first.click()
    page.get_by_role("link", name=FLAGSHIP["name"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FLAGSHIP["name"])
    screenshot("profile")

    marker = page.locator("sup.reference").nth(3)
    marker_id = marker.get_attribute("id")
    number = marker.inner_text().strip("[]")
    marker.get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"#cite-note-{number}$"))
    entry = page.locator(f"#cite-note-{number}")
    expect(entry).to_be_in_viewport()

    entry.locator(f'a.backlink[href="#{marker_id}"]').click()
    expect(page).to_have_url(re.compile(f"#{marker_id}$"))
    expect(page.locator(f"#{marker_id}")).to_be_in_viewport()


def test_a_reader_follows_a_link_to_another_profile_and_sees_where_it_is_mentioned(page, demo_site):
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    linked = page.locator(".profile-lead a.wikilink:not(.wikilink-missing)").first
    linked_name = linked.inner_text()
    linked.click()
    mentioned = page.get_by_role("region", name="Mentioned in")
    expect(mentioned.get_by_role("link", name=FLAGSHIP["name"])).to_be_visible()
    assert page.get_by_role("heading", level=1).inner_text()
    assert linked_name
