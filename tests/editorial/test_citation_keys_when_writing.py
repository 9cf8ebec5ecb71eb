"""Writing a suggestion: each citation key is shown with the source it stands for."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_profile, make_source
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_each_key_is_shown_with_its_sources_title_publication_and_date(client):
    courier = make_source(
        title="Reading Circle Opens a Second Branch",
        publication="The Harbor Courier",
        published_date=datetime.date(2022, 3, 1),
        date_precision="month",
    )
    filing = make_source(title="Annual Return 2023", publication="", published_date=None)
    profile = make_profile(
        lead="It reads.[^courier] It files.[^return-2023]",
        citations={"courier": courier, "return-2023": filing},
    )
    page = parse(client.get(reverse("editorial:suggest_edit", args=[profile.slug])))
    entries = [
        " ".join(item.get_text(" ", strip=True).split())
        for item in page.select("form .citation-keys li")
    ]
    assert entries == [
        "[^courier] “Reading Circle Opens a Second Branch.” The Harbor Courier. March 2022.",
        "[^return-2023] “Annual Return 2023.”",
    ]


def test_a_profile_without_citations_says_there_are_none_yet(client):
    profile = make_profile(lead="It reads.", citations={})
    page = parse(client.get(reverse("editorial:suggest_edit", args=[profile.slug])))
    assert "None yet" in page.select_one(".citation-keys").get_text()
