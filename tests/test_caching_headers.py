import pytest
from django.urls import reverse

from tests.factories import make_profile

pytestmark = pytest.mark.django_db


def test_an_anonymous_profile_page_is_publicly_cacheable_and_revalidates_with_a_304(client):
    profile = make_profile()
    response = client.get(profile.get_absolute_url())
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(profile.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_pages_seen_by_a_logged_in_editor_are_private(editor_client):
    profile = make_profile()
    response = editor_client.get(profile.get_absolute_url())
    assert "private" in response["Cache-Control"]


def test_the_admin_is_never_publicly_cached(client):
    response = client.get(reverse("admin:login"))
    assert "public" not in response["Cache-Control"]
