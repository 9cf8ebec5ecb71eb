import pytest
import reversion
from django.urls import reverse
from reversion.models import Revision, Version

from profiles.diffs import snapshot_of_profile
from profiles.models import Citation, Fact, FactLabel, Profile, Source
from profiles.revisions import latest_revision, snapshot_of_revision
from profiles.services import revert_profile
from tests.conftest import assert_one_new_revision
from tests.factories import make_profile, make_source, rerender
from tests.html import parse
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def edit(profile, change, comment="Edited."):
    with reversion.create_revision():
        reversion.set_comment(comment)
        change(profile)
        profile.save()
        rerender(profile)
    return latest_revision(profile)


def confirm_url(profile, revision):
    return reverse("profiles:revert_confirm", args=[profile.slug, revision.pk])


def revert(client, profile, revision):
    """Confirm the revert as the confirmation page would, shown against the current revision."""
    data = {"revision": revision.pk, "current_revision": latest_revision(profile).pk}
    return client.post(reverse("profiles:revert", args=[profile.slug]), data)


@pytest.fixture
def edited_profile():
    """A profile with two revisions; returns (profile, its first revision)."""
    profile = make_profile(lead="The original lead.[^first]")
    first = latest_revision(profile)
    edit(profile, lambda p: setattr(p, "lead", "A vandalized lead.[^first]"))
    return profile, first


def test_anonymous_visitors_are_sent_to_log_in_to_revert(client, edited_profile):
    profile, first = edited_profile
    response = client.get(confirm_url(profile, first))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    response = revert(client, profile, first)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_a_user_who_is_not_an_editor_gets_403(client, outsider, edited_profile):
    profile, first = edited_profile
    client.force_login(outsider)
    assert client.get(confirm_url(profile, first)).status_code == 403
    before = Revision.objects.count()
    assert revert(client, profile, first).status_code == 403
    assert Revision.objects.count() == before


def test_revert_by_get_is_not_allowed(client, editor, edited_profile):
    profile, first = edited_profile
    client.force_login(editor)
    url = reverse("profiles:revert", args=[profile.slug])
    assert client.get(url, {"revision": first.pk}).status_code == 405


def test_the_confirmation_page_shows_the_changes_and_a_form_that_posts(
    editor_client, edited_profile
):
    profile, first = edited_profile
    soup = parse(editor_client.get(confirm_url(profile, first)))
    assert [d.get_text() for d in soup.select("del.diff-del")] == ["A vandalized"]
    assert [i.get_text() for i in soup.select("ins.diff-ins")] == ["The original"]
    form = soup.select_one("main form")
    assert form["method"] == "post"
    assert form["action"] == f"/profiles/{profile.slug}/revert/"
    assert form.select_one("input[name=revision]")["value"] == str(first.pk)
    current = str(latest_revision(profile).pk)
    assert form.select_one("input[name=current_revision]")["value"] == current


def test_a_revert_is_refused_when_the_profile_changed_after_the_confirmation_page(
    editor_client, edited_profile, revision_count
):
    profile, first = edited_profile
    confirmation = parse(editor_client.get(confirm_url(profile, first)))
    data = form_data(confirmation.select_one("main form"))
    edit(profile, lambda p: setattr(p, "location", "Port Verity"), comment="Added a location.")
    before = revision_count(profile)

    response = editor_client.post(reverse("profiles:revert", args=[profile.slug]), data)

    assert response["Location"] == confirm_url(profile, first)
    assert revision_count(profile) == before
    profile.refresh_from_db()
    assert (profile.lead, profile.location) == ("A vandalized lead.[^first]", "Port Verity")
    page = parse(editor_client.get(response["Location"]))
    message = page.select_one(".alert-danger").get_text()
    assert "changed this profile on" in message and "nothing was reverted" in message
    fields = {row.th.get_text(): row for row in page.select(".diff-fields tbody tr")}
    assert fields["Location"].select_one("del").get_text() == "Port Verity", "the fresh diff"
    current = str(latest_revision(profile).pk)
    assert page.select_one("main form input[name=current_revision]")["value"] == current


def test_reverting_makes_one_new_revision_and_brings_the_old_text_back(
    editor_client, editor, edited_profile, revision_count
):
    profile, first = edited_profile
    before = revision_count(profile)
    response = revert(editor_client, profile, first)
    assert response.status_code == 302
    assert response["Location"] == profile.get_absolute_url()
    assert_one_new_revision(
        profile, before=before, user=editor, comment_contains=f"Reverted to revision {first.pk}"
    )
    profile.refresh_from_db()
    assert profile.lead == "The original lead.[^first]"
    page = parse(editor_client.get(profile.get_absolute_url()))
    assert page.select_one(".profile-lead").get_text(strip=True) == "The original lead.[1]"


def test_reverting_restores_deleted_facts_and_citations_and_removes_added_ones(editor):
    kept, dropped = make_source(title="Kept"), make_source(title="Dropped")
    profile = make_profile(
        lead="One.[^kept] Two.[^dropped]",
        facts=[("Website", "https://a.example"), ("Budget", "$5 [^dropped]")],
        citations={"kept": kept, "dropped": dropped},
    )
    first = latest_revision(profile)
    original = snapshot_of_profile(profile)
    references = profile.references

    def rework(p):
        p.lead = "One.[^kept] Three.[^added]"
        Fact.objects.filter(profile=p, label__name="Budget").delete()
        Fact.objects.create(profile=p, label=FactLabel.objects.get(name="Founders"), value="X")
        Citation.objects.filter(profile=p, key="dropped").delete()
        Citation.objects.create(profile=p, key="added", source=make_source(title="Added"))

    edit(profile, rework)
    revert_profile(profile, first.pk, user=editor)
    profile.refresh_from_db()
    assert snapshot_of_profile(profile) == original
    assert profile.references == references
    assert not Citation.objects.filter(key="added").exists()


