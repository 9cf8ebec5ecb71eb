from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from reversion.models import Version

from demo import content as demo_content
from profiles.models import Citation, Profile, Relationship, RelationshipCitation, Source
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_promised_breadth(demo):
    assert demo.count() >= 12
    assert demo.values("category").distinct().count() >= 5
    assert demo.filter(category__is_person=True).exists()
    assert Source.objects.count() >= 40
    assert Citation.objects.count() >= 100
    shared = Source.objects.annotate(n=Count("citations__profile", distinct=True)).filter(n__gt=1)
    assert shared.count() >= 5


def test_each_demo_profile_is_created_in_one_revision_and_connected_in_one_more(demo):
    connected = {r.subject_id for r in Relationship.objects.all()} | {
        r.object_id for r in Relationship.objects.all()
    }
    for profile in demo:
        versions = list(Version.objects.get_for_object(profile).order_by("revision_id"))
        assert versions[0].revision.user.username == "editor"
        assert versions[0].revision.comment == f"Created {profile.name} (demo content)."
        later = [version.revision.comment for version in versions[1:]]
        if profile.filings.exists():
            assert later.pop().startswith("Imported ")  # the demo's IRS returns
        if profile.pk in connected:
            assert later == ["Connected the demo profiles (demo content)."]
        else:
            assert later == []


def test_the_demo_has_a_cited_web_of_connections(demo):
    assert Relationship.objects.count() >= 15
    assert Relationship.objects.filter(amount__isnull=False).count() >= 5
    kinds = set(Relationship.objects.values_list("type__slug", flat=True))
    assert {"funded", "board-member", "member-of", "officer", "co-signed"} <= kinds
    assert not Relationship.objects.filter(citations__isnull=True).exists()


def test_loading_the_demo_twice_changes_nothing(demo):
    before = (Profile.objects.count(), Source.objects.count(), Version.objects.count())
    call_command("load_demo", force=True, stdout=StringIO())
    assert (Profile.objects.count(), Source.objects.count(), Version.objects.count()) == before


def test_every_demo_profile_page_loads(client, demo):
    for profile in demo:
        assert client.get(profile.get_absolute_url()).status_code == 200


def test_the_long_demo_profile_has_one_reference_entry_per_distinct_source(client, demo):
    flagship = Profile.objects.get(slug=demo_content.PROFILES[0]["slug"])
    assert len((flagship.lead + flagship.body).split()) >= 1500
    soup = parse(client.get(flagship.get_absolute_url()))
    assert len(soup.select(".profile-body h2")) == 4
    assert len(soup.select(".profile-body h3")) >= 1
    markers = soup.select("sup.reference")
    assert len(markers) >= 20
    distinct_sources = (
        set(flagship.citations.values_list("source", flat=True))
        | set(
            RelationshipCitation.objects.filter(
                Q(relationship__subject=flagship) | Q(relationship__object=flagship)
            ).values_list("source", flat=True)
        )
        | set(flagship.filings.values_list("source", flat=True))
    )
    entries = soup.select(".reference-list > li")
    assert len(entries) == len(distinct_sources)

    # Markers are numbered by first appearance: each new number is one more than the last.
    numbers = [int(marker.get_text().strip("[]")) for marker in markers]
    first_appearances = list(dict.fromkeys(numbers))
    assert first_appearances == list(range(1, len(entries) + 1))

    # Every marker links to its entry, and every back-link to a marker citing that entry.
    backlinks = Counter()
    for marker in markers:
        entry = soup.find(id=marker.a["href"].removeprefix("#"))
        assert entry in entries
        assert entry.find("a", href=f"#{marker['id']}")
    for entry in entries:
        for backlink in entry.select("a.backlink"):
            target = soup.find(id=backlink["href"].removeprefix("#"))
            assert target.name == "sup"
            assert target.a["href"] == f"#{entry['id']}"
            backlinks[entry["id"]] += 1
    assert sum(backlinks.values()) == len(markers)


def test_the_demo_shows_missing_profiles_as_missing(client, demo):
    pages = [parse(client.get(p.get_absolute_url())) for p in demo]
    missing = [a for soup in pages for a in soup.select("a.wikilink-missing")]
    assert missing
    assert all(a["href"].startswith("/tips/new/?name=") for a in missing)


def test_three_demo_organizations_have_filings_over_several_years_once():
    from profiles.models import Filing

    years = {}
    for filing in Filing.objects.select_related("profile"):
        years.setdefault(filing.profile.slug, set()).add(filing.tax_year)
    assert len(years) == 3 and all(len(y) >= 3 for y in years.values())
    assert {f.form for f in Filing.objects.all()} == {"990", "990EZ", "990PF"}
    before = Filing.objects.count()
    call_command("load_demo", force=True, stdout=StringIO())
    assert Filing.objects.count() == before
