"""The link limit counts the links the page would show, the way the renderer makes them."""

import pytest

from editorial.abuse import count_links
from editorial.models import Suggestion
from tests.editorial.submitting import field_errors, send_report
from tests.factories import make_profile

pytestmark = pytest.mark.django_db


def test_forty_bare_domains_count_as_forty_links(client):
    profile = make_profile()
    message = " ".join(f"cheap-pills-{n}.com" for n in range(40))
    response = send_report(client, profile, message=message)
    assert "Your suggestion adds 40 links; at most 10 are allowed" in field_errors(response)
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    "text, links",
    [
        ("See shop.io and www.cheap.net.", 2),
        ("[x](//evil.example/p) and <mailto:a@b.com> and bob@example.org", 3),
        ("https://a.example/1 https://a.example/1", 2),
        ("[[Harbor Literacy Fund]] cites [^first], no link here.", 0),
    ],
)
def test_links_are_counted_as_the_renderer_makes_them(text, links):
    assert sum(count_links(text).values()) == links
