import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from profiles.models import ProfileVersionSize
from profiles.revisions import profile_versions
from tests.conftest import make_user
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db


def save_revisions(profile, count, *, user=None, grow=0):
    """Save the profile ``count`` more times, each in its own revision; the lead grows by
    ``grow`` characters each time."""
    for number in range(count):
        with reversion.create_revision():
            if user:
                reversion.set_user(user)
            reversion.set_comment(f"Edit {number + 1}.")
            profile.lead += "x" * grow
            profile.save()


def copy_revisions(profile, count, *, user):
    """``count`` more revisions of the profile as it stands, written straight into reversion's
    tables with their stored sizes: a long history in a fraction of the time ``count`` saves
    would take."""
    latest = profile_versions(profile).select_related("profile_size").first()
    revisions = Revision.objects.bulk_create(
        Revision(user=user, comment=f"Edit {number + 1}.", date_created=timezone.now())
        for number in range(count)
    )
    versions = Version.objects.bulk_create(
        Version(
            revision=revision,
            object_id=latest.object_id,
            content_type_id=latest.content_type_id,
            db=latest.db,
            format=latest.format,
            serialized_data=latest.serialized_data,
            object_repr=latest.object_repr,
        )
        for revision in revisions
    )
    ProfileVersionSize.objects.bulk_create(
        ProfileVersionSize(version_id=version.pk, size=latest.profile_size.size)
        for version in Version.objects.filter(revision__in=revisions)
    )
    return versions


def history(client, profile, **params):
    return parse(client.get(reverse("profiles:history", args=[profile.slug]), params))


def profile_revision_ids(profile):
    return profile_versions(profile).values_list("revision_id", flat=True)


def cells(row, selector):
    return row.select_one(selector).get_text(" ", strip=True)


def test_the_history_lists_each_revision_newest_first_with_who_comment_and_size_change(client):
    editor = make_user("ruth", editor=True)
    editor.last_name = "Ambler"
    editor.save()
    nameless = make_user("quill")
    nameless.first_name = ""
    nameless.save()
    profile = make_profile(comment="Created.", lead="Short lead.[^first]")
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Added the founding year.")
        profile.lead += " Founded in 1999."
        profile.save()
    with reversion.create_revision():
        reversion.set_user(nameless)
        reversion.set_comment("Trimmed.")
        profile.lead = profile.lead[:-5]
        profile.save()

    rows = history(client, profile).select("tr.history-entry")
    assert [cells(row, ".revision-who") for row in rows] == ["quill", "Ruth Ambler", "Sourcebook"]
    assert [cells(row, ".revision-comment") for row in rows] == [
        "Trimmed.",
        "Added the founding year.",
        "Created.",
    ]
    assert [cells(row, ".revision-size") for row in rows] == [
        "−5 characters",
        "+17 characters",
        "new",
    ]


def test_each_row_links_to_its_revision_and_its_diff_with_the_one_before(client):
    profile = make_profile()
    save_revisions(profile, 2)
    versions = list(profile_revision_ids(profile))
    rows = history(client, profile).select("tr.history-entry")
    previous = [*versions[1:], None]
    for row, revision_id, previous_id in zip(rows, versions, previous, strict=True):
        link = row.select_one("a.revision-link")["href"]
        assert link == f"/profiles/{profile.slug}/revisions/{revision_id}/"
        assert client.get(link).status_code == 200
        diff = row.select_one("a.diff-link")
        if previous_id is None:
            assert diff is None
        else:
            query = f"?from={previous_id}&to={revision_id}"
            assert diff["href"] == f"/profiles/{profile.slug}/diff/{query}"


def test_radio_buttons_compare_any_two_revisions_and_are_labelled(client):
    profile = make_profile()
    save_revisions(profile, 2)
    soup = history(client, profile)
    form = soup.select_one("form.history-form")
    assert form["action"] == f"/profiles/{profile.slug}/diff/"
    assert form["method"] == "get"
    newest, middle, _ = profile_revision_ids(profile)
    for radio in form.select("input[type=radio]"):
        assert soup.find("label", attrs={"for": radio["id"]}).get_text().startswith("Compare")
    assert form.select_one("input[name=to][checked]")["value"] == str(newest)
    assert form.select_one("input[name=from][checked]")["value"] == str(middle)


def test_the_history_is_paginated_and_the_last_row_of_a_page_still_has_its_size_change(
    client, settings
):
    settings.REVISIONS_PER_PAGE = 5
    profile = make_profile()
    save_revisions(profile, 6, grow=3)  # 7 revisions
    first_page = history(client, profile)
    assert len(first_page.select("tr.history-entry")) == 5
    assert cells(first_page.select("tr.history-entry")[-1], ".revision-size") == "+3 characters"
    assert first_page.select_one("a[rel=next]")["href"] == "?page=2"
    second_page = history(client, profile, page=2)
    assert len(second_page.select("tr.history-entry")) == 2


@pytest.mark.parametrize("revision_count", [1, 50, 500])
def test_the_history_page_query_count_does_not_grow_with_revisions(
    client, django_assert_num_queries, revision_count
):
    profile = make_profile()
    copy_revisions(profile, revision_count - 1, user=make_user("ruth"))
    # the profile, the count of revisions, one page of them with their users and stored sizes
    # (and the one before the page, for its size change)
    with django_assert_num_queries(3):
        response = client.get(reverse("profiles:history", args=[profile.slug]))
    assert len(parse(response).select("tr.history-entry")) == min(revision_count, 50)


def test_an_unpublished_profiles_history_is_hidden_from_readers_and_shown_to_editors(
    client, editor
):
    profile = make_profile("Draft Fund", published=False)
    url = reverse("profiles:history", args=[profile.slug])
    assert client.get(url).status_code == 404
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_a_renamed_profiles_old_history_address_redirects_to_the_new_one(client):
    profile = make_profile("Old Name Trust")
    with reversion.create_revision():
        profile.slug = "new-name-trust"
        profile.save()
        profile.remember_former_slug("old-name-trust")
    response = client.get("/profiles/old-name-trust/history/?page=1")
    assert response.status_code == 301
    assert response["Location"] == "/profiles/new-name-trust/history/?page=1"


def test_the_profile_page_links_to_its_history_and_the_site_to_recent_changes(client):
    profile = make_profile()
    soup = parse(client.get(profile.get_absolute_url()))
    history = soup.select_one(".page-tabs").find("a", string="History")
    assert history["href"] == f"/profiles/{profile.slug}/history/"
    nav = [a["href"] for a in soup.select("header nav a.nav-link")]
    assert "/recent/" in nav
