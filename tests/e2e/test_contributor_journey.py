"""A contributor, anonymous: suggests an edit, reports an error, tips a new profile.

The e2e conftest lifts the minimum fill time and the rate limits (forms_accept_quick_senders),
so what the browser sends arrives as pending, not quarantined as spam.
"""

import re

import pytest
from playwright.sync_api import expect

from demo import content as demo_content
from editorial.models import Suggestion

pytestmark = pytest.mark.django_db(transaction=True)

FLAGSHIP = demo_content.PROFILES[0]
NEW_SENTENCE = "In 2024 the alliance opened an office in Northgate.[^courier-2024]"


def test_a_contributor_suggests_an_edit_to_one_section_with_a_new_source_and_tracks_it(
    page, demo_site, screenshot
):
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    suggest_section = re.compile(r"^edit\W+Background$")
    page.get_by_role("link", name=suggest_section).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Suggest an edit to the section “Background”"
    )
    section = page.get_by_label("The section “Background”")
    section.fill(f"{section.input_value()}\n\n{NEW_SENTENCE}")
    source = page.get_by_role("group", name="New source 1")
    source.get_by_label("Key").fill("courier-2024")
    source.get_by_label("Web address (URL)").fill("https://courier.example/2024/rta-northgate/")
    source.get_by_label("Title").fill("Tenants Alliance Opens Northgate Office")
    source.get_by_label("Publication").fill("The Riverton Courier")
    source.get_by_label("Date").fill("2024-03-02")
    page.get_by_label("What is wrong, and where does the new information come from?").fill(
        "The alliance opened a third office in 2024; the Courier reported it."
    )
    page.get_by_label("Your name (optional)").fill("Sam Ortiz")
    page.get_by_role("button", name="Preview your change").click()

    # The page's own heading, then the profile's in the page as it will look, beside the diff.
    expect(page.get_by_role("heading", level=1).first).to_have_text("Preview your suggestion")
    change = page.get_by_role("region", name="Your change")
    expect(change.locator("ins.diff-ins").filter(has_text="an office in Northgate")).to_be_visible()
    expect(change).to_contain_text("Tenants Alliance Opens Northgate Office")
    rendered = page.get_by_role("region", name="The page with your suggestion")
    expect(rendered.locator(".profile-body")).to_contain_text("an office in Northgate")
    expect(rendered.locator(".reference-list")).to_contain_text(
        "Tenants Alliance Opens Northgate Office"
    )
    screenshot("suggestion-preview")
    page.get_by_role("button", name="Send your suggestion").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_text("Your suggestion has reached the editors.")).to_be_visible()
    # The link reads as the whole address, to be kept.
    page.get_by_role("link", name=re.compile(r"^http\S+suggestions\S+$")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your suggested edit")
    expect(page.locator(".suggestion-status")).to_have_text("Pending")
    expect(page.get_by_role("region", name="Your message")).to_contain_text("a third office")
    screenshot("tracking")
    suggestion = Suggestion.objects.exclude(kind="relationship").get()
    assert (suggestion.status, suggestion.section_anchor) == ("pending", "background")
    assert NEW_SENTENCE in suggestion.proposed_changes["body"]["proposed"]
    assert [source["key"] for source in suggestion.new_sources] == ["courier-2024"]
    assert page.url.endswith(suggestion.get_absolute_url())


def test_a_reader_reports_an_error_in_one_section_of_a_profile(page, demo_site):
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    page.get_by_role("link", name="See an error? Let us know!").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("See an error? Let us know!")
    page.get_by_label("Which part of the profile?").select_option(label="The section “Campaigns”")
    page.get_by_label("What is wrong?").fill("The strike began in March 2018, not in February.")
    page.get_by_label("A source that shows it (optional)").fill(
        "https://ledger.example/2018/03/millrace-strike-begins/"
    )
    page.get_by_role("button", name="Send your report").click()

    expect(page.get_by_text("Your report has reached the editors.")).to_be_visible()
    report = Suggestion.objects.exclude(kind="relationship").get()
    assert (report.kind, report.status, report.report_part) == ("error", "pending", "campaigns")


def test_a_reader_tips_a_new_profile_from_a_link_to_a_missing_one(page, demo_site, screenshot):
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    missing = page.locator("a.wikilink-missing").filter(has_text="Riverton Tenants Action Fund")
    missing.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tip us about a new profile")
    expect(page.get_by_role("textbox", name=re.compile("^Name"))).to_have_value(
        "Riverton Tenants Action Fund"
    )
    page.get_by_label("Category").select_option(label="Political committee")
    page.get_by_label("Why does it matter?").fill(
        "It is the alliance's advocacy arm and gave money to the Measure 5 committee."
    )
    source = page.get_by_role("group", name="Source 1")
    source.get_by_label("Web address (URL)").fill("https://observer.example/2022/measure-5-money/")
    source.get_by_label("Title").fill("Who Paid for Measure 5")
    screenshot("tip-form")
    page.get_by_role("button", name="Send your tip").click()

    expect(page.get_by_text("Your tip has reached the editors.")).to_be_visible()
    tip = Suggestion.objects.exclude(kind="relationship").get()
    assert (tip.kind, tip.status) == ("tip", "pending")
    assert tip.proposed_changes == {
        "name": "Riverton Tenants Action Fund",
        "category": "political-committee",
    }
