import pytest
import reversion
from django.urls import reverse

from editorial import services
from editorial.models import Suggestion
from editorial.services import (
    InvalidResult,
    NotPending,
    approve_suggestion,
    reject_suggestion,
)
from profiles.models import Citation, Profile, Source
from profiles.revisions import latest_revision_id
from tests.conftest import assert_one_new_revision
from tests.editorial.submitting import form_fields
from tests.factories import (
    confirmed,
    make_error_report,
    make_profile,
    make_source,
    make_suggestion,
    make_tip,
    rerender,
)
from tests.html import parse

pytestmark = pytest.mark.django_db

NEW_SOURCE = {
    "key": "annual-2003",
    "url": "https://harborliteracy.example/reports/2003/?utm_source=newsletter",
    "title": "Tenth Annual Report",
    "authors": "Mina Okafor",
    "publication": "Harbor Literacy Fund",
    "date": "2013-04",
}


def test_approving_writes_one_revision_by_the_editor_naming_the_suggestion(
    profile, editor, revision_count
):
    suggestion = make_suggestion(
        profile, location="Port Verity, Eastmark (since 2010)", message="It moved in 2010."
    )
    before = revision_count(profile)
    approve_suggestion(suggestion=suggestion, editor=editor, note="Thanks.")
    revision = assert_one_new_revision(
        profile,
        before=before,
        user=editor,
        comment_contains=f"Suggestion #{suggestion.pk} from an anonymous contributor: It moved",
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reviewer, suggestion.review_note) == (
        "approved",
        editor,
        "Thanks.",
    )
    assert suggestion.applied_revision == revision
    assert suggestion.reviewed_at is not None
    profile.refresh_from_db()
    assert profile.location == "Port Verity, Eastmark (since 2010)"


def test_a_section_suggestion_is_spliced_back_into_the_body_by_its_line_range(profile, editor):
    suggestion = make_suggestion(
        profile,
        section="programs",
        body="## Programs\n\nIt runs evening classes for adults three times a week.[^second]",
    )
    approve_suggestion(suggestion=suggestion, editor=editor)
    profile.refresh_from_db()
    assert profile.body.startswith("## Background\n\nIt began in a library basement in 2004.")
    assert profile.body.endswith(
        "## Programs\n\nIt runs evening classes for adults three times a week.[^second]"
    )
    assert "summer program" not in profile.body


def test_a_section_suggestion_merges_with_an_edit_made_elsewhere_in_the_section(profile, editor):
    section = (
        "## Programs\n\nIt runs evening classes for adults. Classes meet twice a week.[^second]"
    )
    suggestion = make_suggestion(
        profile,
        section="programs",
        body=section + "\n\nA summer program serves about 320 children.[^second]",
    )
    with reversion.create_revision():
        profile.body = profile.body.replace("evening classes", "evening and weekend classes")
        profile.save()
    approve_suggestion(suggestion=suggestion, editor=editor)
    profile.refresh_from_db()
    assert "evening and weekend classes" in profile.body
    assert "about 320 children" in profile.body


def test_new_sources_become_sources_and_citations_in_the_same_revision(profile, editor):
    suggestion = make_suggestion(
        profile,
        lead=profile.lead + " It was founded in 2003.[^annual-2003]",
        new_sources=[NEW_SOURCE],
    )
    approve_suggestion(suggestion=suggestion, editor=editor)
    citation = Citation.objects.get(profile=profile, key="annual-2003")
    assert citation.source.title == "Tenth Annual Report"
    assert citation.source.normalized_url == "https://harborliteracy.example/reports/2003"
    assert str(citation.source.published_date) == "2013-04-01"
    assert citation.source.date_precision == "month"
    suggestion.refresh_from_db()
    saved = {v.object for v in suggestion.applied_revision.version_set.all()}
    assert citation in saved and profile in saved
    profile.refresh_from_db()
    assert "annual-2003" in [ref["markers"][0]["key"] for ref in profile.references]


def test_a_new_source_with_a_known_address_reuses_the_existing_source(profile, editor):
    existing = make_source(url="https://harborliteracy.example/reports/2003/")
    suggestion = make_suggestion(
        profile,
        lead=profile.lead + " It was founded in 2003.[^annual-2003]",
        new_sources=[NEW_SOURCE],
    )
    approve_suggestion(suggestion=suggestion, editor=editor)
    assert Citation.objects.get(profile=profile, key="annual-2003").source == existing
    assert Source.objects.filter(normalized_url=existing.normalized_url).count() == 1


def test_approving_twice_writes_one_revision(profile, editor, revision_count):
    suggestion = make_suggestion(profile, location="Port Verity")
    before = revision_count(profile)
    approve_suggestion(suggestion=suggestion, editor=editor)
    with pytest.raises(NotPending):
        approve_suggestion(suggestion=suggestion, editor=editor)
    assert revision_count(profile) == before + 1


