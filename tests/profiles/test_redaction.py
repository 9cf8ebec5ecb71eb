"""Editors with the redaction permission hide a revision's text, comment or author from
readers; the hidden parts appear nowhere public, and the log says who, when and why."""

import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from profiles.models import RedactionLog
from profiles.revisions import latest_revision
from profiles.services import RedactionRefused, redact_revision, save_profile
from tests.conftest import make_user
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Quillon Marsh embezzled the fund"
SECRET_COMMENT = "Added what my neighbour told me about Quillon"
SECRET_AUTHOR = "Vexley"


@pytest.fixture
def redactor(db):
    user = make_user("rhoda", staff=True, editor=True)
    user.user_permissions.add(Permission.objects.get(codename="redact_revision"))
    return user


@pytest.fixture
def hidden_revision(redactor):
    """A profile whose second revision added a defamatory sentence, since removed, with that
    revision's text, comment and author hidden."""
    profile = make_profile("Harbor Literacy Fund", lead="A reading fund.[^first]")
    author = make_user(SECRET_AUTHOR.lower())
    author.first_name = SECRET_AUTHOR
    author.save()
    profile.lead = f"A reading fund. {SECRET_TEXT}.[^first]"
    save_profile(profile, user=author, comment=SECRET_COMMENT)
    bad = latest_revision(profile)
    profile.lead = "A reading fund.[^first]"
    save_profile(profile, user=redactor, comment="Removed an unsourced claim.")
    redact_revision(
        bad, user=redactor, hidden={"text", "comment", "user"}, reason="Defamatory, unsourced."
    )
    return profile, bad


def public_pages(profile, bad):
    return [
        reverse("profiles:history", args=[profile.slug]),
        reverse("profiles:revision", args=[profile.slug, bad.pk]),
        reverse("profiles:diff", args=[profile.slug]) + f"?to={bad.pk}",
        reverse("profiles:diff", args=[profile.slug]),
        reverse("profiles:recent"),
        reverse("profiles:recent_feed"),
        reverse("profiles:history_feed", args=[profile.slug]),
        reverse("api:profile-revisions", args=[profile.slug]),
        reverse("api:profile", args=[profile.slug]),
        "/sitemap-profiles.xml",
        "/sitemap-pages.xml",
    ]


@pytest.mark.parametrize("who", ["anonymous", "editor without the permission"])
def test_hidden_parts_appear_in_no_public_page_feed_or_answer(client, editor, who, hidden_revision):
    profile, bad = hidden_revision
    if who != "anonymous":
        client.force_login(editor)
    for url in public_pages(profile, bad):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in (SECRET_TEXT, SECRET_COMMENT, SECRET_AUTHOR, "Quillon"):
            assert secret not in text, (url, secret)
    found = parse(client.get(reverse("profiles:search"), {"q": "Quillon embezzled"}))
    assert found.select(".search-result") == [], "search finds nothing in the hidden text"
    out = io.StringIO()
    call_command("export_profiles", "--format", "json", stdout=out)
    assert "Quillon" not in out.getvalue()


def test_readers_see_that_parts_were_hidden(client, hidden_revision):
    profile, bad = hidden_revision
    history = parse(client.get(reverse("profiles:history", args=[profile.slug])))
    row = history.select_one(f"#revision-{bad.pk}")
    assert "Hidden by an editor: text, comment, contributor" in row.get_text(" ", strip=True)
    permalink = parse(client.get(reverse("profiles:revision", args=[profile.slug, bad.pk])))
    assert permalink.select_one(".hidden-text-notice")
    revisions = client.get(reverse("api:profile-revisions", args=[profile.slug])).json()
    [entry] = [r for r in revisions["results"] if r["id"] == bad.pk]
    assert (entry["comment"], entry["user"], entry["hidden"]) == (
        "",
        None,
        ["text", "comment", "user"],
    )


def test_an_editor_who_may_redact_sees_the_hidden_parts_marked(client, redactor, hidden_revision):
    profile, bad = hidden_revision
    client.force_login(redactor)
    page = parse(client.get(reverse("profiles:revision", args=[profile.slug, bad.pk])))
    assert SECRET_TEXT in page.select_one(".profile-lead").get_text()
    assert "Hidden from readers: text, comment, contributor" in page.get_text(" ", strip=True)
    history = client.get(reverse("profiles:history", args=[profile.slug])).content.decode()
    assert SECRET_COMMENT in history and SECRET_AUTHOR in history


def test_the_log_lists_who_when_and_why_and_showing_again_restores(
    client, redactor, hidden_revision
):
    profile, bad = hidden_revision
    [entry] = RedactionLog.objects.all()
    assert (entry.action, entry.parts, entry.by) == ("hide", ["text", "comment", "user"], redactor)
    assert entry.reason == "Defamatory, unsourced."
    client.force_login(redactor)
    url = reverse("profiles:redact", args=[profile.slug, bad.pk])
    response = client.post(url, {"hide_user": "on", "reason": "The claim was checked."})
    assert response.status_code == 302
    shown, hidden = RedactionLog.objects.order_by("pk")[1], None
    assert (shown.action, shown.parts) == ("show", ["text", "comment"])
    client.logout()
    permalink = client.get(reverse("profiles:revision", args=[profile.slug, bad.pk]))
    assert SECRET_TEXT in permalink.content.decode()
    assert SECRET_AUTHOR not in permalink.content.decode()
    assert hidden is None


def test_hiding_never_deletes_anything(hidden_revision):
    profile, bad = hidden_revision
    bad.refresh_from_db()
    assert bad.comment == SECRET_COMMENT
    assert SECRET_TEXT in json.dumps([v.serialized_data for v in bad.version_set.all()])


def test_the_text_of_the_current_revision_cannot_be_hidden(redactor):
    profile = make_profile()
    with pytest.raises(RedactionRefused, match="current text of a profile"):
        redact_revision(latest_revision(profile), user=redactor, hidden={"text"}, reason="x")
    assert not RedactionLog.objects.exists()


def test_only_editors_with_the_permission_may_redact(client, editor, hidden_revision):
    profile, bad = hidden_revision
    url = reverse("profiles:redact", args=[profile.slug, bad.pk])
    assert client.post(url, {"reason": "x"})["Location"].startswith("/admin/login/")
    client.force_login(editor)
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert RedactionLog.objects.count() == 1


def test_a_revision_whose_text_is_hidden_cannot_be_reverted_to(client, editor, hidden_revision):
    profile, bad = hidden_revision
    client.force_login(editor)
    page = parse(client.get(reverse("profiles:revert_confirm", args=[profile.slug, bad.pk])))
    assert "An editor hid the text of this revision" in page.get_text()
    response = client.post(
        reverse("profiles:revert", args=[profile.slug]),
        {"revision": bad.pk, "current_revision": latest_revision(profile).pk},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert "Quillon" not in profile.lead
