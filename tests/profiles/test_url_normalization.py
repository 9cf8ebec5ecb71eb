import importlib

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
    "https://www.harbor-courier.example/2020/05/library-vote?igshid=MzRlODBiNWFlZA==",
    "https://www.harbor-courier.example/2020/05/library-vote?igsh=abc",
    "https://www.harbor-courier.example/2020/05/library-vote?mc_cid=1a2b&mc_eid=3c4d",
    "https://www.harbor-courier.example/2020/05/library-vote?_ga=2.1234&_gl=1*abc",
    "https://www.harbor-courier.example/2020/05/library-vote?ref_src=twsrc%5Etfw",
    "https://www.harbor-courier.example/2020/05/library-vote?ref_url=https%3A%2F%2Fx.example",
    "https://www.harbor-courier.example/2020/05/library-vote?spm=a2g0o.detail.1000",
    "https://www.harbor-courier.example/2020/05/library-vote?msclkid=9&dclid=8&yclid=7",
    "https://www.harbor-courier.example/2020/05/library-vote?gbraid=0A&wbraid=1B&ttclid=2",
    "https://www.harbor-courier.example/2020/05/library-vote?_hsenc=p2A&_hsmi=12&mkt_tok=ey",
    "https://www.harbor-courier.example/2020/05/library-vote?UTM_Source=feed&ITM_Campaign=b",
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


@pytest.mark.parametrize(
    ("decorated", "canonical"),
    [
        (
            "https://www.facebook.com/HarborCourier/posts/123?ref=page_internal&__tn__=K-R",
            "https://www.facebook.com/HarborCourier/posts/123",
        ),
        (
            "https://m.facebook.com/events/55/?ref=bookmarks&mibextid=Zb",
            "https://m.facebook.com/events/55",
        ),
        ("https://x.com/courier/status/9?s=20&t=AbC", "https://x.com/courier/status/9"),
        (
            "https://twitter.com/courier/status/9?ref_src=twsrc",
            "https://twitter.com/courier/status/9",
        ),
        (
            "https://www.youtube.com/watch?v=abc&si=xyz&feature=share",
            "https://www.youtube.com/watch?v=abc",
        ),
        ("https://www.instagram.com/p/Cx1/?igshid=aa&ref=1", "https://www.instagram.com/p/Cx1"),
    ],
)
def test_the_social_sites_own_share_parameters_are_dropped_on_those_sites(decorated, canonical):
    assert normalize_url(decorated) == canonical


def test_ref_stays_on_other_sites_where_it_can_name_the_page():
    """A code host's ?ref= names a branch: two branches are two pages."""
    assert normalize_url("https://code.example/org/repo/file.txt?ref=v2") == (
        "https://code.example/org/repo/file.txt?ref=v2"
    )
    assert normalize_url("https://news.example/article?s=14") == "https://news.example/article?s=14"


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
    assert link["href"] == "https://news.example/Story/?id=7#part-2"
    assert link.get_text() == f"{source.title}."


def renormalize_migration():
    return importlib.import_module("profiles.migrations.0008_renormalize_source_urls")


@pytest.mark.django_db
def test_stored_sources_get_the_new_normalized_form_so_a_pasted_url_finds_them():
    stored = make_source(url="https://www.facebook.com/courier/posts/1?ref=page_internal")
    Source.objects.filter(pk=stored.pk).update(normalized_url=stored.url)  # as stored before
    left = renormalize_migration().renormalize(Source, report=lambda line: None)
    assert left == []
    assert Source.objects.for_url("https://www.facebook.com/courier/posts/1/") == stored


@pytest.mark.django_db
def test_two_stored_sources_that_turn_out_the_same_page_are_named_and_not_merged():
    first = make_source(url="https://courier.example/story?igshid=aa")
    second = make_source(url="https://courier.example/other")
    # As stored before igshid was known as tracking.
    Source.objects.filter(pk=first.pk).update(normalized_url=first.url)
    second.url = "https://courier.example/story?igshid=bb"
    Source.objects.filter(pk=second.pk).update(url=second.url, normalized_url=second.url)
    lines = []
    left = renormalize_migration().renormalize(Source, report=lines.append)
    assert left == [second.pk]
    assert lines == [
        f"Source {second.pk} is the same page as source {first.pk} "
        "(https://courier.example/story): merge them."
    ]
    assert Source.objects.get(pk=first.pk).normalized_url == "https://courier.example/story"
    assert Source.objects.get(pk=second.pk).normalized_url == second.url
