"""Officers and grants of an imported filing wait in the review desk as proposed connections,
matched to profiles by EIN or by name; approved, a connection shows on both profiles."""

import pytest
from django.urls import reverse
from reversion.models import Version

from bench.generate_returns import return_xml
from editorial.models import Suggestion
from editorial.services import InvalidResult, approve_suggestion, reject_suggestion
from profiles.models import Relationship
from tests.factories import make_profile
from tests.html import parse, text_of
from tests.profiles.filings import GOOD, make_filers, run_import

pytestmark = pytest.mark.django_db


def review_page(client, suggestion):
    return parse(client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk])))


def approve_in_desk(client, suggestion, other=""):
    page = review_page(client, suggestion)
    other = other or page.select_one("[name=other]").get("value", "")
    fields = {i["name"]: i.get("value", "") for i in page.select(".review-form input[name]")}
    fields.update({"other": other, "note": ""})
    url = reverse("admin:editorial_suggestion_approve", args=[suggestion.pk])
    return client.post(url, fields)


@pytest.fixture
def filers():
    return make_filers()


@pytest.fixture
def forty_grants(filers, tmp_path):
    recipients = [make_profile(f"Grantee Circle {n}", ein=f"55-00000{n:02d}") for n in range(10)]
    grants = [(f"Grantee Circle {n}", f"55-00000{n:02d}", 1000 + n) for n in range(10)]
    grants += [(f"Unlisted Reading Group {n}", f"66-00000{n:02d}", 2000 + n) for n in range(30)]
    (tmp_path / "202310040_public.xml").write_text(
        return_xml(
            ein="34-5678901",
            name="Quarry Hill Foundation",
            year=2023,
            figures={"revenue": 5, "expenses": 4},
            grants=grants,
        )
    )
    output, failed = run_import(tmp_path)
    assert not failed, output
    return recipients


def test_a_return_with_40_grants_puts_40_proposed_funded_connections_in_the_queue(
    forty_grants, editor_client
):
    proposals = Suggestion.objects.pending().filter(kind="relationship")
    assert proposals.count() == 40
    assert {p.proposed_changes["relationship"]["type"] for p in proposals} == {"funded"}
    matched = [p for p in proposals if p.proposed_changes["relationship"]["other"]["match"]]
    assert len(matched) == 10
    assert {p.proposed_changes["relationship"]["other"]["match"] for p in matched} == {"ein"}
    first = next(p for p in matched if "Grantee Circle 3" in p.message)
    page = review_page(editor_client, first)
    assert "matched by EIN 55-0000003" in text_of(page.select_one(".connection-match"))
    assert "$1,003" in text_of(page.select_one(".proposed-connection"))
    unmatched = next(p for p in proposals if "Unlisted Reading Group 7" in p.message)
    assert "no profile matched" in text_of(review_page(editor_client, unmatched))
    queue = parse(editor_client.get(reverse("admin:editorial_suggestion_changelist")))
    assert "Proposed connection" in text_of(queue)


def test_approving_one_shows_it_on_both_profiles_in_one_revision(
    forty_grants, filers, editor, editor_client, client
):
    proposal = Suggestion.objects.get(kind="relationship", message__contains="Grantee Circle 3")
    recipient = forty_grants[3]
    before = Version.objects.filter(revision__comment__contains=f"#{proposal.pk}").count()
    response = approve_in_desk(editor_client, proposal)
    assert response.status_code == 302
    relationship = Relationship.objects.get()
    assert (relationship.subject, relationship.object) == (filers["quarry"], recipient)
    assert relationship.amount == 1003 and relationship.start_date.year == 2023
    assert relationship.citations.get().source.title == "Form 990 for tax year 2023"
    revision = Version.objects.get_for_object(recipient).first().revision
    assert revision == Version.objects.get_for_object(filers["quarry"]).first().revision
    assert f"#{proposal.pk}" in revision.comment and before == 0
    for profile, label in ((filers["quarry"], "Funded (1)"), (recipient, "Funded by (1)")):
        page = parse(client.get(profile.get_absolute_url()))
        assert label in text_of(page.select_one("#connections").parent)
    proposal.refresh_from_db()
    assert proposal.status == "approved" and proposal.applied_revision == revision


def test_officers_are_proposed_with_role_and_compensation_and_matched_by_name(filers):
    run_import(GOOD / "201910002_public.xml")
    officers = Suggestion.objects.filter(
        kind="relationship", proposed_changes__relationship__type="officer"
    )
    by_name = {o.proposed_changes["relationship"]["other"]["name"]: o for o in officers}
    assert set(by_name) == {"Mara Quill", "Tobin Reyes"}
    mara = by_name["Mara Quill"].proposed_changes["relationship"]
    assert (mara["role"], mara["amount"], mara["other"]["match"]) == (
        "Executive Director",
        "97500",
        "name",
    )
    assert "40 hours a week" in by_name["Mara Quill"].message
    assert by_name["Tobin Reyes"].proposed_changes["relationship"]["other"]["id"] is None


def test_an_officer_approved_reads_as_officer_of_on_the_person(filers, editor, client):
    run_import(GOOD / "201910002_public.xml")
    proposal = Suggestion.objects.get(
        kind="relationship", proposed_changes__relationship__other__name="Mara Quill"
    )
    approve_suggestion(suggestion=proposal, editor=editor, resolution={})
    page = parse(client.get(filers["mara"].get_absolute_url()))
    section = text_of(page.select_one("#connections").parent)
    assert "Officer or director of" in section and "Executive Director" in section
    assert "$97,500" in section


def test_an_unmatched_proposal_waits_until_the_editor_names_a_profile(
    filers, editor, editor_client
):
    run_import(GOOD / "201910002_public.xml")
    proposal = Suggestion.objects.get(
        kind="relationship", proposed_changes__relationship__other__name="Tobin Reyes"
    )
    with pytest.raises(InvalidResult, match="No profile is matched"):
        approve_suggestion(suggestion=proposal, editor=editor, resolution={})
    response = approve_in_desk(editor_client, proposal, other="Nobody Of That Name")
    assert "No profile is called “Nobody Of That Name”" in text_of(parse(response))
    tobin = make_profile("Tobin Reyes", category="person")
    approve_in_desk(editor_client, proposal, other=tobin.slug)
    assert Relationship.objects.get().subject == tobin


def test_a_rejected_proposal_appears_nowhere_public(filers, editor, client):
    run_import(GOOD / "201910002_public.xml")
    for proposal in Suggestion.objects.filter(kind="relationship"):
        reject_suggestion(suggestion=proposal, editor=editor)
    assert not Relationship.objects.exists()
    for profile in filers.values():
        page = client.get(profile.get_absolute_url()).content.decode()
        assert 'id="connections"' not in page
        data = client.get(reverse("api:profile", args=[profile.slug])).json()
        assert data["relationships"] == []
