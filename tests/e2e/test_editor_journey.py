"""An editor works the review desk: approves, resolves a conflict, rejects, reverts.

Also run against PostgreSQL (see .ci/run): approving locks rows there for real.
"""

import re

import pytest
from playwright.sync_api import expect

from demo import content as demo_content
from editorial.models import Suggestion
from editorial.services import reject_suggestion
from profiles.models import Profile
from profiles.revisions import profile_versions
from tests.e2e.pages import demo_editor, revise_flagship
from tests.factories import make_error_report, make_suggestion

pytestmark = pytest.mark.django_db(transaction=True)

FLAGSHIP = demo_content.PROFILES[0]
DESK = {"width": 1200, "height": 900}  # the size of the README's screenshot


@pytest.fixture
def queue(demo_site):
    """Three suggestions for the flagship, oldest first: two edits of the same sentence of
    its lead, from two contributors, and an error report. The connections the demo's filings
    proposed have been dealt with already."""
    for proposal in Suggestion.objects.pending().filter(kind="relationship"):
        reject_suggestion(suggestion=proposal, editor=demo_editor())
    profile = Profile.objects.get(slug=FLAGSHIP["slug"])
    more_buildings = make_suggestion(
        profile,
        lead=profile.lead.replace("more than 60 buildings", "more than 70 buildings"),
        message="Its 2023 report counts committees in 70 buildings.",
        contributor_name="Rosa Marin",
    )
    higher_dues = make_suggestion(
        profile,
        lead=profile.lead.replace("dues of $24", "dues of $30"),
        message="The dues went up to $30 this year, says its website.",
        contributor_name="Sam Ortiz",
    )
    report = make_error_report(
        profile,
        message="The alliance was formed in 2008, not 2009.",
        contributor_name="Lee Park",
    )
    return profile, more_buildings, higher_dues, report


def test_an_editor_approves_a_suggestion_resolves_a_conflict_and_rejects_a_report(
    page, demo_site, editor, log_in, queue, screenshot
):
    profile, more_buildings, higher_dues, report = queue
    page.set_viewport_size(DESK)
    log_in(editor)
    summary = page.locator("#review-desk-summary")
    expect(summary).to_contain_text("3 suggestions waiting for review")
    summary.get_by_role("link", name="Open the queue").click()

    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Its 2023 report counts committees")
    screenshot("review-queue", full_page=False)
    page.get_by_role("link", name=f"#{more_buildings.pk}", exact=True).click()

    # The first suggestion: a diff against the profile, approved as it is.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Review suggestion #{more_buildings.pk}"
    )
    diff = page.locator(".suggestion-diff")
    expect(diff.locator("ins").filter(has_text="70")).to_be_visible()
    expect(diff.locator("del").filter(has_text="60")).to_be_visible()
    screenshot("review-desk", full_page=False)  # the README's picture of the desk
    page.get_by_label("Note to the contributor").fill("Thank you: the report confirms it.")
    page.get_by_role("button", name="Approve").click()

    # The next in the queue changed the same sentence: a conflict to resolve first.
    expect(page.get_by_text(f"Approved suggestion #{more_buildings.pk}.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Review suggestion #{higher_dues.pk}"
    )
    expect(page.get_by_role("heading", name="Conflicts")).to_be_visible()
    # The editor keeps the profile's sentence (with the approved 70 buildings) and writes the
    # new dues into it: "Use my edit", in the box under the three versions.
    conflict = page.locator(".conflict-choice")
    expect(conflict).to_have_count(1)
    ours = conflict.locator(".conflict-table td").nth(1).inner_text().strip()
    assert "more than 70 buildings" in ours and "dues of $24" in ours
    conflict.get_by_label("Use my edit of it (the box below)").check()
    conflict.get_by_label("Your edit of the passage").fill(
        ours.replace("dues of $24", "dues of $30")
    )
    screenshot("review-conflict")
    page.get_by_role("button", name="Approve").click()

    # The error report: rejected with a note.
    expect(page.get_by_text(f"Approved suggestion #{higher_dues.pk}.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review suggestion #{report.pk}")
    page.get_by_label("Note to the contributor").fill(
        "The incorporation papers say 2009; we keep it."
    )
    page.get_by_role("button", name="Reject").click()
    expect(page.get_by_text(f"Rejected suggestion #{report.pk}.")).to_be_visible()
    expect(page.locator("#result_list")).to_have_count(0)  # the pending queue is empty

    # Readers see both approved changes, and the history credits the contributors.
    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/")
    lead = page.locator(".profile-lead")
    expect(lead).to_contain_text("more than 70 buildings")
    expect(lead).to_contain_text("annual dues of $30")
    page.locator(".page-tabs").get_by_role("link", name="History", exact=True).click()
    revisions = page.locator("tr.history-entry")
    # two approvals, the demo's filings, connections and creation
    expect(revisions).to_have_count(5)
    expect(revisions.nth(0)).to_contain_text(f"Suggestion #{higher_dues.pk} from Sam Ortiz")
    expect(revisions.nth(0).locator(".revision-who")).to_have_text(editor.get_full_name())
    expect(revisions.nth(1)).to_contain_text(f"Suggestion #{more_buildings.pk} from Rosa Marin")

    # The reporter's tracking page shows the decision and the note.
    page.goto(demo_site.url + report.get_absolute_url())
    expect(page.locator(".suggestion-status")).to_have_text("Rejected")
    expect(page.get_by_role("region", name="The editor's note")).to_contain_text(
        "The incorporation papers say 2009"
    )
    statuses = dict(Suggestion.objects.exclude(kind="relationship").values_list("pk", "status"))
    assert statuses == {
        more_buildings.pk: "approved",
        higher_dues.pk: "approved",
        report.pk: "rejected",
    }


def test_an_editor_reverts_a_profile_to_an_old_revision(page, demo_site, editor, log_in):
    profile = Profile.objects.get(slug=FLAGSHIP["slug"])
    first = profile_versions(profile).first().revision_id  # the demo as loaded
    revise_flagship(profile)
    log_in(editor)

    page.goto(f"{demo_site.url}/profiles/{FLAGSHIP['slug']}/history/")
    page.get_by_role("link", name=re.compile(rf"\(revision {first}\)$")).click()
    page.get_by_role("link", name="Revert to this revision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Revert to revision {first}?")
    expect(page.locator(".profile-diff ins").filter(has_text="60")).to_be_visible()
    page.get_by_role("button", name=f"Revert to revision {first}").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(FLAGSHIP["name"])
    expect(page.get_by_role("status")).to_contain_text(f"The profile is back to revision {first}")
    expect(page.locator(".profile-lead")).to_contain_text("more than 60 buildings")
    page.locator(".page-tabs").get_by_role("link", name="History", exact=True).click()
    newest = page.locator("tr.history-entry").first
    expect(newest).to_contain_text(f"Reverted to revision {first}")
    expect(newest.locator(".revision-who")).to_have_text(editor.get_full_name())
