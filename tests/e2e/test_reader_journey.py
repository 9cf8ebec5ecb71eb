"""A reader, anonymous: finds a profile, follows its references and links, reads its history."""

import re

import pytest
from playwright.sync_api import expect

from demo import content as demo_content
from profiles.models import Profile
from profiles.revisions import profile_versions
from tests.e2e.pages import FIRST_WORDS, REVISED_WORDS, revise_flagship

pytestmark = pytest.mark.django_db(transaction=True)

FLAGSHIP = demo_content.PROFILES[0]


def test_a_marker_previews_its_reference_on_hover_and_on_focus(page, demo_site, screenshot):
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    preview = page.locator("#reference-preview")
    link = page.locator("sup.reference a").nth(1)
    number = link.inner_text().strip("[]")
    title = page.locator(f"#cite-note-{number} .source-title").inner_text()
    link.hover()
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(title)
    expect(link).to_have_attribute("aria-describedby", "reference-preview")
    screenshot("reference-preview")
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    page.mouse.move(0, 0)
    link.focus()
    expect(preview).to_be_visible()
    page.keyboard.press("Tab")
    expect(link).not_to_have_attribute("aria-describedby", "reference-preview")


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


def test_a_reader_searches_from_the_home_page_and_opens_the_profile_found(page, demo_site):
    page.goto(demo_site.url)
    search = page.get_by_role("search", name="Search the profiles")
    search.get_by_label("Search profiles").fill("tenants alliance")
    search.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Search results for “tenants alliance”"
    )
    page.get_by_role("link", name=FLAGSHIP["name"], exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FLAGSHIP["name"])


def test_a_reader_follows_a_link_to_another_profile_and_comes_back_through_mentioned_in(
    page, demo_site
):
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    page.locator(".profile-lead").get_by_role("link", name="Calloway Harbor Properties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calloway Harbor Properties")

    mentioned = page.get_by_role("region", name="Mentioned in")
    mentioned.get_by_role("link", name=FLAGSHIP["name"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FLAGSHIP["name"])


def test_a_reader_compares_two_revisions_and_opens_the_old_one_by_its_permanent_link(
    page, demo_site, screenshot
):
    profile = Profile.objects.get(slug=FLAGSHIP["slug"])
    first = profile_versions(profile).first().revision_id  # the demo as loaded
    revise_flagship(profile)

    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    expect(page.locator(".profile-lead")).to_contain_text(REVISED_WORDS)
    page.locator(".page-tabs").get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"History of {FLAGSHIP['name']}")
    revisions = page.locator("tr.history-entry")
    # the revision, the demo's filings, its connections and creation
    expect(revisions).to_have_count(4)
    expect(revisions.first).to_contain_text("Updated the number of buildings.")
    expect(revisions.first).to_contain_text("Demo Editor")
    screenshot("history")

    # The newest and the one before it are preselected for comparison.
    page.get_by_role("button", name="Compare the selected revisions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Changes to {FLAGSHIP['name']}")
    expect(page.locator("del.diff-del").filter(has_text="60")).to_be_visible()
    expect(page.locator("ins.diff-ins").filter(has_text="70")).to_be_visible()
    expect(page.locator(".diff-fields")).to_contain_text("Location")
    screenshot("diff")

    page.get_by_role("link", name="Back to the history").click()
    page.get_by_role("link", name=re.compile(rf"\(revision {first}\)$")).click()
    expect(page).to_have_url(re.compile(rf"/profiles/{FLAGSHIP['slug']}/revisions/{first}/$"))
    expect(page.get_by_role("note")).to_contain_text("This is an old revision")
    expect(page.locator(".profile-lead")).to_contain_text(FIRST_WORDS)
    screenshot("old-revision")

    # The permanent link keeps showing that revision, in a new tab as in a citation.
    permanent = page.url
    reader = page.context.new_page()
    reader.goto(permanent)
    expect(reader.locator(".profile-lead")).to_contain_text(FIRST_WORDS)
    reader.get_by_role("link", name="Read the current version").click()
    expect(reader.locator(".profile-lead")).to_contain_text(REVISED_WORDS)


def test_a_reader_copies_the_citation_of_the_latest_revision(page, demo_site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    page.locator(".page-tabs").get_by_role("link", name="Cite", exact=True).click()
    expect(page.locator("#cite-this-page")).to_have_attribute("open", "")
    line = page.get_by_label("Citation", exact=True).input_value()
    assert FLAGSHIP["name"] in line
    page.get_by_role("button", name="Copy the citation").click()
    expect(page.get_by_role("button", name="Copied to the clipboard")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == line


def test_a_phone_reader_opens_the_menu_to_reach_the_search(page, demo_site):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(demo_site.url + "/profiles/")
    search = page.get_by_role("searchbox", name="Search profiles").first
    expect(search).to_be_hidden()
    page.get_by_role("button", name="Menu and search").click()
    expect(search).to_be_visible()
    search.fill("tenants")
    search.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("tenants")
