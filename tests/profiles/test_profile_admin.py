import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Version

from profiles.models import Category, Citation, FormerSlug, Profile, Source
from profiles.revisions import latest_revision
from tests.conftest import assert_one_new_revision
from tests.factories import make_profile, make_source

pytestmark = pytest.mark.django_db


def profile_form_data(profile=None, **overrides):
    """The POST data of the profile change form, with one fact and the given citations."""
    data = {
        "name": "Harbor Literacy Fund",
        "slug": "harbor-literacy-fund",
        "category": Category.objects.get(slug="non-profit").pk,
        "location": "Port Verity",
        "aliases": "",
        "lead": "The fund runs reading programs.[^first]",
        "body": "## Background\n\nIt began in a library basement.[^first]",
        "published": "on",
        "facts-TOTAL_FORMS": "0",
        "facts-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    if profile:
        data["base_revision"] = latest_revision(profile).pk  # the revision the form shows
        data["facts-INITIAL_FORMS"] = data["facts-TOTAL_FORMS"] = str(profile.facts.count())
        for i, fact in enumerate(profile.facts.all()):
            data.update({f"facts-{i}-id": fact.pk, f"facts-{i}-profile": profile.pk,
                         f"facts-{i}-label": fact.label_id, f"facts-{i}-value": fact.value,
                         f"facts-{i}-position": fact.position})  # fmt: skip
        citations = list(profile.citations.all())
        data["citations-INITIAL_FORMS"] = data["citations-TOTAL_FORMS"] = str(len(citations))
        for i, citation in enumerate(citations):
            data.update({f"citations-{i}-id": citation.pk, f"citations-{i}-profile": profile.pk,
                         f"citations-{i}-key": citation.key,
                         f"citations-{i}-source": citation.source_id})  # fmt: skip
    data.update(overrides)
    return data


def add_citation(data, key, source):
    index = int(data["citations-TOTAL_FORMS"])
    data[f"citations-{index}-key"] = key
    data[f"citations-{index}-source"] = source.pk
    data["citations-TOTAL_FORMS"] = str(index + 1)


def test_adding_a_profile_in_the_admin_is_one_revision_with_the_editor_and_a_comment(
    editor_client, editor
):
    data = profile_form_data()
    add_citation(data, "first", make_source())
    response = editor_client.post(reverse("admin:profiles_profile_add"), data)
    assert response.status_code == 302, response.context["errors"]
    profile = Profile.objects.get(slug="harbor-literacy-fund")
    assert_one_new_revision(profile, before=0, user=editor, comment_contains="Added")
    assert "cite-note-1" in profile.body_html, "the stored HTML is rendered at save"


def test_editing_a_profile_in_the_admin_adds_one_revision_with_the_whole_aggregate(
    editor_client, editor
):
    profile = make_profile()
    data = profile_form_data(profile, lead="A revised opening.[^first]")
    response = editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert response.status_code == 302
    revision = assert_one_new_revision(profile, before=1, user=editor, comment_contains="Changed")
    models = {version.content_type.model for version in revision.version_set.all()}
    assert models == {"profile", "citation", "source"}
    profile.refresh_from_db()
    assert "A revised opening." in profile.lead_html


def test_an_unknown_marker_key_is_refused_with_the_key_named_and_the_text_kept(editor_client):
    profile = make_profile()
    data = profile_form_data(profile, body="## Background\n\nNew claim.[^ghost-key]")
    response = editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert response.status_code == 200
    assert "[^ghost-key] does not match any citation" in response.content.decode()
    assert "New claim.[^ghost-key]" in response.content.decode(), "what was typed is kept"
    assert Version.objects.get_for_object(profile).count() == 1
    profile.refresh_from_db()
    assert "ghost-key" not in profile.body


def test_a_marker_in_a_fact_value_is_checked_too(editor_client):
    profile = make_profile()
    data = profile_form_data(profile)
    data.update({"facts-TOTAL_FORMS": "1", "facts-0-label": 1, "facts-0-value": "2001 [^nowhere]",
                 "facts-0-position": 0})  # fmt: skip
    response = editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert response.status_code == 200
    assert "[^nowhere] does not match any citation" in response.content.decode()


def test_an_unused_citation_is_shown_to_the_editor_as_a_warning(editor_client):
    profile = make_profile()
    data = profile_form_data(profile)
    add_citation(data, "spare", make_source())
    response = editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("not cited by any marker: spare" in m for m in messages)
    assert Citation.objects.filter(profile=profile, key="spare").exists()


def test_renaming_the_slug_in_the_admin_keeps_the_old_address(editor_client, client):
    profile = make_profile()
    data = profile_form_data(profile, slug="harbor-reading-fund")
    editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert FormerSlug.objects.get(slug="harbor-literacy-fund").profile == profile
    response = client.get("/profiles/harbor-literacy-fund/")
    assert response.status_code == 301
    assert response["Location"] == "/profiles/harbor-reading-fund/"


def test_a_duplicate_source_url_points_the_editor_to_the_existing_source(editor_client):
    existing = make_source(url="https://courier.example/budget-vote/", title="Budget Vote")
    data = {
        "url": "HTTPS://Courier.example/budget-vote?utm_source=feed",
        "title": "Budget vote again",
        "kind": "news",
        "date_precision": "day",
    }
    response = editor_client.post(reverse("admin:profiles_source_add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This URL is already the source" in page
    assert reverse("admin:profiles_source_change", args=[existing.pk]) in page
    assert Source.objects.count() == 1


def test_the_source_list_shows_how_often_each_source_is_cited(editor_client):
    source = make_source(title="Annual Filing 2022")
    make_profile("Alpha Fund", citations={"first": source})
    make_profile("Beta Fund", citations={"first": source})
    response = editor_client.get(reverse("admin:profiles_source_changelist"))
    assert response.context["cl"].result_list[0].usage_count == 2


def test_a_staff_member_outside_the_editors_group_cannot_edit_profiles(client, outsider):
    profile = make_profile()
    client.force_login(outsider)
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, profile_form_data(profile, lead="Vandalism")).status_code == 403


def test_an_admin_save_with_browser_line_endings_changes_only_what_was_edited(
    editor_client, editor
):
    profile = make_profile(lead="First paragraph.[^first]\n\nSecond paragraph.")
    data = profile_form_data(
        profile,
        lead="First paragraph.[^first]\r\n\r\nSecond paragraph, revised.",
        body=profile.body.replace("\n", "\r\n"),
    )
    response = editor_client.post(reverse("admin:profiles_profile_change", args=[profile.pk]), data)
    assert response.status_code == 302
    revision = assert_one_new_revision(profile, before=1, user=editor, comment_contains="Lead")
    assert "Body" not in revision.get_comment()
    profile.refresh_from_db()
    assert "\r" not in profile.lead + profile.body
