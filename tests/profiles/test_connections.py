"""Connections: typed, dated, cited relationships shown on both profiles, with history."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from profiles.models import Relationship, RelationshipCitation, RelationshipType
from profiles.revisions import latest_revision
from profiles.services import delete_relationship, revert_profile, save_relationship
from tests.factories import make_profile, make_relationship, make_source
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def funder_and_grantee():
    funder = make_profile(
        "Alder Falls Civic Fund",
        lead="A foundation in Alder Falls.[^first]",
        citations={"first": make_source(title="Foundation Annual Report")},
    )
    grantee = make_profile(
        "Harbor Literacy Fund",
        lead="Reading programs.[^first] More.[^second]",
        citations={
            "first": make_source(title="Reading Rooms Reopen"),
            "second": make_source(title="Volunteers Wanted"),
        },
    )
    return funder, grantee


def connections_section(client, profile):
    return parse(client.get(profile.get_absolute_url())).select_one("section.connections")


def reference_titles(client, profile):
    page = parse(client.get(profile.get_absolute_url()))
    return [
        (entry["value"], text_of(entry.select_one(".source-title")))
        for entry in page.select(".reference-list > li")
    ]


def test_a_funding_connection_shows_on_both_profiles_with_its_amount_and_its_reference(
    client, editor, funder_and_grantee
):
    funder, grantee = funder_and_grantee
    grant_report = make_source(title="Grants Awarded in 2023")
    make_relationship(
        funder, grantee, "funded", start="2023", amount=Decimal("25000"),
        sources=[grant_report], user=editor,
    )  # fmt: skip

    on_funder = connections_section(client, funder)
    assert text_of(on_funder.select_one("caption")) == "Funded (1)"
    row = on_funder.select_one("tbody tr")
    assert row.select_one("a")["href"] == grantee.get_absolute_url()
    assert "$25,000" in text_of(row)
    assert "since 2023" in text_of(row)
    on_grantee = connections_section(client, grantee)
    assert text_of(on_grantee.select_one("caption")) == "Funded by (1)"
    assert on_grantee.select_one("tbody a")["href"] == funder.get_absolute_url()

    # The source numbers into each profile's own reference list after its text's references.
    assert reference_titles(client, funder)[-1] == ("2", "Grants Awarded in 2023.")
    assert reference_titles(client, grantee)[-1] == ("3", "Grants Awarded in 2023.")
    marker = on_grantee.select_one("sup.reference")
    assert marker.a["href"] == "#cite-note-3"
    entry = parse(client.get(grantee.get_absolute_url())).select_one("#cite-note-3")
    assert entry.select_one("a.backlink")["href"] == f"#{marker['id']}"


def test_adding_a_connection_is_one_revision_in_the_history_of_both_profiles(
    editor, funder_and_grantee
):
    funder, grantee = funder_and_grantee
    before = {p.pk: Version.objects.get_for_object(p).count() for p in funder_and_grantee}
    make_relationship(funder, grantee, "funded", user=editor, comment="Added the 2023 grant.")
    for profile in funder_and_grantee:
        assert Version.objects.get_for_object(profile).count() == before[profile.pk] + 1
    assert latest_revision(funder) == latest_revision(grantee)
    assert latest_revision(funder).user == editor
    assert latest_revision(funder).get_comment() == "Added the 2023 grant."


def test_the_permanent_link_of_an_older_revision_does_not_show_a_later_connection(
    client, funder_and_grantee
):
    funder, grantee = funder_and_grantee
    before = latest_revision(grantee)
    make_relationship(funder, grantee, "funded")
    old = parse(client.get(reverse("profiles:revision", args=[grantee.slug, before.pk])))
    assert old.select_one("section.connections") is None
    latest = latest_revision(grantee).pk
    now = parse(client.get(reverse("profiles:revision", args=[grantee.slug, latest])))
    assert text_of(now.select_one("section.connections caption")) == "Funded by (1)"


def test_the_diff_lists_a_connection_added_and_a_revert_takes_it_away(
    client, editor, funder_and_grantee
):
    funder, grantee = funder_and_grantee
    before = latest_revision(grantee)
    make_relationship(funder, grantee, "funded", role="Founding donor", user=editor)
    diff = parse(client.get(reverse("profiles:diff", args=[grantee.slug])))
    added = diff.select_one(".diff-connection-added")
    assert "Funded by: Alder Falls Civic Fund, Founding donor" in text_of(added)

    revert_profile(grantee, before.pk, user=editor)
    assert not Relationship.objects.exists()
    assert connections_section(client, funder) is None, "the other profile changes too"
    assert latest_revision(funder) == latest_revision(grantee)


def test_reverting_brings_back_a_connection_removed_since(client, editor, funder_and_grantee):
    funder, grantee = funder_and_grantee
    relationship = make_relationship(funder, grantee, "funded", amount=Decimal("900"))
    with_connection, pk = latest_revision(grantee), relationship.pk
    delete_relationship(relationship, user=editor, comment="Removed.")
    assert connections_section(client, grantee) is None
    revert_profile(grantee, with_connection.pk, user=editor)
    restored = Relationship.objects.get()
    assert restored.pk == pk and restored.amount == Decimal("900")
    assert restored.citations.count() == 1
    assert "$900" in text_of(connections_section(client, funder))


def test_changing_a_connection_shows_on_both_and_saving_it_unchanged_writes_nothing(
    client, editor, funder_and_grantee
):
    funder, grantee = funder_and_grantee
    relationship = make_relationship(funder, grantee, "funded")
    citations = list(relationship.citations.all())
    revisions = Version.objects.get_for_object(grantee).count()
    saved = save_relationship(relationship, user=editor, comment="Same.", citations=citations)
    assert not saved.changed
    assert Version.objects.get_for_object(grantee).count() == revisions
    relationship.end_date, relationship.is_current = relationship.start_date, False
    relationship.role = "Lead funder"
    assert save_relationship(
        relationship, user=editor, comment="Ended.", citations=citations
    ).changed
    assert "Lead funder" in text_of(connections_section(client, grantee))


def connection(subject, object, type_slug, **fields):
    return Relationship(
        subject=subject, object=object, type=RelationshipType.objects.get(slug=type_slug), **fields
    )


@pytest.mark.parametrize(
    "make, field, message",
    [
        (
            lambda org, person: connection(org, org, "funded"),
            "object",
            "A profile cannot be connected to itself",
        ),
        (
            lambda org, person: connection(
                person,
                org,
                "board-member",
                start_date=date(2020, 5, 1),
                end_date=date(2019, 1, 1),
                is_current=False,
            ),
            "end_date",
            "The connection ends (January 1, 2019) before it starts (May 1, 2020)",
        ),
        (
            lambda org, person: connection(org, person, "board-member"),
            "subject",
            "“Board membership” joins people, and Harbor Literacy Fund is not one",
        ),
        (
            lambda org, person: connection(
                org,
                org.__class__.objects.get(name="Port Verity Reading Circle"),
                "project-of",
                amount=5,
            ),
            "amount",
            "has no amount",
        ),
    ],
    ids=["to itself", "ends before it starts", "wrong kind of profile", "an amount it cannot have"],
)
def test_a_connection_that_cannot_be_is_refused_with_a_clear_message(make, field, message):
    org = make_profile("Harbor Literacy Fund")
    make_profile("Port Verity Reading Circle")
    person = make_profile("Jordan Vale", category="person")
    relationship = make(org, person)
    citation = RelationshipCitation(source=make_source())
    with pytest.raises(ValidationError) as refused:
        save_relationship(relationship, user=None, comment="x", citations=[citation])
    assert message in " ".join(refused.value.message_dict[field])
    assert not Relationship.objects.exists()


def test_a_connection_without_a_source_is_refused_when_its_type_requires_one():
    org, other = make_profile("Harbor Literacy Fund"), make_profile("Port Verity Library")
    with pytest.raises(ValidationError) as refused:
        save_relationship(connection(org, other, "funded"), user=None, comment="x", citations=[])
    assert (
        "Give at least one source for this connection" in refused.value.message_dict["citations"][0]
    )


@pytest.mark.parametrize("count", [1, 50])
def test_the_profile_page_query_count_does_not_grow_with_connections(
    client, django_assert_num_queries, count
):
    hub = make_profile("Westmarch Housing Network", category="network")
    source = make_source()
    for number in range(count):
        make_relationship(
            make_profile(f"Member Group {number}"), hub, "member-of", sources=[source]
        )
    # as without connections, plus the connections' citations with their sources
    with django_assert_num_queries(11):
        response = client.get(hub.get_absolute_url())
    page = parse(response)
    assert text_of(page.select_one("section.connections caption")) == f"Members ({count})"
    assert len(page.select("section.connections tbody tr")) == count


def test_a_connection_to_an_unpublished_profile_is_not_shown(client, funder_and_grantee):
    funder, grantee = funder_and_grantee
    draft = make_profile("Quiet Donor Trust", published=False)
    make_relationship(draft, grantee, "funded")
    assert connections_section(client, grantee) is None
    assert "Quiet Donor Trust" not in client.get(grantee.get_absolute_url()).content.decode()


def test_the_picture_of_the_connections_is_an_svg_image_with_a_title(client, funder_and_grantee):
    funder, grantee = funder_and_grantee
    make_relationship(funder, grantee, "funded")
    svg = connections_section(client, grantee).select_one("svg")
    assert svg["role"] == "img"
    assert text_of(svg.select_one("title")) == "Harbor Literacy Fund and its 1 connection"
    assert not svg.select("script, foreignObject, a")


def test_the_api_gives_each_profile_its_connections_and_lists_them_by_type(
    client, funder_and_grantee
):
    funder, grantee = funder_and_grantee
    make_relationship(funder, grantee, "funded", start="2023-04", amount=Decimal("25000.00"))
    data = client.get(reverse("api:profile", args=[grantee.slug])).json()
    [connection] = data["relationships"]
    assert connection["type"] == "funded"
    assert connection["label"] == "Funded by"
    assert connection["other"]["slug"] == funder.slug
    assert (connection["start"], connection["end"], connection["amount"]) == (
        "2023-04",
        None,
        "25000.00",
    )
    assert connection["citations"][0]["source"]["title"]
    other_side = client.get(reverse("api:profile", args=[funder.slug])).json()
    assert other_side["relationships"][0]["label"] == "Funded"

    listed = client.get(reverse("api:relationships"), {"type": "funded"}).json()
    assert listed["count"] == 1
    assert listed["results"][0]["subject"]["slug"] == funder.slug
    assert client.get(reverse("api:relationships"), {"type": "board-member"}).json()["count"] == 0
    assert client.get(reverse("api:relationships"), {"type": "nonsense"}).status_code == 400


def test_the_json_ld_names_the_funder_and_a_board_members_role(client):
    org = make_profile("Harbor Literacy Fund")
    person = make_profile("Jordan Vale", category="person")
    funder = make_profile("Alder Falls Civic Fund")
    make_relationship(funder, org, "funded")
    make_relationship(person, org, "board-member", role="Treasurer", start="2019")
    page = parse(client.get(org.get_absolute_url()))
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["funder"] == [
        {
            "@type": "Organization",
            "name": "Alder Falls Civic Fund",
            "url": f"http://testserver{funder.get_absolute_url()}",
        }
    ]
    [member] = data["member"]
    assert member["@type"] == "Role" and member["roleName"] == "Treasurer"
    assert member["startDate"] == "2019"
    assert member["member"]["name"] == "Jordan Vale"


def test_an_export_carries_the_connections_and_an_import_brings_them_back(
    tmp_path, editor, funder_and_grantee
):
    funder, grantee = funder_and_grantee
    make_relationship(
        funder, grantee, "funded", role="Lead funder", start="2021", amount=Decimal("500")
    )
    path = tmp_path / "export.json"
    call_command("export_profiles", "--format", "json", "--output", str(path), stdout=StringIO())
    exported = json.loads(path.read_text())
    assert exported["relationships"][0]["type"] == "funded"
    Relationship.objects.all().delete()
    for profile in funder_and_grantee:
        profile.delete()
    call_command("import_profiles", str(path), "--user", editor.username, stdout=StringIO())
    imported = Relationship.objects.get()
    assert (imported.subject.slug, imported.object.slug) == (funder.slug, grantee.slug)
    assert (imported.role, imported.amount, imported.start_precision) == (
        "Lead funder",
        Decimal("500.00"),
        "year",
    )
    assert imported.citations.count() == 1


def test_browse_and_search_list_the_profiles_connected_to_a_profile(client, funder_and_grantee):
    funder, grantee = funder_and_grantee
    make_relationship(funder, grantee, "funded")
    make_profile("Unrelated Rowing Club")
    page = parse(client.get(reverse("profiles:browse"), {"connected_to": grantee.slug}))
    assert [text_of(a) for a in page.select(".browse-list a")] == ["Alder Falls Civic Fund"]
    assert "Connected to Harbor Literacy Fund" in text_of(page.select_one(".browse-connected-to"))
    found = parse(client.get(reverse("profiles:search"), {"connected_to": funder.slug}))
    assert [text_of(a) for a in found.select(".search-results h2 a, .search-result a")][:1] == [
        "Harbor Literacy Fund"
    ]
    assert client.get(reverse("profiles:browse"), {"connected_to": "nobody"}).status_code == 404
    api = client.get(reverse("api:profiles"), {"connected_to": grantee.slug}).json()
    assert [row["slug"] for row in api["results"]] == [funder.slug]
