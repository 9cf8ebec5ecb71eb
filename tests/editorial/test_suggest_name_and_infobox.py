"""Contributors suggest a new name and changes to the infobox; the review desk shows them
and applies them through the write routine."""

import datetime

import pytest
from django.urls import reverse

from editorial.infobox import facts_from_text, infobox_text, parse_infobox
from editorial.models import Suggestion
from editorial.services import approve_suggestion
from profiles.models import Fact, FactLabel
from profiles.revisions import latest_revision
from tests.editorial.submitting import form_fields, preview_edit, send_edit
from tests.factories import make_profile, make_source, make_suggestion
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    return make_profile(
        "Harbor Literacy Fund",
        lead="The fund runs reading programs.[^first]",
        facts=[("Website", "https://harborliteracy.example"), ("Budget", "$900,000[^first]")],
        citations={"first": make_source()},
    )


def suggest_form(client, profile):
    return parse(client.get(reverse("editorial:suggest_edit", args=[profile.slug])))


def test_the_form_holds_the_name_and_the_infobox_as_rows(client, profile):
    fields = form_fields(suggest_form(client, profile).select_one("main form"))
    assert fields["name"] == "Harbor Literacy Fund"
    assert fields["infobox"] == "Website: https://harborliteracy.example\nBudget: $900,000[^first]"


def test_an_infobox_change_is_stored_previewed_and_applied_with_its_date(client, profile, editor):
    rows = (
        "Website: https://harborliteracy.example\nBudget (as of 2024-06-30): $1.1 million[^first]"
    )
    preview = preview_edit(client, profile, infobox=rows, message="The 2024 report says so.")
    diff = parse(preview).select_one(".suggestion-diff")
    assert "$1.1 million" in text_of(diff)
    page = parse(preview).select_one(".suggestion-rendered .infobox")
    assert "$1.1 million" in text_of(page)
    send_edit(client, profile, infobox=rows, message="The 2024 report says so.")
    suggestion = Suggestion.objects.get()
    assert suggestion.proposed_changes["infobox"]["proposed"] == rows
    approve_suggestion(suggestion=suggestion, editor=editor)
    facts = [(f.label.name, f.value, f.as_of) for f in profile.facts.select_related("label")]
    assert facts == [
        ("Website", "https://harborliteracy.example", None),
        ("Budget", "$1.1 million[^first]", datetime.date(2024, 6, 30)),
    ]
    assert latest_revision(profile).user == editor
    shown = parse(client.get(profile.get_absolute_url())).select_one(".infobox")
    assert "$1.1 million" in text_of(shown)


def test_a_new_name_is_applied_and_the_old_address_still_answers(client, profile, editor):
    send_edit(client, profile, name="Harbor Reading Fund", message="It renamed itself in 2024.")
    suggestion = Suggestion.objects.get()
    assert suggestion.proposed_changes == {
        "name": {"base": "Harbor Literacy Fund", "proposed": "Harbor Reading Fund"}
    }
    approve_suggestion(suggestion=suggestion, editor=editor)
    profile.refresh_from_db()
    assert profile.name == "Harbor Reading Fund"
    assert client.get(profile.get_absolute_url()).status_code == 200


def test_a_row_with_an_unknown_label_is_refused_naming_its_line_and_keeping_the_text(
    client, profile
):
    rows = "Website: https://harborliteracy.example\nFavourite colour: blue"
    response = preview_edit(client, profile, infobox=rows, message="More facts.")
    page = parse(response)
    error = text_of(page.select_one("#div_id_infobox .invalid-feedback"))
    assert error.startswith("Line 2 of the infobox, “Favourite colour: blue”, is not a row")
    assert form_fields(page.select_one("main form"))["infobox"] == rows
    assert Suggestion.objects.count() == 0


def test_an_unknown_marker_in_the_infobox_is_an_error(client, profile):
    response = preview_edit(
        client, profile, infobox="Budget: $2 million[^nowhere]", message="New budget."
    )
    assert "[^nowhere]" in text_of(parse(response).select_one("#div_id_infobox"))


def test_the_review_desk_shows_the_infobox_change_and_applies_the_editors_touch_up(
    client, profile, editor, editor_client
):
    suggestion = make_suggestion(
        profile,
        infobox="Website: https://harborliteracy.example\nBudget: $1.1 million[^first]",
    )
    url = reverse("admin:editorial_suggestion_change", args=[suggestion.pk])
    review = parse(editor_client.get(url))
    assert "$1.1 million" in text_of(review.select_one(".suggestion-diff"))
    data = form_fields(review.select_one("form.review-form"))
    data["infobox"] = data["infobox"].replace("$1.1 million", "$1.15 million")
    response = editor_client.post(
        reverse("admin:editorial_suggestion_approve", args=[suggestion.pk]), data
    )
    assert response.status_code == 302
    assert profile.facts.get(label__name="Budget").value == "$1.15 million[^first]"


def test_two_suggestions_to_rows_apart_both_apply(editor):
    profile = make_profile(
        facts=[("Website", "https://a.example"), ("Formation", "2004"), ("Budget", "$900,000")]
    )
    base = "Website: https://a.example\nFormation: 2004\nBudget: $900,000"
    first = make_suggestion(profile, infobox=base.replace("$900,000", "$950,000"))
    second = make_suggestion(profile, infobox=base.replace("a.example", "b.example"))
    approve_suggestion(suggestion=first, editor=editor)
    approve_suggestion(suggestion=second, editor=editor)
    values = list(profile.facts.values_list("value", flat=True))
    assert values == ["https://b.example", "2004", "$950,000"]


def test_rows_are_read_with_their_labels_in_any_case():
    rows = parse_infobox("website: https://a.example\n\nBUDGET (as of 2023-12-31): $5")
    assert [(label.name, value, as_of) for label, value, as_of in rows] == [
        ("Website", "https://a.example", None),
        ("Budget", "$5", datetime.date(2023, 12, 31)),
    ]


def test_a_connection_row_is_not_in_the_text_and_keeps_its_place():
    website, budget = FactLabel.objects.get(name="Website"), FactLabel.objects.get(name="Budget")
    president = FactLabel.objects.get_or_create(name="President")[0]
    facts = [
        Fact(pk=1, label=website, value="https://a.example", position=0),
        Fact(pk=2, label=president, value="", relationship_id=7, position=1),
        Fact(pk=3, label=budget, value="$5", position=2),
    ]
    assert infobox_text(facts) == "Website: https://a.example\nBudget: $5"
    result = facts_from_text(facts, "Website: https://b.example\nBudget: $6")
    assert [(f.pk, f.value, f.position) for f in result] == [
        (1, "https://b.example", 0),
        (2, "", 1),
        (3, "$6", 2),
    ]
    assert facts[0].value == "https://a.example"  # the rows given are left as they were
