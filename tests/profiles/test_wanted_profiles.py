import pytest
import reversion
from django.urls import reverse

from profiles.models import FormerSlug
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db


def wanted_rows(client):
    soup = parse(client.get(reverse("profiles:wanted")))
    return [
        (row.th.get_text(), row.td.get_text(), row.select("td a")[-1]["href"])
        for row in soup.select("tbody tr")
    ]


def test_profiles_linked_to_but_not_written_are_listed_most_linked_first(client):
    make_profile("Alpha Fund", lead="Works with [[Quarry Guild]] and [[Mill Union]].[^first]")
    make_profile("Beta Fund", lead="Allied with [[Quarry Guild]].[^first]")
    assert wanted_rows(client) == [
        ("Quarry Guild", "Alpha Fund, Beta Fund", "/tips/new/?name=Quarry%20Guild"),
        ("Mill Union", "Alpha Fund", "/tips/new/?name=Mill%20Union"),
    ]


def test_written_renamed_and_unpublished_sources_are_left_out(client):
    make_profile("Alpha Fund", lead="See [[Quarry Guild]], [[Old Name]] and [[Beta]].[^first]")
    make_profile("Quarry Guild")
    renamed = make_profile("New Name")
    with reversion.create_revision():
        FormerSlug.objects.create(slug="old-name", profile=renamed)
    make_profile("Draft", lead="Mentions [[Secret Target]].[^first]", published=False)
    assert [name for name, _, _ in wanted_rows(client)] == ["Beta"]


def test_the_wanted_page_query_count_does_not_grow_with_the_list(client, django_assert_num_queries):
    links = " ".join(f"[[Missing {i}]]" for i in range(40))
    make_profile("Alpha Fund", lead=f"{links}[^first]")
    make_profile("Beta Fund", lead=f"{links}[^first]")
    # the wanted list (with its count), the profiles linking to the page's names
    with django_assert_num_queries(3):
        client.get(reverse("profiles:wanted"))
