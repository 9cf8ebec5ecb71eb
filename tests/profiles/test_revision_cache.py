"""A revision once read is kept loaded: reading it again (a diff, a permanent link) parses none
of its stored data, and what an editor hides since still shows as hidden."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from profiles import revisions
from profiles.revisions import latest_revision
from profiles.services import redact_revision, save_profile
from tests.conftest import make_user
from tests.factories import make_profile_with_citations
from tests.html import parse

pytestmark = pytest.mark.django_db

SECRET = "Quillon Marsh took the grant"


@pytest.fixture
def loads(monkeypatch):
    """The stored rows the site deserializes, counted."""
    counted = []
    load = revisions.load_stored_object

    def counting(version, fields):
        counted.append(version.pk)
        return load(version, fields)

    monkeypatch.setattr(revisions, "load_stored_object", counting)
    return counted


def two_revisions():
    profile = make_profile_with_citations(5)
    first = latest_revision(profile)
    profile.lead += f" {SECRET}."
    save_profile(profile, user=make_user("ruth"), comment="Added a claim.")
    return profile, first, latest_revision(profile)


def diff_url(profile, old, new):
    return reverse("profiles:diff", args=[profile.slug]) + f"?from={old.pk}&to={new.pk}"


def test_a_diff_shown_again_deserializes_no_stored_row(client, contributor, loads):
    profile, first, second = two_revisions()
    client.force_login(contributor)  # logged in: the page cache does not answer
    first_view = client.get(diff_url(profile, first, second))
    assert loads  # the first reader loads both revisions
    loads.clear()
    second_view = client.get(diff_url(profile, first, second))
    assert loads == []
    assert second_view.content == first_view.content


def test_a_revision_read_before_an_editor_hid_its_text_shows_it_hidden(client, loads):
    profile, first, second = two_revisions()
    profile.lead = profile.lead.replace(f" {SECRET}.", "")
    redactor = make_user("rhoda", staff=True, editor=True)
    redactor.user_permissions.add(Permission.objects.get(codename="redact_revision"))
    save_profile(profile, user=redactor, comment="Removed the claim.")
    url = reverse("profiles:revision", args=[profile.slug, second.pk])
    assert SECRET in client.get(url).content.decode()
    redact_revision(second, user=redactor, hidden={"text"}, reason="Unsourced.")
    loads.clear()
    page = client.get(url).content.decode()
    assert SECRET not in page
    assert loads == []  # still read from the kept rows
    assert SECRET not in client.get(diff_url(profile, first, second)).content.decode()


def test_a_revision_kept_loaded_still_shows_todays_category_name(client, contributor):
    profile, first, second = two_revisions()
    client.force_login(contributor)
    url = reverse("profiles:revision", args=[profile.slug, first.pk])
    client.get(url)
    category = profile.category
    category.name = "Charity"
    category.save()
    heading = parse(client.get(url)).select_one(".profile-category")
    assert "Charity" in heading.get_text()
