"""/api/changes/?since= lists the revisions of published profiles for mirrors, oldest first."""

from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from reversion.models import Revision

from profiles import history
from profiles.models import Profile
from profiles.services import save_profile
from tests.factories import make_profile, make_relationship, make_source

pytestmark = pytest.mark.django_db


def changes(client, status=200, **params):
    response = client.get("/api/changes/", params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def edit(profile, user=None, comment="Updated the lead.", **fields):
    for name, value in fields.items():
        setattr(profile, name, value)
    return save_profile(profile, user=user, comment=comment).revision


def test_it_lists_revisions_oldest_first_with_their_profiles_date_user_and_comment(client, editor):
    alder = make_profile("Alder Fund", comment="Created Alder Fund.")
    revision = edit(alder, user=editor, comment="New lead.", lead="It lends books.")
    data = changes(client)
    assert data["count"] == 2
    first, second = data["results"]
    assert first["id"] < second["id"] == revision.pk
    assert second["user"] == "Edith"
    assert second["comment"] == "New lead."
    assert second["date"] == revision.date_created.isoformat().replace("+00:00", "Z")
    assert second["profiles"] == [
        {
            "slug": "alder-fund",
            "name": "Alder Fund",
            "api_url": "http://testserver/api/profiles/alder-fund/",
            "revision_url": f"http://testserver/profiles/alder-fund/revisions/{revision.pk}/",
        }
    ]
    assert first["user"] is None  # made by the site, not by a person


def test_since_a_revision_id_lists_only_the_later_ones(client):
    alder = make_profile("Alder Fund")
    first = Revision.objects.latest("pk").pk
    later = [edit(alder, lead=f"It lends {n} books.").pk for n in (10, 20)]
    assert [r["id"] for r in changes(client, since=first)["results"]] == later
    assert changes(client, since=later[-1])["results"] == []


def test_since_a_date_and_time_lists_the_revisions_after_it(client):
    alder = make_profile("Alder Fund")
    Revision.objects.update(date_created=timezone.now() - timedelta(days=3))
    new = edit(alder, lead="It lends books.")
    moment = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [r["id"] for r in changes(client, since=moment)["results"]] == [new.pk]
    offset = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+02:00")
    assert [r["id"] for r in changes(client, since=offset)["results"]] == [new.pk]


def test_since_a_date_alone_includes_that_days_revisions(client):
    make_profile("Alder Fund")
    today = timezone.now().date().isoformat()
    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()
    assert changes(client, since=today)["count"] == 1
    assert changes(client, since=tomorrow)["count"] == 0


def test_it_pages_like_the_other_lists(client, monkeypatch):
    from profiles.api import Pagination

    monkeypatch.setattr(Pagination, "page_size", 2)
    alder = make_profile("Alder Fund")
    for n in range(3):
        edit(alder, lead=f"It lends {n} books.")
    data = changes(client)
    assert data["count"] == 4 and len(data["results"]) == 2
    assert data["next"] == "http://testserver/api/changes/?page=2"
    assert list(data) == ["count", "next", "previous", "license", "results"]
    following = changes(client, page=2)
    assert following["results"][0]["id"] > data["results"][-1]["id"]
    assert changes(client, since=0)["next"] == "http://testserver/api/changes/?page=2&since=0"


def test_drafts_and_source_only_revisions_are_not_listed(client):
    make_profile("Hidden Draft", published=False)
    make_source(title="A Source Edited on Its Own")
    assert changes(client)["count"] == 0


def test_a_profile_unpublished_since_drops_out_of_the_list(client):
    alder = make_profile("Alder Fund")
    edit(alder, published=False)
    assert changes(client)["count"] == 0


def test_a_revision_of_a_connection_names_both_profiles(client):
    alder = make_profile("Alder Fund")
    bayside = make_profile("Bayside Union", category="labor-union")
    make_relationship(bayside, alder, comment="Connected the two.")
    latest = changes(client)["results"][-1]
    assert latest["comment"] == "Connected the two."
    assert [p["slug"] for p in latest["profiles"]] == ["alder-fund", "bayside-union"]


def test_a_connection_to_a_draft_names_only_the_published_profile(client):
    alder = make_profile("Alder Fund")
    draft = make_profile("Hidden Draft", published=False)
    with reversion.create_revision():
        draft.save()  # a draft saved in the same revision as a published profile
        reversion.add_to_revision(alder)
    assert [p["slug"] for p in changes(client)["results"][-1]["profiles"]] == ["alder-fund"]


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2026-02-30", "2026-13-01T00:00", "-1", "1.5", "9" * 25, "²", "2026-1-5"],
)
def test_a_bad_since_is_a_json_400_that_says_what_to_give(client, value):
    data = changes(client, 400, since=value)
    assert data["status"] == 400
    message = " ".join(data["errors"]["since"])
    assert "revision number" in message or "There is no revision" in message


def test_a_hidden_comment_and_author_are_not_in_the_feed_which_says_they_were_hidden(
    client, editor
):
    from django.contrib.auth.models import Permission

    from profiles.services import redact_revision

    alder = make_profile("Alder Fund")
    revision = edit(alder, user=editor, comment="A remark nobody should read.", lead="It lends.")
    editor.user_permissions.add(Permission.objects.get(codename="redact_revision"))
    redact_revision(revision, user=editor, hidden={"comment", "user"}, reason="Defamatory.")
    client.force_login(editor)  # the feed is public: even the redactor gets the public view
    response = client.get("/api/changes/", {"since": revision.pk - 1})
    assert b"A remark nobody should read." not in response.content
    (change,) = response.json()["results"]
    assert (change["user"], change["comment"], change["hidden"]) == (None, "", ["comment", "user"])


def test_the_user_and_comment_come_from_the_one_public_details_function(client, monkeypatch):
    make_profile("Alder Fund", comment="A comment an editor hid.")
    monkeypatch.setattr(
        "profiles.serializers.public_details",
        lambda revision: history.PublicDetails(user=None, comment="(comment hidden)"),
    )
    assert changes(client)["results"][0]["comment"] == "(comment hidden)"


@pytest.mark.parametrize("revisions", [3, 30])
def test_a_page_costs_the_same_few_queries_however_many_revisions(
    client, django_assert_num_queries, revisions
):
    profiles = [make_profile(f"Coastal Trust {n}") for n in range(revisions)]
    assert Profile.objects.count() == revisions
    with django_assert_num_queries(4):  # count, page, their profile versions, their profiles
        data = changes(client)
    assert len(data["results"]) == revisions == len(profiles)
