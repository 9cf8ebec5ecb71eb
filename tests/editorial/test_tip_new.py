import pytest
from django.urls import reverse

from editorial.models import Suggestion
from editorial.services import approve_suggestion
from tests.editorial.submitting import field_errors, form_fields, send_tip
from tests.factories import make_profile, make_profile_with_citations
from tests.html import parse

pytestmark = pytest.mark.django_db

SOURCE = {
    "source-0-url": "https://courier.example/reading-circle/",
    "source-0-title": "A Reading Circle Grows Up",
    "source-0-date": "2022",
}


def test_the_site_header_and_footer_lead_to_the_tip_form(client):
    page = parse(client.get(reverse("profiles:home")))
    tip_url = reverse("editorial:tip_new")
    assert page.select_one("header").find("a", href=tip_url).get_text() == (
        "Tip us about a new profile"
    )
    assert page.select_one("footer").find("a", href=tip_url)


def test_links_to_missing_profiles_lead_to_the_tip_form_with_the_name_filled_in(client):
    profile = make_profile_with_citations(2)
    page = parse(client.get(profile.get_absolute_url()))
    missing = page.find("a", class_="wikilink-missing", string="Unwritten Org")
    assert missing["href"] == "/tips/new/?name=Unwritten+Org"
    form = parse(client.get(missing["href"])).select_one("main form")
    assert form_fields(form)["name"] == "Unwritten Org"


def test_a_tip_is_stored_with_its_name_category_reason_and_sources(client):
    response = send_tip(
        client,
        name="Eastmark Reading Circle",
        category="non-profit",
        message="It runs book clubs in every branch library.",
        contributor_email="ana@example.org",
        **SOURCE,
    )
    tip = Suggestion.objects.get()
    assert response["Location"] == reverse("editorial:sent", args=[tip.token])
    assert tip.kind == "tip" and tip.profile is None
    assert tip.proposed_changes == {"name": "Eastmark Reading Circle", "category": "non-profit"}
    assert tip.new_sources[0]["key"] == "source-1"
    assert tip.new_sources[0]["title"] == "A Reading Circle Grows Up"
    assert tip.contributor_email == "ana@example.org"


def test_a_tip_needs_at_least_one_source(client):
    response = send_tip(
        client, name="Eastmark Reading Circle", category="non-profit", message="It matters."
    )
    assert "Give at least one source" in field_errors(response)
    assert form_fields(parse(response).select_one("main form"))["message"] == "It matters."
    assert Suggestion.objects.count() == 0


def test_a_tip_for_a_profile_we_have_points_to_it(client):
    existing = make_profile("Harbor Literacy Fund")
    response = send_tip(
        client, name="harbor literacy fund", category="non-profit", message="Cover it.", **SOURCE
    )
    error = parse(response).select_one(".invalid-feedback")
    assert "We already have a profile of" in error.get_text()
    assert error.find("a", href=existing.get_absolute_url())
    assert Suggestion.objects.count() == 0


def test_a_name_and_a_web_address_are_enough_for_a_tip(client, editor):
    response = send_tip(
        client,
        name="Eastmark Reading Circle",
        category="",
        message="",
        **{"source-0-url": "https://courier.example/reading-circle/"},
    )
    tip = Suggestion.objects.get()
    assert response["Location"] == reverse("editorial:sent", args=[tip.token])
    assert tip.proposed_changes == {"name": "Eastmark Reading Circle", "category": ""}
    assert tip.new_sources[0]["url"] == "https://courier.example/reading-circle/"
    assert tip.new_sources[0]["title"] == ""
    approve_suggestion(suggestion=tip, editor=editor)
    tip.refresh_from_db()
    assert tip.profile.category.slug == "organization" and not tip.profile.published
    source = tip.profile.citations.get().source
    assert source.title == "https://courier.example/reading-circle/"  # until an editor titles it


def test_a_tip_without_a_name_is_refused_with_a_sentence_saying_what_to_do(client):
    response = send_tip(client, name="", category="", message="", **SOURCE)
    error = parse(response).select_one("#div_id_name .invalid-feedback")
    assert error.get_text(strip=True) == "Give the name of the organization or person."
    assert Suggestion.objects.count() == 0


def test_the_tip_form_speaks_of_a_tip_not_a_suggestion(client):
    page = parse(client.get(reverse("editorial:tip_new")))
    help_text = page.select_one("#id_contributor_name_helptext").get_text(strip=True)
    assert help_text.startswith("If your tip is approved,")


def test_only_the_first_source_row_of_a_tip_is_marked_required(client):
    page = parse(client.get(reverse("editorial:tip_new")))
    marked = [
        label["for"]
        for label in page.select(".new-sources label")
        if label.select_one(".asteriskField")
    ]
    assert marked == ["id_source-0-url"]


def test_a_started_extra_source_row_of_a_tip_needs_its_address(client):
    response = send_tip(
        client,
        name="Eastmark Reading Circle",
        category="non-profit",
        message="It matters.",
        **SOURCE,
        **{"source-1-authors": "Ana Lopes"},
    )
    errors = field_errors(response)
    assert "Give the web address of the source." in errors
    assert "Give the title of the source." not in errors
    assert form_fields(parse(response).select_one("main form"))["source-1-authors"] == "Ana Lopes"
    assert Suggestion.objects.count() == 0


def test_a_tip_may_give_its_one_source_in_any_row(client):
    second_row = {key.replace("source-0", "source-2"): value for key, value in SOURCE.items()}
    send_tip(
        client,
        name="Eastmark Reading Circle",
        category="non-profit",
        message="It matters.",
        **second_row,
    )
    assert Suggestion.objects.get().new_sources[0]["title"] == "A Reading Circle Grows Up"
