"""A source that a published profile's reference list holds is public wherever it came from: the
text, a connection between two published profiles, or a filing. Its page, /sources/ and
/api/sources/ count every profile whose reference list holds it."""

import pytest

from profiles.models import Source
from tests.factories import make_profile, make_relationship, make_source
from tests.html import parse, text_of
from tests.profiles.test_finances import import_years

pytestmark = pytest.mark.django_db


def cited_by_on_the_index(client, source):
    (row,) = [
        item
        for item in client.get("/api/sources/", {"q": source.title}).json()["results"]
        if item["id"] == source.pk
    ]
    return row["cited_by"]


def citing_names(client, source):
    page = parse(client.get(source.get_absolute_url()))
    names = {text_of(link) for link in page.select("main a[href^='/profiles/']")}
    return sorted(name for name in names if not name.startswith("reference "))


def test_a_source_only_a_connection_cites_is_public_and_counts_both_ends(client):
    fund = make_profile("Alder Falls Civic Fund", citations={})
    union = make_profile("Quarry Lane Tenants Union", citations={})
    letter = make_source(title="Grant letter to the union")
    make_relationship(fund, union, "funded", sources=[letter])
    assert client.get(letter.get_absolute_url()).status_code == 200
    assert citing_names(client, letter) == ["Alder Falls Civic Fund", "Quarry Lane Tenants Union"]
    assert cited_by_on_the_index(client, letter) == 2
    assert Source.objects.public().filter(pk=letter.pk).exists()


def test_a_connection_to_a_draft_keeps_its_source_private(client):
    fund = make_profile("Alder Falls Civic Fund", citations={})
    draft = make_profile("Quiet Draft Society", citations={}, published=False)
    memo = make_source(title="Memo about the draft")
    make_relationship(fund, draft, "funded", sources=[memo])
    assert client.get(memo.get_absolute_url()).status_code == 404
    assert not client.get("/api/sources/", {"q": memo.title}).json()["results"]


def test_a_filing_source_is_public_and_lists_its_profile(client, tmp_path):
    fund = make_profile("Alder Falls Civic Fund", ein="12-3456789")
    import_years(tmp_path, fund, [2021])
    filing_source = fund.filings.get().source
    assert client.get(filing_source.get_absolute_url()).status_code == 200
    assert citing_names(client, filing_source) == ["Alder Falls Civic Fund"]
    assert cited_by_on_the_index(client, filing_source) == 1


def test_a_source_cited_by_text_and_a_connection_counts_each_profile_once(client):
    report = make_source(title="Annual report of the fund")
    fund = make_profile("Alder Falls Civic Fund", citations={"first": report})
    union = make_profile("Quarry Lane Tenants Union", citations={})
    make_relationship(fund, union, "funded", sources=[report])
    assert cited_by_on_the_index(client, report) == 2
