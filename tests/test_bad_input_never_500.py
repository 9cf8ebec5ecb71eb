"""Whatever is typed into an address, a public page or the API answers 404, 400 or a page with
a form error, never a server error."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from profiles.revisions import latest_revision
from tests.factories import make_profile

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits, which int() reads as 12
    "99999999999999999999",  # more than SQLite's 64-bit integers
    str(2**63),
    "9" * 5000,  # more digits than int() converts
    "-1",
    "1.5",
    "\x00",  # PostgreSQL refuses NUL in text
    "a\x00b",
    "x" * 5000,
    "no-such-profile",
    "%",
]

# {slug} is the live profile's slug, {revision} its current revision, {value} a hostile value.
IN_THE_PATH = [
    "/profiles/{value}/",
    "/profiles/{value}/history/",
    "/profiles/{value}/history/feed/",
    "/profiles/{value}/diff/",
    "/profiles/{slug}/revisions/{value}/",
    "/profiles/{value}/revisions/{revision}/",
    "/profiles/{value}/suggest/",
    "/profiles/{value}/report/",
    "/profiles/{value}/follow/",
    "/profiles/{value}/follow/sent/",
    "/follows/{value}/confirm/",
    "/follows/{value}/unsubscribe/",
    "/sources/{value}/",
    "/suggestions/{value}/",
    "/suggestions/{value}/sent/",
    "/sitemap-{value}.xml",
    "/api/profiles/{value}/",
    "/api/profiles/{value}/revisions/",
    "/api/sources/{value}/",
]
IN_THE_QUERY = [
    "/profiles/?page={value}",
    "/profiles/?category={value}&type={value}&location={value}&letter={value}",
    "/search/?q={value}&page={value}",
    "/search/?q=literacy&page={value}&category={value}&location={value}",
    "/profiles/{slug}/history/?page={value}",
    "/recent/?page={value}",
    "/wanted/?page={value}",
    "/profiles/{slug}/diff/?from={value}",
    "/profiles/{slug}/diff/?to={value}",
    "/profiles/{slug}/diff/?from={revision}&to={value}",
    "/profiles/{slug}/suggest/?section={value}",
    "/profiles/{slug}/report/?part={value}",
    "/tips/new/?name={value}",
    "/api/profiles/?page={value}",
    "/api/profiles/?category={value}&type={value}&location={value}&letter={value}",
    "/api/profiles/{slug}/revisions/?page={value}",
    "/api/changes/?since={value}",
    "/api/changes/?since=1&page={value}",
]
FOR_EDITORS = ["/profiles/{slug}/revisions/{value}/revert/"]


def server_errors(client, templates):
    """The addresses, each with every hostile value, that answered with a server error."""
    profile = make_profile()
    client.raise_request_exception = False
    failures = []
    for template in templates:
        for value in HOSTILE:
            url = template.format(
                slug=profile.slug,
                revision=latest_revision(profile).pk,
                value=quote(value, safe=""),
            )
            status = client.get(url).status_code
            if status >= 500:
                failures.append((template, value[:20], status))
    return failures


@pytest.mark.parametrize("template", IN_THE_PATH + IN_THE_QUERY)
def test_hostile_values_in_public_addresses_never_cause_a_server_error(client, template):
    assert server_errors(client, [template]) == []


@pytest.mark.parametrize("template", FOR_EDITORS)
def test_hostile_values_in_editors_addresses_never_cause_a_server_error(editor_client, template):
    assert server_errors(editor_client, [template]) == []


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_revision_to_revert_to_is_not_found(editor_client, value):
    profile = make_profile()
    url = reverse("profiles:revert", args=[profile.slug])
    assert editor_client.post(url, {"revision": value}).status_code == 404
