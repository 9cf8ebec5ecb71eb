"""What the review desk shows an editor: readable names, and a decided suggestion as decided."""

import pytest
import reversion
from django.urls import reverse

from editorial.services import approve_suggestion, reject_suggestion
from tests.factories import make_error_report, make_suggestion, make_tip
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def review_page(client, suggestion):
    return parse(client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk])))


def facts(page):
    """The review page's facts and decision, as {term: text}."""
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select(".review-facts dt")
    }


def change_profile_meanwhile(profile):
    with reversion.create_revision():
        profile.location = "Port Verity"
        profile.save()


def test_an_approved_suggestion_shows_the_decision_and_links_to_the_revision_it_made(
    editor_client, editor, profile
):
    suggestion = make_suggestion(profile, aliases="HLF", message="Its short name.")
    suggestion = approve_suggestion(suggestion=suggestion, editor=editor, note="Thanks, Ana.")
    change_profile_meanwhile(profile)  # the profile moves on after the approval
    page = review_page(editor_client, suggestion)

    shown = facts(page)
    assert shown["Decision"] == "Approved"
    assert shown["Decided by"].startswith(editor.get_full_name())
    assert shown["Note"] == "Thanks, Ana."
    number = suggestion.applied_revision_id
    diff = page.select_one("a.applied-diff")
    assert diff["href"] == reverse("profiles:diff", args=[profile.slug]) + f"?to={number}"
    assert diff.get_text() == f"revision {number}: what changed"
    revision = page.select_one("a.applied-revision")
    assert revision["href"] == reverse("profiles:revision", args=[profile.slug, number])
    # Nothing is left to merge or to decide.
    assert "the profile has changed since" not in page.get_text()
    assert not page.select("form.review-form, .conflicts, .suggestion-diff")


def test_a_rejected_suggestion_in_conflict_shows_no_conflict_and_no_decision_form(
    editor_client, editor, profile
):
    suggestion = make_suggestion(profile, location="Port Verity, West Eastmark")
    change_profile_meanwhile(profile)
    reject_suggestion(suggestion=suggestion, editor=editor, note="Not in the sources.")
    page = review_page(editor_client, suggestion)
    assert facts(page)["Decision"] == "Rejected"
    assert not page.select(".conflict-flag, .conflicts, form.review-form")
    assert "the profile has changed since" not in page.get_text()


def test_a_pending_suggestion_still_says_when_the_profile_changed_since(editor_client, profile):
    suggestion = make_suggestion(profile, aliases="HLF")
    change_profile_meanwhile(profile)
    page = review_page(editor_client, suggestion)
    assert "the profile has changed since" in facts(page)["Written against"]
    assert page.select_one("form.review-form")
    assert "Decision" not in facts(page)


@pytest.mark.parametrize(
    "part, label",
    [("background", "The section “Background”"), ("lead", "The introduction"), ("", None)],
)
def test_the_part_a_report_is_about_reads_as_on_the_report_form(
    editor_client, profile, part, label
):
    report = make_error_report(profile, report_part=part)
    assert facts(review_page(editor_client, report)).get("Part") == label


def test_a_tip_shows_its_category_by_name(editor_client):
    tip = make_tip("Riverton Dockworkers", category="non-profit")
    shown = facts(review_page(editor_client, tip))
    assert shown["Suggested profile"] == "Riverton Dockworkers (Non-profit)"


def test_the_queue_is_titled_for_what_editors_do_there(editor_client):
    page = parse(editor_client.get(reverse("admin:editorial_suggestion_changelist")))
    assert page.h1.get_text() == "Suggestions to review"
    assert page.title.get_text().startswith("Suggestions to review")


def test_a_new_source_reads_as_its_reference_will_and_opens_in_a_new_tab(editor_client):
    tip = make_tip(
        sources=[
            {
                "key": "source-1",
                "url": "https://courier.example/reading-circle/",
                "title": "A Reading Circle Grows Up",
                "authors": "Ruth Ambler",
                "publication": "The Harbor Courier",
                "date": "2022-03",
            }
        ]
    )
    entry = review_page(editor_client, tip).select_one(".new-sources li")
    assert text_of(entry) == (
        "[^source-1] Ruth Ambler. “A Reading Circle Grows Up.” The Harbor Courier. 2022-03. "
        "https://courier.example/reading-circle/"
    )
    link = entry.find("a", href="https://courier.example/reading-circle/")
    assert link["target"] == "_blank" and "noreferrer" in link["rel"]


def test_a_reported_address_without_a_title_reads_as_the_address_alone(editor_client, profile):
    report = make_error_report(
        profile, new_sources=[{"key": "", "url": "https://courier.example/fix/", "title": ""}]
    )
    entry = review_page(editor_client, report).select_one(".new-sources li")
    assert text_of(entry) == "https://courier.example/fix/"
