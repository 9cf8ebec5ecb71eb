"""Each editor turns the review digest on and off for themselves in the admin, and only for
themselves."""

import pytest
from django.urls import reverse

from editorial.models import EditorNotificationSettings
from tests.conftest import make_user
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

MINE = reverse("admin:editorial_editornotificationsettings_changelist")


def change_url(row):
    return reverse("admin:editorial_editornotificationsettings_change", args=[row.pk])


def test_the_admin_index_links_editors_to_their_notifications(editor_client):
    page = parse(editor_client.get(reverse("admin:index")))
    assert text_of(page.find("a", href=MINE)) in {"My notifications"}
    assert "Hear about new suggestions by email in My notifications." in text_of(
        page.select_one("#review-desk-summary")
    )


def test_an_editor_opens_their_own_settings_and_opts_in(editor_client, editor):
    response = editor_client.get(MINE)
    row = EditorNotificationSettings.objects.get(user=editor)
    assert response.status_code == 302 and response["Location"] == change_url(row)
    page = parse(editor_client.get(change_url(row)))
    assert text_of(page.find("h1")) == "My notifications"
    assert "edith@example.org" in text_of(page.select_one("#content form"))
    assert not page.find("input", attrs={"name": "_continue"})
    response = editor_client.post(change_url(row), {"queue_digest": "on", "_save": "Save"})
    assert response.status_code == 302 and response["Location"] == change_url(row)
    row.refresh_from_db()
    assert row.queue_digest is True
    page = parse(editor_client.get(change_url(row)))
    assert "Your notification settings are saved." in text_of(page)
    editor_client.post(change_url(row), {"_save": "Save"})
    row.refresh_from_db()
    assert row.queue_digest is False


def test_an_editor_cannot_see_or_change_another_editors_settings(editor_client):
    other = EditorNotificationSettings.objects.create(
        user=make_user("nadia", staff=True, editor=True)
    )
    response = editor_client.get(change_url(other))
    assert response.status_code == 302  # the admin's "does not exist" for a row not theirs
    editor_client.post(change_url(other), {"queue_digest": "on", "_save": "Save"})
    other.refresh_from_db()
    assert other.queue_digest is False


def test_staff_who_are_not_editors_get_a_403_and_anonymous_visitors_the_login(client, outsider):
    assert client.get(MINE).status_code == 302
    assert reverse("admin:login") in client.get(MINE)["Location"]
    client.force_login(outsider)
    assert client.get(MINE).status_code == 403
    assert not parse(client.get(reverse("admin:index"))).find("a", href=MINE)


def test_an_account_without_an_address_is_told_nothing_can_be_sent(editor_client, editor):
    editor.email = ""
    editor.save()
    row = EditorNotificationSettings.objects.create(user=editor)
    page = parse(editor_client.get(change_url(row)))
    assert "Your account has no email address, so nothing can be sent." in text_of(page)
