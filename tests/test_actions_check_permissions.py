"""The actions check who calls them, whoever the caller is: a view, the admin, a command or the
shell. A staff account outside the Editors group and an anonymous user get PermissionDenied,
and nothing is written."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from reversion.models import Revision, Version

from editorial.models import Suggestion
from editorial.services import approve_suggestion, mark_spam, reject_suggestion
from profiles.models import Profile
from profiles.revisions import latest_revision
from profiles.services import recover_profile, revert_profile, save_profile
from tests.factories import make_profile, make_suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["outsider", "anonymous"])
def caller(request):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue("outsider")


def state():
    suggestions = list(Suggestion.objects.values_list("pk", "status", "reviewer_id"))
    return Revision.objects.count(), Profile.objects.count(), suggestions


@pytest.mark.parametrize("decide", [approve_suggestion, reject_suggestion, mark_spam])
def test_deciding_a_suggestion_needs_a_reviewer(caller, decide):
    profile = make_profile()
    suggestion = make_suggestion(profile, location="Port Verity")
    before = state()
    with pytest.raises(PermissionDenied):
        decide(suggestion=suggestion, editor=caller)
    assert state() == before
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING


def test_reverting_needs_an_editor_who_may_revert(caller):
    profile = make_profile(location="Old Town")
    first = latest_revision(profile)
    profile.location = "New Town"
    save_profile(profile, user=None, comment="Moved.")
    before = state()
    with pytest.raises(PermissionDenied):
        revert_profile(profile, first.pk, user=caller)
    assert state() == before
    profile.refresh_from_db()
    assert profile.location == "New Town"


def test_recovering_needs_an_editor_who_may_revert(caller):
    profile = make_profile()
    profile.delete()
    [version] = Version.objects.get_deleted(Profile)
    before = state()
    with pytest.raises(PermissionDenied):
        recover_profile(version, user=caller)
    assert state() == before


def test_an_editor_may_do_each_of_them(editor):
    profile = make_profile(location="Old Town")
    first = latest_revision(profile)
    approve_suggestion(suggestion=make_suggestion(profile, location="New Town"), editor=editor)
    reject_suggestion(suggestion=make_suggestion(profile, aliases="HLF"), editor=editor)
    mark_spam(suggestion=make_suggestion(profile, aliases="Spam"), editor=editor)
    assert revert_profile(profile, first.pk, user=editor).changed
    profile.delete()
    [version] = Version.objects.get_deleted(Profile)
    assert recover_profile(version, user=editor).location == "Old Town"
