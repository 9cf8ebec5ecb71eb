"""Typed identifiers: EIN, FEC id and Wikidata item on a profile."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from profiles.services import save_profile
from tests.factories import make_profile
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_identifiers_are_stored_in_one_spelling():
    profile = make_profile(ein="123456789", wikidata_id="q4242", fec_id="c00123456")
    profile.refresh_from_db()
    assert (profile.ein, profile.wikidata_id, profile.fec_id) == (
        "12-3456789",
        "Q4242",
        "C00123456",
    )


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("ein", "12-34567", "nine digits"),
        ("ein", "AB-CDEFGHI", "nine digits"),
        ("fec_id", "X12", "committee id"),
        ("wikidata_id", "P31", "Q followed by its number"),
    ],
)
def test_a_malformed_identifier_is_refused_with_a_sentence(field, value, words):
    profile = make_profile()
    setattr(profile, field, value)
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert words in " ".join(refused.value.message_dict[field])


def test_an_ein_belongs_to_one_profile():
    make_profile("Alder Falls Civic Fund", ein="12-3456789")
    other = make_profile("Harbor Literacy Fund")
    other.ein = "12-3456789"
    with pytest.raises(ValidationError) as refused:
        other.validate_constraints()
    assert "Another profile has this EIN." in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        save_profile(other, user=None, comment="Same EIN.")


def test_the_infobox_shows_each_identifier_with_a_link_out(client):
    profile = make_profile(ein="12-3456789", fec_id="C00123456", wikidata_id="Q4242")
    page = parse(client.get(profile.get_absolute_url()))
    infobox = text_of(page.select_one("#infobox"))
    assert "Tax ID (EIN)" in infobox and "12-3456789" in infobox
    links = {a["href"] for a in page.select("#infobox a")}
    assert "https://projects.propublica.org/nonprofits/organizations/123456789" in links
    assert "https://www.fec.gov/data/committee/C00123456/" in links
    assert "https://www.wikidata.org/wiki/Q4242" in links


@pytest.mark.parametrize("typed", ["12-3456789", "123456789", " 12 3456789 "])
def test_an_ein_typed_in_the_search_box_finds_the_profile(client, typed):
    profile = make_profile(ein="12-3456789")
    response = client.get(reverse("profiles:search"), {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == profile.get_absolute_url()


def test_an_unknown_or_unpublished_ein_is_an_ordinary_search(client):
    make_profile(ein="12-3456789", published=False)
    response = client.get(reverse("profiles:search"), {"q": "12-3456789"})
    assert response.status_code == 200


def test_a_wikidata_item_typed_in_the_search_box_finds_the_profile(client):
    profile = make_profile(wikidata_id="Q4242")
    response = client.get(reverse("profiles:search"), {"q": "q4242"})
    assert response["Location"] == profile.get_absolute_url()


def test_the_api_and_json_ld_carry_the_identifiers(client):
    profile = make_profile(ein="12-3456789", wikidata_id="Q4242")
    data = client.get(reverse("api:profile", args=[profile.slug])).json()
    assert {
        "kind": "ein",
        "value": "12-3456789",
        "url": ("https://projects.propublica.org/nonprofits/organizations/123456789"),
    } in data["identifiers"]
    page = parse(client.get(profile.get_absolute_url()))
    json_ld = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert json_ld["taxID"] == "12-3456789"
    assert {i["propertyID"]: i["value"] for i in json_ld["identifier"]} == {
        "EIN": "12-3456789",
        "Wikidata": "Q4242",
    }
