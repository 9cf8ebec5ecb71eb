"""A suggested edit to one ### sub-section: the form holds it, the approval puts it back."""

import pytest
from django.urls import reverse

from editorial.models import Suggestion
from editorial.services import approve_suggestion
from tests.editorial.submitting import send_edit
from tests.factories import make_profile, make_source
from tests.html import parse

pytestmark = pytest.mark.django_db

EVENING = "### Evening classes\n\nClasses meet twice a week in the old library.[^first]"
BODY = (
    "## Background\n\nIt began in 2004.[^first]\n\n"
    "## Programs\n\nIt runs two programs.[^first]\n\n"
    f"{EVENING}\n\n"
    "### Summer reading\n\nAbout 300 children join each summer.[^first]\n\n"
    "## Funding\n\nMost money comes from small donors.[^first]"
)


@pytest.fixture
def profile():
    return make_profile("Harbor Literacy Fund", body=BODY, citations={"first": make_source()})


def test_the_form_for_a_sub_section_holds_that_sub_section_only(client, profile):
    url = reverse("editorial:suggest_edit", args=[profile.slug])
    page = parse(client.get(url, {"section": "evening-classes"}))
    assert "not in the profile any more" not in page.get_text()
    assert page.h1.get_text() == "Suggest an edit to the sub-section “Evening classes”"
    assert page.select_one("textarea[name=body]").get_text().strip() == EVENING
    assert (
        page.select_one("label[for=id_body]")
        .get_text()
        .strip()
        .startswith("The sub-section “Evening classes”")
    )


def test_an_approved_sub_section_edit_changes_that_sub_section_and_nothing_else(
    client, profile, editor
):
    new_text = EVENING.replace("twice a week", "three times a week")
    response = send_edit(
        client,
        profile,
        section="evening-classes",
        body=new_text,
        message="The schedule changed this year, says the fund's newsletter.",
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.section_anchor == "evening-classes"
    approve_suggestion(suggestion=suggestion, editor=editor)
    profile.refresh_from_db()
    assert profile.body == BODY.replace("twice a week", "three times a week")


def test_a_whole_section_still_takes_its_sub_sections_with_it(client, profile):
    url = reverse("editorial:suggest_edit", args=[profile.slug])
    text = parse(client.get(url, {"section": "programs"})).select_one("textarea[name=body]")
    assert "### Evening classes" in text.get_text()
    assert "### Summer reading" in text.get_text()
    assert "## Funding" not in text.get_text()