def test_approval_is_refused_when_the_text_cites_a_citation_removed_since(profile, editor):
    suggestion = make_suggestion(profile, lead="The fund teaches reading.[^second]")
    with reversion.create_revision():
        profile.body = profile.body.replace("[^second]", "[^first]")
        profile.save()
        profile.citations.get(key="second").delete()
        rerender(profile)
    with pytest.raises(InvalidResult, match=r"\[\^second\]"):
        approve_suggestion(suggestion=suggestion, editor=editor)
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_approving_a_tip_creates_an_unpublished_profile_citing_its_sources(editor):
    tip = make_tip("Eastmark Reading Circle")
    approve_suggestion(suggestion=tip, editor=editor)
    created = Profile.objects.get(name="Eastmark Reading Circle")
    assert not created.published
    assert created.category.slug == "non-profit"
    assert created.citations.get().source.title == "A Reading Circle Grows Up"
    tip.refresh_from_db()
    assert tip.profile == created and tip.status == "approved"
    assert tip.applied_revision.user == editor


def test_a_tip_whose_slug_is_taken_at_the_last_moment_gets_the_next_free_one(editor, monkeypatch):
    tip = make_tip("Eastmark Reading Circle")
    # Another approval took the slug after our look-up said it was free.
    make_profile("Rival Circle", slug="eastmark-reading-circle")
    answers = iter(["eastmark-reading-circle"])
    real_unique_slug = services.unique_slug
    monkeypatch.setattr(
        services, "unique_slug", lambda name: next(answers, None) or real_unique_slug(name)
    )
    approve_suggestion(suggestion=tip, editor=editor)
    created = Profile.objects.get(name="Eastmark Reading Circle")
    assert created.slug == "eastmark-reading-circle-2"


def test_approving_a_tip_in_the_admin_leads_the_editor_to_the_new_profile(editor_client):
    tip = make_tip("Eastmark Reading Circle")
    review = parse(editor_client.get(reverse("admin:editorial_suggestion_change", args=[tip.pk])))
    data = form_fields(review.select_one("form.review-form"))
    data["name"] = "Eastmark Reading Circles"
    response = editor_client.post(
        reverse("admin:editorial_suggestion_approve", args=[tip.pk]), data
    )
    created = Profile.objects.get(name="Eastmark Reading Circles")
    assert response["Location"] == reverse("admin:profiles_profile_change", args=[created.pk])


def test_approving_an_error_report_marks_it_dealt_with_and_writes_no_revision(
    profile, editor, revision_count
):
    report = make_error_report(profile)
    before = revision_count(profile)
    approve_suggestion(suggestion=report, editor=editor, note="Fixed in the admin.")
    report.refresh_from_db()
    assert report.status == "approved" and report.applied_revision is None
    assert revision_count(profile) == before


def test_the_editor_may_touch_up_the_merged_text_before_approving(profile, editor_client):
    suggestion = make_suggestion(profile, location="port verity")
    url = reverse("admin:editorial_suggestion_change", args=[suggestion.pk])
    data = form_fields(parse(editor_client.get(url)).select_one("form.review-form"))
    assert data["location"] == "port verity"
    data["location"] = "Port Verity"
    editor_client.post(reverse("admin:editorial_suggestion_approve", args=[suggestion.pk]), data)
    profile.refresh_from_db()
    assert profile.location == "Port Verity"


def test_approval_sends_an_email_only_when_the_contributor_gave_an_address(
    profile, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with_address = confirmed(
        make_suggestion(profile, location="A", contributor_email="ana@example.org")
    )
    without = make_suggestion(profile, aliases="HLF")
    with django_capture_on_commit_callbacks(execute=True):
        approve_suggestion(suggestion=with_address, editor=editor, note="Merged, thanks.")
        approve_suggestion(suggestion=without, editor=editor)
    assert [email.to for email in mailoutbox] == [["ana@example.org"]]
    assert "Merged, thanks." in mailoutbox[0].body


def test_the_base_revision_is_the_one_the_contributor_saw(profile):
    suggestion = make_suggestion(profile, location="Elsewhere")
    assert suggestion.base_revision_id == latest_revision_id(profile)
    assert Suggestion.objects.get().proposed_changes == {
        "location": {"base": "Port Verity, Eastmark", "proposed": "Elsewhere"}
    }


def test_an_edit_to_a_deleted_profile_cannot_be_approved_but_can_be_rejected(profile, editor):
    suggestion = make_suggestion(profile, location="Gone")
    with reversion.create_revision():
        profile.delete()
    suggestion.refresh_from_db()
    with pytest.raises(InvalidResult, match="deleted"):
        approve_suggestion(suggestion=suggestion, editor=editor)
    reject_suggestion(suggestion=suggestion, editor=editor, note="The profile was removed.")
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"
