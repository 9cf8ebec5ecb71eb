"""Editors' saves in the admin: their summary, the size change they show, and recovering a
profile someone deleted."""

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import Fact, FactLabel
from profiles.revisions import latest_revision
from profiles.services import save_profile
from tests.conftest import make_user
from tests.factories import make_profile
from tests.html import parse
from tests.profiles.test_admin_history import delete_in_admin
from tests.profiles.test_profile_admin import profile_form_data

pytestmark = pytest.mark.django_db

BUDGET = "$1.2 million (2023)"


def test_the_edit_summary_of_an_admin_save_is_the_revisions_comment(editor_client, editor):
    profile = make_profile("Harbor Literacy Fund")
    data = profile_form_data(
        profile, location="Port Verity East", summary="Moved, says the 2024 filing."
    )
    response = editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert response.status_code == 302, response.context["errors"]
    revision = latest_revision(profile)
    assert (revision.user, revision.get_comment()) == (editor, "Moved, says the 2024 filing.")
    form = parse(editor_client.get(reverse("admin:profiles_profile_change", args=[profile.pk])))
    assert form.select_one("label[for=id_summary]").get_text(strip=True).startswith("Edit summary")


def test_the_history_size_change_counts_the_infobox(client, editor, editor_client):
    profile = make_profile()
    label = FactLabel.objects.get_or_create(name="Budget")[0]
    facts = [*profile.facts.all(), Fact(label=label, value=BUDGET, position=9)]
    save_profile(profile, user=editor, comment="Added the budget.", facts=facts)
    page = parse(client.get(reverse("profiles:history", args=[profile.slug])))
    newest = page.select_one("tr.history-entry .size-change")
    assert newest.get_text(strip=True) == f"+{len(BUDGET)}"
    admin_url = reverse("admin:profiles_profile_history", args=[profile.pk])
    admin_page = parse(editor_client.get(admin_url))
    assert admin_page.select_one(".size-change").get_text(strip=True) == f"+{len(BUDGET)}"


def test_recover_deleted_profiles_says_when_each_was_deleted_and_by_whom(editor_client, editor):
    client = Client()
    client.force_login(make_user("marta", staff=True, editor=True))
    delete_in_admin(editor_client, make_profile("Harbor Literacy Fund"))
    delete_in_admin(client, make_profile("Eastmark Reading Circle"))
    page = parse(editor_client.get(reverse("admin:profiles_profile_recoverlist")))
    rows = page.select("tr.deleted-profile")
    assert [row.th.get_text(strip=True) for row in rows] == [
        "Eastmark Reading Circle",
        "Harbor Literacy Fund",
    ]
    assert [row.select_one(".deleted-by").get_text(strip=True) for row in rows] == [
        "marta",
        editor.get_username(),
    ]
    assert all(row.select_one(".deleted-when").get_text(strip=True) for row in rows)


@pytest.mark.parametrize("count", [1, 12])
def test_the_recover_list_makes_a_fixed_number_of_queries(
    editor_client, django_assert_num_queries, count
):
    for number in range(count):
        delete_in_admin(editor_client, make_profile(f"Fund {number}"))
    editor_client.get(reverse("admin:profiles_profile_recoverlist"))
    # the session, the user, its permissions (user and group), the deleted versions with
    # their revisions' users, the deletions in the admin's log with their users
    with django_assert_num_queries(6):
        page = parse(editor_client.get(reverse("admin:profiles_profile_recoverlist")))
    assert len(page.select("tr.deleted-profile")) == count
