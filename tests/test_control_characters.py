"""Control characters are refused in every text field, and what is stored never breaks a
feed."""

import pytest
from django.urls import reverse
from reversion.models import Revision

from editorial.models import Suggestion
from profiles.revisions import latest_revision
from tests.editorial.submitting import field_errors, send_report
from tests.factories import make_profile
from tests.html import parse
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

CONTROL = "Jordan\x01 Vale"


def test_a_report_with_a_control_character_in_the_name_is_refused_and_kept(client):
    profile = make_profile()
    response = send_report(client, profile, contributor_name=CONTROL, message="Wrong year.")
    assert response.status_code == 200
    assert "invisible control character" in field_errors(response)
    assert not Suggestion.objects.exists()
    kept = parse(response).select_one("input[name=message], textarea[name=message]")
    assert "Wrong year." in kept.get_text() + kept.get("value", "")


def test_a_control_character_in_a_message_is_refused_too(client):
    profile = make_profile()
    response = send_report(client, profile, message="Wrong\x1b[31m year.")
    assert "invisible control character" in field_errors(response)
    assert not Suggestion.objects.exists()


def test_the_admin_refuses_a_control_character_in_a_profile(editor_client):
    profile = make_profile()
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    data = form_data(parse(editor_client.get(url)).find("form", id="profile_form"))
    data["location"] = ["Port\x07Verity"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "invisible control character" in response.content.decode()


@pytest.mark.parametrize("url_name", ["profiles:recent_feed", "profiles:history_feed"])
def test_feeds_of_text_stored_with_control_characters_still_answer(client, url_name):
    profile = make_profile()
    revision = latest_revision(profile)
    # As an older release could have stored it, before forms refused it.
    Revision.objects.filter(pk=revision.pk).update(comment="Fixed \x01 the \x0b date")
    args = [profile.slug] if url_name == "profiles:history_feed" else []
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert "Fixed  the  date" in response.content.decode()
