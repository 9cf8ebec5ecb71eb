"""The public suggests a connection, or a correction to one, with a source: it waits in the
review desk; approved, it lands on both profiles in one revision; rejected, nowhere public."""

import pytest
from django.urls import reverse
from reversion.models import Version

from editorial.models import Suggestion
from editorial.services import approve_suggestion, reject_suggestion
from profiles.models import Relationship
from tests.editorial.submitting import field_errors, filled_in, form_fields
from tests.factories import make_profile, make_relationship
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

GRANT = {
    "kind": "object:funded",
    "other": "Alder Falls Civic Fund",
    "start": "2021",
    "amount": "25000",
    "source_url": "https://courier.example/alder-falls-grant/?utm_source=feed",
    "source_title": "Civic Fund Backs Reading Rooms",
    "source_publication": "The Harbor Courier",
    "source_date": "2021-06",
    "message": "The article says the fund gave $25,000 for the reading rooms in 2021.",
    "contributor_name": "Teo",
}


@pytest.fixture
def funder():
    return make_profile("Alder Falls Civic Fund")


def send_connection(client, profile, query=None, **values):
    url = reverse("editorial:suggest_connection", args=[profile.slug])
    page = client.get(url, query or {})
    send = reverse("editorial:suggest_connection_send", args=[profile.slug])
    if query:
        send += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(send, filled_in(page, **values))


def test_a_suggested_connection_waits_for_review_and_is_nowhere_public(client, profile, funder):
    response = send_connection(client, profile, **GRANT)
    suggestion = Suggestion.objects.get()
    assert response["Location"] == reverse("editorial:sent", args=[suggestion.token])
    assert (suggestion.kind, suggestion.status, suggestion.profile) == (
        "relationship",
        "pending",
        profile,
    )
    data = suggestion.proposed_changes["relationship"]
    assert (data["type"], data["profile_side"], data["other"]["id"], data["amount"]) == (
        "funded",
        "object",
        funder.pk,
        "25000",
    )
    assert suggestion.new_sources[0]["title"] == "Civic Fund Backs Reading Rooms"
    for shown in (profile, funder):
        assert 'id="connections"' not in client.get(shown.get_absolute_url()).content.decode()


def test_approved_it_lands_on_both_profiles_in_one_revision_cited_in_both_reference_lists(
    client, profile, funder, editor
):
    send_connection(client, profile, **GRANT)
    suggestion = Suggestion.objects.get()
    approve_suggestion(suggestion=suggestion, editor=editor, resolution={})
    relationship = Relationship.objects.get()
    assert (relationship.subject, relationship.object, relationship.amount) == (
        funder,
        profile,
        25000,
    )
    revision = Version.objects.get_for_object(profile).first().revision
    assert revision == Version.objects.get_for_object(funder).first().revision
    assert revision.user == editor and f"Suggestion #{suggestion.pk} from Teo" in revision.comment
    for shown, label in ((profile, "Funded by (1)"), (funder, "Funded (1)")):
        page = parse(client.get(shown.get_absolute_url()))
        assert label in text_of(page.select_one("#connections").parent)
        assert "Civic Fund Backs Reading Rooms" in text_of(page.select_one(".reference-list"))
        api = client.get(reverse("api:profile", args=[shown.slug])).json()
        assert [r["amount"] for r in api["relationships"]] == ["25000.00"]


def test_rejected_it_appears_nowhere_public(client, profile, funder, editor):
    send_connection(client, profile, **GRANT)
    reject_suggestion(suggestion=Suggestion.objects.get(), editor=editor, note="No such grant.")
    assert not Relationship.objects.exists()
    for shown in (profile, funder):
        page = client.get(shown.get_absolute_url()).content.decode()
        assert 'id="connections"' not in page and "Civic Fund Backs" not in page
        assert client.get(reverse("api:profile", args=[shown.slug])).json()["relationships"] == []
    assert client.get(reverse("api:relationships")).json()["results"] == []


