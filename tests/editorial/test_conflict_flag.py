"""The queue's conflict flag follows the profile, whoever changed it and however."""

import pytest
from django.urls import reverse

from editorial.models import Suggestion
from editorial.services import approve_suggestion
from profiles.revisions import latest_revision
from profiles.services import revert_profile, save_profile
from tests.factories import make_suggestion
from tests.html import parse
from tests.html_forms import form_data
from tests.profiles.test_profile_admin import profile_form_data

pytestmark = pytest.mark.django_db


def conflicting_suggestion(profile):
    """A pending suggestion changing the founding year, as the profile's text now reads."""
    return make_suggestion(profile, body=profile.body.replace("in 2004", "in 2003"))


def flagged(suggestion):
    suggestion.refresh_from_db()
    return suggestion.has_conflict


def test_an_admin_save_of_the_same_sentence_flags_the_pending_suggestion(profile, editor_client):
    suggestion = conflicting_suggestion(profile)
    other = make_suggestion(profile, location="Port Verity East")
    data = profile_form_data(profile, body=profile.body.replace("in 2004", "in 2006"))
    data.update(lead=profile.lead, location=profile.location, name=profile.name, slug=profile.slug)
    response = editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert response.status_code == 302, response.context["errors"]
    assert flagged(suggestion)
    assert not flagged(other)
    queue = editor_client.get(
        reverse("admin:editorial_suggestion_changelist") + "?has_conflict__exact=1"
    )
    assert [row.get_text() for row in parse(queue).select("#result_list .field-number")] == [
        f"#{suggestion.pk}"
    ]


def test_a_workspace_save_flags_the_pending_suggestion(profile, editor_client):
    suggestion = conflicting_suggestion(profile)
    url = reverse("profiles:edit", args=[profile.slug])
    data = form_data(parse(editor_client.get(url)).find("form", id="workspace-form"))
    data.update({"body": [profile.body.replace("in 2004", "in 2006")], "save": ["1"]})
    assert editor_client.post(url, data).status_code == 302
    assert flagged(suggestion)


def test_a_revert_flags_and_a_second_revert_clears_the_flag(profile, editor):
    original = latest_revision(profile)
    profile.body = profile.body.replace("in 2004", "in 2006")
    save_profile(profile, user=editor, comment="A newer year.")
    changed = latest_revision(profile)
    suggestion = make_suggestion(profile, body=profile.body.replace("in 2006", "in 2003"))
    assert not flagged(suggestion)
    revert_profile(profile, original.pk, user=editor)
    assert flagged(suggestion)
    revert_profile(profile, changed.pk, user=editor)
    assert not flagged(suggestion)


def test_an_import_or_any_other_writer_through_save_profile_flags_it(profile, editor):
    suggestion = conflicting_suggestion(profile)
    profile.body = profile.body.replace("in 2004", "in 2006")
    save_profile(profile, user=editor, comment="Imported again from the text file.")
    assert flagged(suggestion)


def test_the_approved_suggestion_itself_is_not_left_flagged(profile, editor):
    first = conflicting_suggestion(profile)
    second = make_suggestion(profile, body=profile.body.replace("in 2004", "in 2005"))
    approve_suggestion(suggestion=first, editor=editor)
    assert not flagged(first)
    assert flagged(second)
    assert Suggestion.objects.filter(has_conflict=True).count() == 1
