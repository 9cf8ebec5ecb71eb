"""A renamed profile keeps answering at its old address, on every page under it."""

import pytest
import reversion

from tests.factories import make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed():
    profile = make_profile("Harbor Literacy Fund")
    with reversion.create_revision():
        profile.remember_former_slug("harbor-literacy-fund")
        profile.slug = "harbor-reading-fund"
        profile.save()
    return profile


@pytest.mark.parametrize(
    "old, new",
    [
        ("/profiles/harbor-literacy-fund/", "/profiles/harbor-reading-fund/"),
        ("/profiles/harbor-literacy-fund/history/", "/profiles/harbor-reading-fund/history/"),
        (
            "/profiles/harbor-literacy-fund/history/feed/",
            "/profiles/harbor-reading-fund/history/feed/",
        ),
        (
            "/profiles/harbor-literacy-fund/suggest/?section=background",
            "/profiles/harbor-reading-fund/suggest/?section=background",
        ),
        ("/profiles/harbor-literacy-fund/report/", "/profiles/harbor-reading-fund/report/"),
    ],
)
def test_every_page_of_a_renamed_profile_redirects_permanently(client, renamed, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