def test_a_correction_is_filled_in_and_approved_changes_the_connection(
    client, profile, funder, editor
):
    relationship = make_relationship(funder, profile, "funded", start="2020", amount=10000)
    page = parse(
        client.get(
            reverse("editorial:suggest_connection", args=[profile.slug]),
            {"relationship": relationship.pk},
        )
    )
    fields = form_fields(page.select_one("main form"))
    assert (fields["kind"], fields["other"], fields["start"], fields["amount"]) == (
        "object:funded",
        "Alder Falls Civic Fund",
        "2020",
        "10000.00",
    )
    send_connection(client, profile, {"relationship": relationship.pk}, **GRANT)
    suggestion = Suggestion.objects.get()
    assert suggestion.proposed_changes["relationship"]["id"] == relationship.pk
    approve_suggestion(suggestion=suggestion, editor=editor, resolution={})
    relationship.refresh_from_db()
    assert relationship.amount == 25000 and relationship.start_date.year == 2021
    assert relationship.citations.count() == 2  # the old source and the new one
    assert Relationship.objects.count() == 1


def test_the_profile_page_links_to_the_form_and_each_connection_to_its_correction(
    client, profile, funder
):
    relationship = make_relationship(funder, profile, "funded")
    page = parse(client.get(profile.get_absolute_url()))
    form_url = reverse("editorial:suggest_connection", args=[profile.slug])
    hrefs = {a["href"] for a in page.select("a[href]")}
    assert form_url in hrefs and f"{form_url}?relationship={relationship.pk}" in hrefs


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"other": "Nobody Of That Name"}, "No profile is called “Nobody Of That Name”"),
        ({"other": "Harbor Literacy Fund"}, "No profile is called"),  # itself
        ({"start": "2021", "end": "2019"}, "ends (2019) before it starts (2021)"),
        ({"source_url": "javascript:alert(1)"}, "starting with http:// or https://"),
        ({"source_title": ""}, "Give the title of the source."),
        ({"message": " "}, "Tell the editors what the source says"),
        ({"kind": "subject:board-member"}, "Select a valid choice"),
        ({"start": "June 2021"}, "Write the date as YYYY-MM-DD"),
    ],
)
def test_a_bad_suggestion_is_refused_with_a_sentence_and_keeps_what_was_typed(
    client, profile, funder, values, words
):
    response = send_connection(client, profile, **{**GRANT, **values})
    assert response.status_code == 200
    assert words in field_errors(response)
    fields = form_fields(parse(response).select_one("main form"))
    assert fields["source_publication"] == "The Harbor Courier"
    assert not Suggestion.objects.exists()


def test_a_correction_of_a_connection_the_profile_does_not_have_is_a_new_suggestion(
    client, profile, funder
):
    other = make_relationship(funder, make_profile("Quarry Hill Foundation"), "funded")
    page = parse(
        client.get(
            reverse("editorial:suggest_connection", args=[profile.slug]),
            {"relationship": other.pk},
        )
    )
    assert "Suggest a connection" in text_of(page.select_one("h1"))


def test_the_review_desk_shows_the_proposed_connection_with_its_source(
    client, editor_client, profile, funder
):
    send_connection(client, profile, **GRANT)
    suggestion = Suggestion.objects.get()
    page = parse(
        editor_client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk]))
    )
    shown = text_of(page.select_one(".proposed-connection"))
    assert "Harbor Literacy Fund: Funded by" in shown
    assert "Alder Falls Civic Fund (chosen by the contributor)" in shown
    assert "$25,000" in shown and "Civic Fund Backs Reading Rooms" in shown
    assert page.select_one("[name=other]")["value"] == funder.slug


def test_an_organization_is_offered_only_the_kinds_of_connection_it_can_have(client, profile):
    page = parse(client.get(reverse("editorial:suggest_connection", args=[profile.slug])))
    offered = [o["value"] for o in page.select("select[name=kind] option")]
    assert "object:funded" in offered and "object:board-member" in offered
    assert "subject:board-member" not in offered
