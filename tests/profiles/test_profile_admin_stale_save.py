"""A save in the profile admin never undoes a change made after its form was opened."""

import pytest
from django.test import Client
from django.urls import reverse

from editorial.services import approve_suggestion
from profiles.models import Category, Profile
from profiles.revisions import latest_revision, profile_versions
from tests.conftest import assert_one_new_revision, make_user
from tests.factories import make_profile, make_suggestion
from tests.html import parse
from tests.html_forms import form_data
from tests.threads import at_once

pytestmark = pytest.mark.django_db

LEAD = "The fund runs reading programs.[^first]"


def change_url(profile):
    return reverse("admin:profiles_profile_change", args=[profile.pk])


def open_change_form(client, profile):
    return form_data(parse(client.get(change_url(profile))).find("form", id="profile_form"))


@pytest.fixture
def ruth(db):
    """A second editor."""
    return make_user("ruth", staff=True, editor=True)


def ruth_saves_a_location(profile, ruth):
    client = Client()
    client.force_login(ruth)
    data = open_change_form(client, profile)
    data["location"] = ["Port Verity"]
    assert client.post(change_url(profile), data).status_code == 302


def ruth_approves_a_suggested_location(profile, ruth):
    suggestion = make_suggestion(profile, location="Port Verity")
    approve_suggestion(suggestion=suggestion, editor=ruth)


@pytest.mark.parametrize(
    "newer_change", [ruth_saves_a_location, ruth_approves_a_suggested_location]
)
def test_a_save_over_a_newer_change_is_refused_and_keeps_what_the_editor_typed(
    editor_client, ruth, newer_change
):
    profile = make_profile(lead=LEAD)
    opened = latest_revision(profile)
    data = open_change_form(editor_client, profile)
    newer_change(profile, ruth)
    ruths = latest_revision(profile)
    assert ruths != opened

    data["lead"] = ["The fund runs reading and writing programs.[^first]"]
    page = parse(editor_client.post(change_url(profile), data))

    error = page.select_one(".errorlist.nonfield")
    assert "Ruth changed this profile on" in error.get_text()
    assert "after you opened it, so nothing was saved" in error.get_text()
    diff = reverse("profiles:diff", args=[profile.slug]) + f"?from={opened.pk}&to={ruths.pk}"
    assert error.find("a", href=diff)
    form = page.find("form", id="profile_form")
    assert form_data(form)["lead"] == ["The fund runs reading and writing programs.[^first]"]
    assert latest_revision(profile) == ruths
    profile.refresh_from_db()
    assert (profile.lead, profile.location) == (LEAD, "Port Verity")


def test_after_a_refusal_the_editor_can_bring_the_newer_change_in_and_save(
    editor_client, editor, ruth
):
    profile = make_profile(lead=LEAD)
    data = open_change_form(editor_client, profile)
    ruth_saves_a_location(profile, ruth)
    data["lead"] = ["The fund runs reading and writing programs.[^first]"]
    refused = parse(editor_client.post(change_url(profile), data)).find("form", id="profile_form")

    again = form_data(refused)
    again["location"] = ["Port Verity"]
    response = editor_client.post(change_url(profile), again)

    assert response.status_code == 302
    assert_one_new_revision(profile, before=2, user=editor, comment_contains="Changed Lead.")
    profile.refresh_from_db()
    assert profile.lead == "The fund runs reading and writing programs.[^first]"
    assert profile.location == "Port Verity"


def test_a_save_of_an_unchanged_profile_goes_through_with_the_usual_comment(editor_client, editor):
    profile = make_profile(lead=LEAD)
    data = open_change_form(editor_client, profile)
    data["lead"] = ["The fund runs reading and writing programs.[^first]"]
    assert editor_client.post(change_url(profile), data).status_code == 302
    revision = assert_one_new_revision(profile, before=1, user=editor, comment_contains="")
    assert revision.comment == "Changed Lead."


def test_adding_a_profile_from_the_add_form_is_not_held_up(editor_client, editor):
    url = reverse("admin:profiles_profile_add")
    data = form_data(parse(editor_client.get(url)).find("form", id="profile_form"))
    data.update(
        name=["Eastmark Reading Circle"],
        slug=["eastmark-reading-circle"],
        category=[str(Category.objects.get(slug="non-profit").pk)],
        lead=["A reading circle in Eastmark."],
    )
    assert editor_client.post(url, data).status_code == 302
    profile = Profile.objects.get(slug="eastmark-reading-circle")
    assert_one_new_revision(profile, before=0, user=editor, comment_contains="Added")


def saving(user, profile, lead):
    """An editor who has opened the change form and typed a lead; call it to press Save."""
    client = Client()
    client.force_login(user)
    data = open_change_form(client, profile)
    data["lead"] = [lead]
    return lambda: client.post(change_url(profile), data)


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_form_at_once_never_lose_an_edit(
    seeded_transactional_db, editor, ruth
):
    for trial in range(10):
        profile = make_profile(f"Concurrent Save Fund {trial}", lead=LEAD)
        outcomes = at_once(
            saving(editor, profile, "Edith's lead.[^first]"),
            saving(ruth, profile, "Ruth's lead.[^first]"),
        )
        statuses = sorted(value.status_code for kind, value in outcomes if kind == "ok")
        assert statuses == [200, 302], (trial, outcomes)
        assert profile_versions(profile).count() == 2, "one save, one refusal"
