"""Editors add and remove connections in the admin; each change is one revision of both."""

import pytest
from django.urls import reverse
from reversion.models import Version

from profiles.models import Relationship, RelationshipType
from tests.factories import make_profile, make_relationship, make_source
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def connection_form(subject, object, type_slug="funded", **overrides):
    data = {
        "subject": subject.pk,
        "type": RelationshipType.objects.get(slug=type_slug).pk,
        "object": object.pk,
        "role": "",
        "start_date": "2021-01-01",
        "start_precision": "year",
        "end_date": "",
        "end_precision": "day",
        "is_current": "on",
        "amount": "12000",
        "currency": "USD",
        "summary": "",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-0-source": "",
        "citations-0-accessed": "",
        "citations-0-pinpoint": "",
    }
    data.update(overrides)
    return data


def test_an_editor_adds_a_connection_as_one_revision_of_both_profiles(editor_client, editor):
    funder, grantee = make_profile("Alder Fund"), make_profile("Harbor Literacy Fund")
    source = make_source(title="Grants in 2021")
    data = connection_form(
        funder, grantee, summary="The 2021 grant.", **{"citations-0-source": source.pk}
    )
    response = editor_client.post(reverse("admin:profiles_relationship_add"), data)
    assert response.status_code == 302
    relationship = Relationship.objects.get()
    assert relationship.citations.get().source == source
    for profile in (funder, grantee):
        revision = Version.objects.get_for_object(profile).first().revision
        assert (revision.user, revision.get_comment()) == (editor, "The 2021 grant.")


def test_a_connection_without_a_source_is_refused_in_the_admin_and_nothing_is_saved(
    editor_client,
):
    funder, grantee = make_profile("Alder Fund"), make_profile("Harbor Literacy Fund")
    response = editor_client.post(
        reverse("admin:profiles_relationship_add"), connection_form(funder, grantee)
    )
    assert response.status_code == 200
    errors = text_of(parse(response).select_one(".errorlist"))
    assert "Give at least one source for this connection" in errors
    assert not Relationship.objects.exists()


def test_deleting_a_connection_in_the_admin_is_a_revision_of_both(editor_client, editor):
    funder, grantee = make_profile("Alder Fund"), make_profile("Harbor Literacy Fund")
    relationship = make_relationship(funder, grantee)
    before = Version.objects.get_for_object(grantee).count()
    url = reverse("admin:profiles_relationship_delete", args=[relationship.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not Relationship.objects.exists()
    assert Version.objects.get_for_object(grantee).count() == before + 1
    assert Version.objects.get_for_object(funder).first().revision.user == editor


def test_staff_outside_the_editors_cannot_reach_connections(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("admin:profiles_relationship_changelist")).status_code == 403