def test_reverting_never_changes_a_shared_source(editor_client, edited_profile):
    profile, first = edited_profile
    source = profile.citations.get().source
    other = make_profile("Other Fund", citations={"first": source})
    with reversion.create_revision():
        source.title = "Corrected Title"
        source.save()
    revert(editor_client, profile, first)
    source.refresh_from_db()
    assert source.title == "Corrected Title"
    assert snapshot_of_profile(other).citations[0]["source_title"] == "Corrected Title"
    assert snapshot_of_revision(profile, first).citations[0]["source_title"] != "Corrected Title"


def test_reverting_to_a_revision_whose_source_was_deleted_is_refused_with_a_reason(
    editor_client, revision_count
):
    gone = make_source(title="Withdrawn Report")
    profile = make_profile(lead="Claim.[^first]", citations={"first": gone})
    first = latest_revision(profile)

    def recite(p):
        p.citations.all().delete()
        Citation.objects.create(profile=p, key="first", source=make_source())

    edit(profile, recite)
    Source.objects.filter(pk=gone.pk).delete()

    soup = parse(editor_client.get(confirm_url(profile, first)))
    assert "“Withdrawn Report”" in soup.select_one(".revert-problems").get_text()
    assert not soup.select("main form")
    before = revision_count(profile)
    response = revert(editor_client, profile, first)
    assert response["Location"] == confirm_url(profile, first)
    assert revision_count(profile) == before
    message = parse(editor_client.get(response["Location"])).select_one(".alert-danger")
    assert "deleted" in message.get_text()


def test_reverting_a_rename_brings_the_old_address_back_and_the_new_one_redirects(
    editor_client, editor
):
    profile = make_profile("Old Name Trust")
    first = latest_revision(profile)

    def rename(p):
        p.remember_former_slug(p.slug)
        p.name, p.slug = "New Name Trust", "new-name-trust"

    edit(profile, rename)
    response = revert(editor_client, profile, first)
    assert response["Location"] == "/profiles/old-name-trust/"
    assert editor_client.get("/profiles/new-name-trust/")["Location"] == "/profiles/old-name-trust/"


def test_reverting_swapped_citation_keys_keeps_each_key_on_its_source(editor):
    a, b = make_source(title="A"), make_source(title="B")
    profile = make_profile(lead="One.[^x] Two.[^y]", citations={"x": a, "y": b})
    first = latest_revision(profile)
    original = snapshot_of_profile(profile)

    def swap(p):
        x, y = p.citations.get(key="x"), p.citations.get(key="y")
        x.key = "tmp"
        x.save()
        y.key = "x"
        y.save()
        x.key = "y"
        x.save()

    edit(profile, swap)
    revert_profile(profile, first.pk, user=editor)
    assert snapshot_of_profile(profile) == original


def test_a_revision_of_another_profile_cannot_be_reverted_to(editor_client, edited_profile):
    profile, _ = edited_profile
    other = make_profile("Other Fund")
    assert revert(editor_client, profile, latest_revision(other)).status_code == 404
    assert editor_client.get(confirm_url(profile, latest_revision(other))).status_code == 404


@pytest.mark.parametrize("number", [2**63, 10**20])
def test_a_revision_number_too_large_for_the_database_is_not_found(
    editor_client, edited_profile, number
):
    profile, _ = edited_profile
    url = reverse("profiles:revert_confirm", args=[profile.slug, number])
    assert editor_client.get(url).status_code == 404
    url = reverse("profiles:revert", args=[profile.slug])
    assert editor_client.post(url, {"revision": number}).status_code == 404


def test_a_revision_that_cannot_load_cannot_be_reverted_to_and_says_why(
    editor_client, edited_profile, revision_count
):
    profile, first = edited_profile
    version = Version.objects.get_for_object(profile).get(revision=first)
    version.serialized_data = version.serialized_data.replace('"lead"', '"summary"')
    version.save()
    soup = parse(editor_client.get(confirm_url(profile, first)))
    assert "cannot be restored" in soup.select_one(".revert-problems").get_text()
    before = revision_count(profile)
    revert(editor_client, profile, first)
    assert revision_count(profile) == before
    assert Profile.objects.get(pk=profile.pk).lead == "A vandalized lead.[^first]"


def test_reverting_to_a_revision_that_differs_only_in_fact_numbering_writes_nothing(editor):
    # Found by the property test: moving a fact from the first place to the last of four equal
    # rows leaves the infobox as it was, so reverting to before the move has nothing to do.
    profile = make_profile(facts=[("Website", "")] * 4)
    before = latest_revision(profile)
    first = profile.facts.order_by("position").first()

    def move_to_the_end(p):
        first.position = 5
        first.save()

    edit(profile, move_to_the_end)
    revisions = Revision.objects.count()
    assert revert_profile(profile, before.pk, user=editor).revision is None
    assert Revision.objects.count() == revisions
