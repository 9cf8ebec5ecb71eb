from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from editorial.permissions import can_review

pytestmark = pytest.mark.django_db


def test_setup_editors_makes_a_user_a_staff_editor():
    user = get_user_model().objects.create_user("nadia")
    call_command("setup_editors", "nadia", stdout=StringIO())
    user = get_user_model().objects.get(pk=user.pk)
    assert user.is_staff
    assert can_review(user)
    assert user.has_perm("profiles.change_profile")
    assert user.has_perm("profiles.revert_profile")
    assert not user.has_perm("auth.change_user")


def test_setup_editors_names_an_unknown_user():
    with pytest.raises(CommandError, match="There is no user called 'ghost'"):
        call_command("setup_editors", "ghost", stdout=StringIO())
