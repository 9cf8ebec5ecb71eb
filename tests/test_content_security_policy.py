"""Every page sends a strict Content-Security-Policy, the admin included."""

import pytest
from django.urls import reverse

from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in header.split(";")
        if directive.strip()
    }


@pytest.mark.parametrize(
    "url",
    ["/", "/profiles/", "/search/?q=fund", "/tips/new/", "/api/profiles/", "/admin/login/"],
)
def test_pages_send_a_strict_policy(client, url):
    directives = policy(client.get(url))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_a_profile_page_and_the_admin_have_no_inline_script_or_style(client, editor_client):
    profile = make_profile()
    pages = [
        client.get(profile.get_absolute_url()),
        editor_client.get(reverse("admin:index")),
        editor_client.get(reverse("admin:profiles_profile_change", args=[profile.pk])),
    ]
    for response in pages:
        page = parse(response)
        scripts = [
            s
            for s in page.find_all("script")
            if not s.get("src")
            and s.get("type")
            not in {
                "application/ld+json",
                "application/json",
            }
        ]
        assert scripts == []
        assert page.select("[style]") == [] and page.find_all("style") == []
