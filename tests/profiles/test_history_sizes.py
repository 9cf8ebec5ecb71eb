"""The text sizes stored beside each version of a profile, which the history shows."""

import importlib

import pytest
import reversion
from django.apps import apps
from django.urls import reverse

from profiles.models import ProfileVersionSize, text_size
from profiles.page_generation import page_cache
from profiles.revisions import profile_versions
from profiles.services import save_profile
from tests.conftest import make_user
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db


def stored_sizes(profile):
    return list(
        profile_versions(profile).values_list("revision_id", "profile_size__size").order_by("pk")
    )


def history_sizes(client, profile):
    page = parse(client.get(reverse("profiles:history", args=[profile.slug])))
    return [row.get_text(" ", strip=True) for row in page.select(".revision-size")]


def test_each_save_stores_the_size_of_the_text_it_wrote():
    profile = make_profile(lead="A short lead.")
    profile.lead = "A longer lead than before."
    save_profile(profile, user=make_user("ruth"), comment="Longer.")
    sizes = [size for _revision, size in stored_sizes(profile)]
    assert sizes == [
        text_size("A short lead.", profile.body),
        text_size(profile.lead, profile.body),
    ]


def test_a_save_that_changes_nothing_stores_no_size():
    profile = make_profile()
    save_profile(profile, user=make_user("ruth"), comment="Nothing.")
    assert ProfileVersionSize.objects.count() == 1


def test_a_revert_stores_the_size_of_the_text_it_brought_back(editor):
    from profiles.services import revert_profile

    profile = make_profile(lead="The first lead.")
    first = profile_versions(profile).first().revision_id
    profile.lead = "A second, longer lead."
    save_profile(profile, user=editor, comment="Second.")
    revert_profile(profile, first, user=editor)
    assert [size for _revision, size in stored_sizes(profile)][-1] == text_size(
        "The first lead.", profile.body
    )


def test_a_revision_without_a_stored_size_gets_one_the_first_time_the_history_shows_it(
    client, django_assert_num_queries
):
    profile = make_profile(lead="Short.")
    with reversion.create_revision():  # written outside profiles.services: no size stored
        profile.lead = "Short, then longer."
        profile.save()
    assert stored_sizes(profile)[-1][1] is None
    assert history_sizes(client, profile) == ["+13 characters", "new"]
    assert stored_sizes(profile)[-1][1] == text_size(profile.lead, profile.body)
    page_cache().clear()
    # the profile, the count, the page of versions with their sizes: nothing computed again
    with django_assert_num_queries(3):
        assert history_sizes(client, profile) == ["+13 characters", "new"]


def test_recent_changes_show_size_changes_from_the_stored_sizes(client):
    profile = make_profile(lead="Short.")
    profile.lead = "Short, then longer."
    save_profile(profile, user=make_user("ruth"), comment="Longer.")
    page = parse(client.get(reverse("profiles:recent")))
    sizes = [row.get_text(" ", strip=True) for row in page.select(".revision-size")]
    assert sizes == ["+13 characters", "new"]


def test_the_migration_stores_the_sizes_of_versions_written_before_it(client):
    migration = importlib.import_module("profiles.migrations.0015_profile_version_sizes")
    profile = make_profile(lead="Short.")
    profile.lead = "Short, then longer."
    save_profile(profile, user=make_user("ruth"), comment="Longer.")
    expected = stored_sizes(profile)
    ProfileVersionSize.objects.all().delete()
    migration.store_sizes_of_existing_versions(apps, None)
    assert stored_sizes(profile) == expected
