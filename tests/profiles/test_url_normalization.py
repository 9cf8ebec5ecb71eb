import pytest
from django.db import IntegrityError

from profiles.models import Source
from profiles.urlnorm import normalize_url
from tests.factories import make_profile, make_source
from tests.html import parse

CANONICAL = "https://www.harbor-courier.example/2020/05/library-vote"

SAME_SOURCE = [
    "https://www.harbor-courier.example/2020/05/library-vote",
    "https://www.harbor-courier.example/2020/05/library-vote/",
    "HTTPS://WWW.HARBOR-COURIER.EXAMPLE/2020/05/library-vote",
    "https://www.Harbor-Courier.example/2020/05/library-vote/",
    "https://www.harbor-courier.example/2020/05/library-vote?utm_source=newsletter",
    "https://www.harbor-courier.example/2020/05/library-vote/?utm_source=x&utm_medium=email",
    "https://www.harbor-courier.example/2020/05/library-vote?fbclid=IwAR0abc",
    "https://www.harbor-courier.example/2020/05/library-vote#comments",
    "https://www.harbor-courier.example/2020/05/library-vote/?gclid=1#top",
    "https://www.harbor-courier.example:443/2020/05/library-vote",
    "  https://www.harbor-courier.example/2020/05/library-vote  ",
    "https://www.harbor-courier.example/2020/05/./library-vote",
]

DISTINCT = [
    "https://www.harbor-courier.example/2020/05/Library-Vote",  # paths are case-sensitive
    "https://www.harbor-courier.example/2020/05/library-vote?page=2",  # real parameters stay
    "https://harbor-courier.example/2020/05/library-vote",  # another host
    "http://www.harbor-courier.example/2020/05/library-vote",  # another scheme
    "https://www.harbor-courier.example/2020/05/library-vote-2",
]


@pytest.mark.parametrize("url", SAME_SOURCE)
def test_decorated_urls_normalize_to_the_canonical_form(url):
    assert normalize_url(url) == CANONICAL


@pytest.mark.parametrize("url", DISTINCT)
def test_different_pages_stay_distinct(url):
    assert normalize_url(url) != CANONICAL


def test_meaningful_query_parameters_are_kept_in_order():
    assert normalize_url("https://a.example/search?q=tax&page=2&utm_campaign=z") == (
        "https://a.example/search?q=tax&page=2"
    )


def test_empty_url_normalizes_to_empty():
    assert normalize_url("") == ""
    assert normalize_url(None) == ""


@pytest.mark.django_db
def test_the_database_refuses_two_sources_with_the_same_normalized_url():
    make_source(url=SAME_SOURCE[0])
    with pytest.raises(IntegrityError):
        make_source(url=SAME_SOURCE[5])


@pytest.mark.django_db
def test_many_sources_may_have_no_url():
    make_source(url="", title="A printed leaflet")
    make_source(url="", title="A court transcript")
    assert Source.objects.filter(normalized_url="").count() == 2


@pytest.mark.django_db
def test_a_reference_shows_its_url_without_tracking_but_otherwise_as_typed(client):
    source = make_source(url="HTTPS://News.Example/Story/?id=7&utm_source=mail&fbclid=x#part-2")
    profile = make_profile(citations={"first": source})
    link = parse(client.get(profile.get_absolute_url())).select_one("a.source-url")
    assert link["href"] == link.get_text() == "https://news.example/Story/?id=7#part-2"
