import pytest
from django.urls import reverse

from tests.factories import make_profile, make_source
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_home_page_counts_published_profiles_per_category_and_lists_updates(client):
    make_profile("Alpha Fund")
    make_profile("Beta Fund")
    make_profile("Draft Fund", published=False)
    make_profile("Dana Reyes", category="person")
    soup = parse(client.get(reverse("profiles:home")))
    counts = {
        item.a.get_text(): item.select_one(".badge").get_text(" ", strip=True)
        for item in soup.select("#categories-heading + ul li")
    }
    assert counts["Non-profits"].startswith("2")
    assert counts["People"].startswith("1")
    recent = [a.get_text() for a in soup.select(".recent-list a")]
    assert "Draft Fund" not in recent
    assert set(recent) == {"Alpha Fund", "Beta Fund", "Dana Reyes"}


@pytest.mark.parametrize("profile_count", [2, 30])
def test_the_home_page_query_count_does_not_grow_with_profiles(
    client, django_assert_num_queries, profile_count
):
    for number in range(profile_count):
        make_profile(f"Harbor Fund {number}")
    with django_assert_num_queries(2):
        client.get(reverse("profiles:home"))


@pytest.mark.parametrize("citing_count", [1, 12])
def test_the_source_page_query_count_does_not_grow_with_citing_profiles(
    client, django_assert_num_queries, citing_count
):
    source = make_source()
    for number in range(citing_count):
        make_profile(f"Citing Fund {number}", citations={"first": source})
    with django_assert_num_queries(2):
        response = client.get(reverse("profiles:source", args=[source.pk]))
    assert len(parse(response).select("main li > a:first-child")) == citing_count
