import json

import pytest
import reversion
from django.apps import apps
from django.urls import reverse
from reversion.models import Version

from profiles.models import Citation
from profiles.revisions import latest_revision
from profiles.stored_versions import migrate_stored_versions
from tests.factories import make_profile, make_source, rerender
from tests.html import live_markup, parse

pytestmark = pytest.mark.django_db


def permalink(profile, revision):
    return reverse("profiles:revision", args=[profile.slug, getattr(revision, "pk", revision)])


def rewrite_lead(profile, lead, *, citations=None):
    with reversion.create_revision():
        reversion.set_comment("Rewrote the lead.")
        profile.lead = lead
        profile.save()
        for key, source in (citations or {}).items():
            Citation.objects.create(profile=profile, key=key, source=source)
        rerender(profile)
    return latest_revision(profile)


def test_the_permanent_link_shows_the_text_and_references_as_they_were(client):
    source = make_source(title="Reading Rooms Reopen")
    profile = make_profile(lead="The fund began small.[^first]", citations={"first": source})
    first = latest_revision(profile)
    rewrite_lead(profile, "The fund grew.[^later]", citations={"later": make_source(title="Grew")})
    with reversion.create_revision():
        source.title = "Reading Rooms Close"
        source.save()

    soup = parse(client.get(permalink(profile, first)))
    assert soup.select_one(".profile-lead").get_text(strip=True) == "The fund began small.[1]"
    titles = [title.get_text() for title in soup.select(".reference-list .source-title")]
    assert titles == ["Reading Rooms Reopen."]
    assert len(soup.find_all("h1")) == 1


def test_the_permanent_link_says_it_is_old_and_links_to_the_current_version(client):
    profile = make_profile()
    first = latest_revision(profile)
    rewrite_lead(profile, "Newer.[^first]")
    soup = parse(client.get(permalink(profile, first)))
    notice = soup.select_one(".old-revision-notice")
    date = first.date_created.strftime("%B %-d, %Y")
    assert f"This is an old revision from {date}" in notice.get_text(" ", strip=True)
    assert notice.find("a", string="Read the current version")["href"] == profile.get_absolute_url()


def test_cite_this_page_gives_the_current_revisions_permanent_link_and_a_citation_line(client):
    profile = make_profile("Riverton Tenants Alliance")
    rewrite_lead(profile, "Newer.[^first]")
    revision = latest_revision(profile)
    cite = parse(client.get(profile.get_absolute_url())).select_one(".cite-this-page")
    url = f"http://testserver/profiles/riverton-tenants-alliance/revisions/{revision.pk}/"
    assert cite.select_one("a.permanent-link")["href"] == url
    date = revision.date_created.strftime("%B %-d, %Y")
    assert cite.select_one("textarea").get_text() == (
        f"“Riverton Tenants Alliance.” Sourcebook. Revision {revision.pk}, {date}. {url}"
    )
    assert cite.find("label", attrs={"for": "cite-line"})
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["Evo!", "Downtown L.A.", "Who Fixes the Roof?"])
def test_cite_this_page_adds_no_period_after_a_name_that_ends_with_its_own(client, name):
    profile = make_profile(name, slug="ends-with-punctuation")
    line = parse(client.get(profile.get_absolute_url())).select_one(".cite-line").get_text()
    assert line.startswith(f"“{name}” Sourcebook. Revision ")


@pytest.mark.parametrize("bad", ["abc", "12abc", "-1"])
def test_a_revision_address_that_is_not_a_number_is_not_found(client, bad):
    profile = make_profile()
    assert client.get(f"/profiles/{profile.slug}/revisions/{bad}/").status_code == 404


def test_a_revision_of_another_profile_or_no_revision_at_all_is_not_found(client):
    profile, other = make_profile(), make_profile("Other Fund")
    assert client.get(permalink(profile, latest_revision(other))).status_code == 404
    assert client.get(permalink(profile, 999999)).status_code == 404
    # Larger than a database id can be: SQLite cannot even be asked about it.
    assert client.get(permalink(profile, 2**63)).status_code == 404
    assert client.get(permalink(profile, 10**20)).status_code == 404


def test_an_unpublished_profiles_revisions_are_hidden_from_readers(client):
    profile = make_profile("Draft Fund", published=False)
    assert client.get(permalink(profile, latest_revision(profile))).status_code == 404


def test_the_permanent_link_page_query_count_is_fixed(client, django_assert_num_queries):
    profile = make_profile(
        lead="Works with [[Linked Org]].[^first]",
        facts=[("Website", "https://x.example")],
        types=["Education"],
    )
    revision = latest_revision(profile)
    # the profile, the revision's versions, its category, types, fact labels, the filings
    # stored before it, links to check, the older and newer revisions' ids
    with django_assert_num_queries(8):
        response = client.get(permalink(profile, revision))
    assert response.status_code == 200


def corrupt(profile, revision, change):
    version = Version.objects.get_for_object(profile).get(revision=revision)
    data = json.loads(version.serialized_data)
    change(data[0]["fields"])
    version.serialized_data = json.dumps(data)
    version.save()


def rename_lead_to_summary(fields):
    fields["summary"] = fields.pop("lead")


def test_an_old_revision_that_cannot_load_is_shown_read_only_from_its_stored_data(client):
    profile = make_profile(lead="The original lead.[^first]")
    first = latest_revision(profile)
    rewrite_lead(profile, "Newer.[^first]")
    corrupt(profile, first, rename_lead_to_summary)

    response = client.get(permalink(profile, first))
    soup = parse(response)
    assert "cannot be shown as a page" in soup.select_one(".unloadable-notice").get_text()
    stored = {
        row.th.get_text(): row.td.get_text() for row in soup.select(".stored-object tbody tr")
    }
    assert stored["summary"] == "The original lead.[^first]"
    assert not live_markup(soup)


def test_a_stored_value_that_no_longer_parses_gives_a_readable_page_not_an_error(client):
    profile = make_profile()
    first = latest_revision(profile)
    corrupt(profile, first, lambda fields: fields.update(created="not a date"))
    soup = parse(client.get(permalink(profile, first)))
    assert soup.select_one(".unloadable-notice")


def test_migrating_stored_versions_after_a_rename_makes_them_render_again(client):
    profile = make_profile(lead="The original lead.[^first]")
    first = latest_revision(profile)
    corrupt(profile, first, rename_lead_to_summary)
    changed = migrate_stored_versions(apps, "profiles", "profile", renamed={"summary": "lead"})
    assert changed == 1
    soup = parse(client.get(permalink(profile, first)))
    assert not soup.select(".unloadable-notice")
    assert soup.select_one(".profile-lead").get_text(strip=True) == "The original lead.[1]"


def test_a_revision_links_to_the_older_and_the_newer_revision(client):
    profile = make_profile()
    first = latest_revision(profile).pk
    rewrite_lead(profile, "Second.[^first]")
    second = latest_revision(profile).pk
    rewrite_lead(profile, "Third.[^first]")
    third = latest_revision(profile).pk

    def steps(revision_id):
        nav = parse(client.get(f"/profiles/{profile.slug}/revisions/{revision_id}/"))
        nav = nav.select_one("nav.revision-nav")
        return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")} if nav else {}

    base = f"/profiles/{profile.slug}/revisions"
    assert steps(second) == {
        "← Older revision": f"{base}/{first}/",
        "Newer revision →": f"{base}/{third}/",
    }
    assert steps(first) == {"Newer revision →": f"{base}/{second}/"}
    assert steps(third) == {"← Older revision": f"{base}/{second}/"}
