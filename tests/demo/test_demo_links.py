"""The demo runs offline: its source pages say "not checked yet", then "could not check" once
the worker has checked them, and never call a link dead. Nothing is fetched or resolved."""

import pytest

from profiles import linkcheck
from profiles.models import LinkCheck, Source
from tests.html import parse


@pytest.fixture(scope="module", autouse=True)
def one_demo(demo_loaded):
    pass


def test_the_demo_sources_say_not_checked_yet_then_could_not_check(demo, client):
    sources = Source.objects.public()
    for source in sources[:3]:
        state = parse(client.get(source.get_absolute_url())).select_one(".link-state")
        assert state.get_text(strip=True).startswith("Not checked yet")

    tally = linkcheck.check_sources([source.pk for source in Source.objects.all()])
    assert tally == {LinkCheck.Status.ERROR: Source.objects.with_links_to_check().count()}
    assert Source.objects.with_links_to_check().count() < Source.objects.exclude(url="").count()
    for source in sources.filter(filings__isnull=True):
        state = parse(client.get(source.get_absolute_url())).select_one(".link-state")
        assert "Could not check" in state.get_text()
    for profile in demo:
        assert "dead link" not in parse(client.get(profile.get_absolute_url())).get_text()
