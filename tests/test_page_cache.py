"""The page cache, in one process: anonymous readers get stored pages, every write of what a
page shows retires them, and nobody gets a page made for someone else."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from editorial.services import approve_suggestion
from profiles.services import save_profile, save_source
from tests.factories import make_profile, make_relationship, make_source, make_suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[True, False], ids=["page cache", "fragments only"])
def page_cache_or_not(request, settings):
    """Each freshness test twice: with the page cache, and with only the profile page's stored
    article fragments (profiles/fragments.py) between the write and the reader."""
    settings.PAGE_CACHE = request.param


def test_an_anonymous_reader_gets_the_stored_page_without_a_query(
    client, django_assert_num_queries
):
    profile = make_profile()
    first = client.get(profile.get_absolute_url())
    with django_assert_num_queries(0):
        again = client.get(profile.get_absolute_url())
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_revalidation_of_a_stored_page_is_a_304_without_a_query(
    client, django_assert_num_queries
):
    profile = make_profile()
    etag = client.get(profile.get_absolute_url())["ETag"]
    with django_assert_num_queries(0):
        again = client.get(profile.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag


def test_a_saved_profile_shows_its_new_text_at_once(page_cache_or_not, client):
    profile = make_profile()
    client.get(profile.get_absolute_url())
    profile.lead = "The fund now runs evening classes too.[^first]"
    save_profile(profile, user=None, comment="New lead.")
    assert b"evening classes" in client.get(profile.get_absolute_url()).content


def test_an_approved_suggestion_shows_at_once(page_cache_or_not, client, editor):
    profile = make_profile()
    client.get(profile.get_absolute_url())
    suggestion = make_suggestion(profile, lead="The fund also lends tablets.[^first]")
    approve_suggestion(suggestion=suggestion, editor=editor)
    assert b"lends tablets" in client.get(profile.get_absolute_url()).content


def test_an_edited_source_shows_on_every_citing_profile_and_its_own_page(page_cache_or_not, client):
    source = make_source(title="Reading Programs Expand")
    citing = [
        make_profile("Harbor Literacy Fund", citations={"first": source}),
        make_profile("Inland Literacy Fund", citations={"first": source}),
    ]
    pages = [p.get_absolute_url() for p in citing] + [reverse("profiles:source", args=[source.pk])]
    for page in pages:
        client.get(page)
    source.title = "Reading Programs Expand Again"
    save_source(source, user=None, comment="Corrected title.")
    for page in pages:
        assert b"Reading Programs Expand Again" in client.get(page).content, page


def test_a_new_connection_shows_on_both_profiles(page_cache_or_not, client):
    funder = make_profile("Bayside Giving Circle")
    funded = make_profile("Harbor Literacy Fund")
    for profile in (funder, funded):
        client.get(profile.get_absolute_url())
    make_relationship(funder, funded)
    assert b"Harbor Literacy Fund" in client.get(funder.get_absolute_url()).content
    assert b"Bayside Giving Circle" in client.get(funded.get_absolute_url()).content


def test_a_renamed_profile_shows_its_new_name_on_the_profiles_it_is_connected_to(
    page_cache_or_not, client
):
    funder = make_profile("Bayside Giving Circle")
    funded = make_profile("Harbor Literacy Fund")
    make_relationship(funder, funded)
    client.get(funder.get_absolute_url())
    funded.name = "Harbor Reading Fund"
    save_profile(funded, user=None, comment="Renamed.")
    assert b"Harbor Reading Fund" in client.get(funder.get_absolute_url()).content


def test_a_link_found_dead_shows_in_the_reference_list(page_cache_or_not, client):
    from django.utils import timezone

    from profiles.linkcheck import save_checks
    from profiles.models import LinkCheck

    source = make_source(url="https://gone.example/story/")
    profile = make_profile(citations={"first": source})
    assert b"dead link" not in client.get(profile.get_absolute_url()).content
    check = LinkCheck(source=source, checked_url=source.url, status=LinkCheck.Status.DEAD)
    check.checked_at = timezone.now()
    save_checks([check])
    assert b"dead link" in client.get(profile.get_absolute_url()).content


def test_a_profile_written_for_a_missing_link_turns_the_link_blue(page_cache_or_not, client):
    profile = make_profile(lead="It works with [[Harbor Tenants Union]].[^first]")
    assert b"wikilink-missing" in client.get(profile.get_absolute_url()).content
    make_profile("Harbor Tenants Union")
    assert b"wikilink-missing" not in client.get(profile.get_absolute_url()).content


def test_a_profile_that_starts_mentioning_another_shows_under_mentioned_in(
    page_cache_or_not, client
):
    profile = make_profile("Harbor Tenants Union")
    client.get(profile.get_absolute_url())
    make_profile("Bayside Giving Circle", lead="It funds [[Harbor Tenants Union]].[^first]")
    assert b"Bayside Giving Circle" in client.get(profile.get_absolute_url()).content


def test_a_renamed_category_shows_on_its_profiles(page_cache_or_not, client):
    from profiles.models import Category

    profile = make_profile()
    client.get(profile.get_absolute_url())
    category = Category.objects.get(slug="non-profit")
    category.name = "Charitable body"
    category.save()
    assert b"Charitable body" in client.get(profile.get_absolute_url()).content


def test_the_profile_page_renders_its_article_once_for_every_later_reader(
    settings, client, django_assert_num_queries
):
    """With the page cache off, a second reader costs the queries of the article's key
    (profile, revision, "Mentioned in", missing links, stamps) and none for its facts,
    citations, sources or connections."""
    settings.PAGE_CACHE = False
    profile = make_profile()
    make_relationship(make_profile("Bayside Giving Circle"), profile)
    first = client.get(profile.get_absolute_url())
    with django_assert_num_queries(5):
        again = client.get(profile.get_absolute_url())
    assert again.content == first.content


def test_a_logged_in_editor_never_gets_a_stored_page(client, editor):
    profile = make_profile()
    client.get(profile.get_absolute_url())  # stored for anonymous readers
    editors = Client()
    editors.force_login(editor)
    response = editors.get(profile.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert response.wsgi_request.user == editor
    assert b"/edit/" in response.content  # the editor's own page, with its edit link


def test_an_editors_page_is_never_stored_for_anonymous_readers(client, editor):
    profile = make_profile()
    editors = Client()
    editors.force_login(editor)
    editors.get(profile.get_absolute_url())
    response = client.get(profile.get_absolute_url())
    assert "public" in response["Cache-Control"]
    assert b"/admin/logout/" not in response.content


def csrf_token_in(response):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content).group(1)


def test_a_page_with_a_forms_csrf_token_is_never_served_to_another_visitor(monkeypatch):
    """Even a page the cache may store is not stored once its form used a CSRF token."""
    from config import page_cache

    monkeypatch.setattr(page_cache, "CACHED_VIEWS", {*page_cache.CACHED_VIEWS, "admin:login"})
    first = Client().get(reverse("admin:login"))
    second = Client().get(reverse("admin:login"))
    assert csrf_token_in(first) != csrf_token_in(second)
    assert "csrftoken" in second.cookies


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client):
    profile = make_profile()
    client.get(profile.get_absolute_url())
    client.cookies["messages"] = "a waiting message"
    response = client.get(profile.get_absolute_url())
    assert response.wsgi_request.resolver_match is not None  # the view ran


def test_with_the_page_cache_turned_off_every_request_renders(client, settings):
    settings.PAGE_CACHE = False
    profile = make_profile()
    client.get(profile.get_absolute_url())
    assert client.get(profile.get_absolute_url()).wsgi_request.resolver_match is not None


def test_a_stored_page_is_not_served_for_another_host(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    profile = make_profile()
    client.get(profile.get_absolute_url())
    response = client.get(profile.get_absolute_url(), HTTP_HOST="mirror.example")
    assert b"mirror.example" in response.content  # its canonical link names its own host
