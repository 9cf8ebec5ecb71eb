"""The editor's workspace: write and change a sourced profile in one page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from profiles.models import Category, FactLabel, Profile, Source
from profiles.revisions import latest_revision
from profiles.services import save_profile
from tests.factories import make_profile, make_source
from tests.html import live_markup, parse, text_of
from tests.html_forms import form_data
from tests.profiles.test_hostile_input import HOSTILE

pytestmark = pytest.mark.django_db

NEW = reverse("profiles:new")


def page_data(client, url):
    return form_data(parse(client.get(url)).find("form", id="workspace-form"))


def new_profile_data(client, **values):
    data = page_data(client, NEW)
    data.update(
        {
            "name": ["Alder Falls Reading Circle"],
            "category": [str(Category.objects.get(slug="non-profit").pk)],
            "lead": ["A reading circle in Alder Falls.[^courier]"],
            "body": ["## Background\n\nIt began in 2004.[^courier]"],
        }
    )
    index = int(data["citations-TOTAL_FORMS"][0])
    data.update(
        {
            f"citations-{index}-key": ["courier"],
            f"citations-{index}-url": ["https://courier.example/reading-circle/"],
            f"citations-{index}-title": ["A Reading Circle Grows Up"],
            f"citations-{index}-publication": ["The Harbor Courier"],
            f"citations-{index}-published": ["2022-03"],
            f"citations-{index}-kind": ["news"],
            "citations-TOTAL_FORMS": [str(index + 1)],
        }
    )
    data.update({name: [value] for name, value in values.items()})
    return data


@pytest.mark.parametrize(
    "url, method",
    [
        (NEW, "get"),
        (reverse("profiles:workspace_preview"), "post"),
        (reverse("profiles:workspace_sources") + "?q=x", "get"),
        (reverse("profiles:workspace_cite") + "?url=https://a.example/", "get"),
    ],
)
def test_only_editors_reach_the_workspace_and_its_endpoints(client, outsider, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(outsider)
    assert getattr(client, method)(url).status_code == 403


def test_the_edit_page_is_for_editors_only(client, outsider, editor):
    profile = make_profile()
    url = reverse("profiles:edit", args=[profile.slug])
    assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_a_new_profile_is_one_revision_with_its_new_source_and_stays_a_draft(editor_client, editor):
    sources_before = Source.objects.count()
    data = new_profile_data(editor_client, save="1")
    response = editor_client.post(NEW, data)
    assert response.status_code == 302
    profile = Profile.objects.get(name="Alder Falls Reading Circle")
    assert not profile.published, "a new profile is a draft until the editor publishes it"
    [version] = Version.objects.get_for_object(profile)
    assert (version.revision.user, version.revision.get_comment()) == (
        editor,
        "Created Alder Falls Reading Circle.",
    )
    source = Source.objects.get(url="https://courier.example/reading-circle/")
    assert Source.objects.count() == sources_before + 1
    assert Version.objects.get_for_object(source).get().revision == version.revision
    assert "cite-note-1" in profile.lead_html


def test_publish_makes_the_draft_public(editor_client, client):
    data = new_profile_data(editor_client, publish="1")
    editor_client.post(NEW, data)
    profile = Profile.objects.get(name="Alder Falls Reading Circle")
    assert profile.published
    assert client.get(profile.get_absolute_url()).status_code == 200


def test_the_preview_shows_the_page_readers_will_see_before_anything_is_saved(editor_client):
    data = new_profile_data(editor_client, preview="1")
    page = parse(editor_client.post(NEW, data))
    preview = page.select_one("#preview")
    assert text_of(preview.select_one("h1")) == "Alder Falls Reading Circle"
    assert "A Reading Circle Grows Up" in text_of(preview.select_one(".reference-list"))
    assert preview.select_one("sup.reference a")["href"] == "#cite-note-1"
    assert not Profile.objects.exists()


def test_an_unknown_marker_is_named_at_the_top_and_beside_its_field_and_the_text_is_kept(
    editor_client,
):
    data = new_profile_data(editor_client, save="1", body="## Background\n\nSoon.[^ghost]")
    page = parse(editor_client.post(NEW, data))
    summary = page.select_one("#error-summary")
    assert "The marker [^ghost] does not match any citation of this profile" in text_of(summary)
    assert summary.select_one("a")["href"] == "#id_body"
    assert "[^ghost]" in page.select_one("textarea[name=body]").get_text()
    assert not Profile.objects.exists()


def test_saving_without_a_change_writes_nothing_and_says_so(editor_client):
    profile = make_profile(facts=[("Website", "https://harbor.example")])
    url = reverse("profiles:edit", args=[profile.slug])
    data = {**page_data(editor_client, url), "save": ["1"]}
    before = Version.objects.get_for_object(profile).count()
    response = editor_client.post(url, data, follow=True)
    assert Version.objects.get_for_object(profile).count() == before
    assert "Nothing was changed" in response.content.decode()


def test_a_change_is_one_revision_with_the_editors_summary(editor_client, editor):
    profile = make_profile()
    url = reverse("profiles:edit", args=[profile.slug])
    data = page_data(editor_client, url)
    data.update(
        {"location": ["Port Verity"], "summary": ["Location from the 2024 report."], "save": ["1"]}
    )
    assert editor_client.post(url, data).status_code == 302
    revision = latest_revision(profile)
    assert (revision.user, revision.get_comment()) == (editor, "Location from the 2024 report.")


def test_an_empty_summary_says_what_changed(editor_client):
    profile = make_profile()
    url = reverse("profiles:edit", args=[profile.slug])
    data = {**page_data(editor_client, url), "location": ["Port Verity"], "save": ["1"]}
    editor_client.post(url, data)
    assert latest_revision(profile).get_comment() == "Changed the location."


def test_a_save_over_a_newer_change_is_refused_with_the_change_shown_and_the_text_kept(
    editor_client,
):
    profile = make_profile()
    url = reverse("profiles:edit", args=[profile.slug])
    data = page_data(editor_client, url)
    other = Profile.objects.get(pk=profile.pk)
    other.location = "Eastmark"
    save_profile(other, user=None, comment="Someone else's change.")
    data.update({"lead": ["My own new introduction.[^first]"], "save": ["1"]})
    page = parse(editor_client.post(url, data))
    notice = page.select_one(".stale-save")
    assert "Nothing was saved" in text_of(notice)
    assert "Eastmark" in text_of(notice.select_one(".profile-diff"))
    assert "My own new introduction." in page.select_one("textarea[name=lead]").get_text()
    profile.refresh_from_db()
    assert profile.location == "Eastmark"


def test_citing_a_url_that_differs_only_by_tracking_parameters_reuses_the_stored_source(
    editor_client,
):
    stored = make_source(url="https://www.checkthesheriff.example/about", title="About")
    response = editor_client.get(
        reverse("profiles:workspace_cite"),
        {"url": "https://www.checkthesheriff.example/about/?utm_source=x&fbclid=abc"},
    )
    answer = response.json()
    assert answer["found"] and answer["source"]["id"] == stored.pk
    assert answer["key"] == "harbor-courier-2020"  # readable: publication and year
    assert answer["accessed"] == timezone.localdate().isoformat(), "the editor has it open"


def test_six_sources_titled_about_are_told_apart_by_their_domain(editor_client):
    for site in ["facebook", "sheriffwatch", "laweekly", "knockla", "workers", "lataco"]:
        make_source(url=f"https://www.{site}.example/about/", title="About", publication="")
    results = editor_client.get(
        reverse("profiles:workspace_sources"), {"q": "about sheriffwatch"}
    ).json()["results"]
    assert results[0]["domain"] == "sheriffwatch.example"
    assert {"title", "publication", "date", "domain", "citing"} <= set(results[0])


@pytest.mark.parametrize("payload", HOSTILE)
def test_the_preview_is_sanitized_like_the_public_page(editor_client, payload):
    """The hostile-input corpus in every field the preview shows: its endpoint (what the script
    shows as the editor types) and the page a Preview button sends back."""
    data = new_profile_data(
        editor_client,
        name=f"Reading Circle {payload}"[:200],
        location=payload,
        aliases=payload,
        lead=f"{payload} Opening.[^courier]",
        body=f"## {payload}\n\n{payload}[^courier]\n\n### Sub\n\n{payload}",
    )
    index = int(data["citations-TOTAL_FORMS"][0]) - 1
    for part in ("title", "publication", "authors"):
        data[f"citations-{index}-{part}"] = [payload[:300]]
    data["citations-0-pinpoint"] = [payload[:200]]
    data["facts-0-label"] = [str(FactLabel.objects.get(name="Founders").pk)]
    data["facts-0-value"] = [f"{payload} [^courier]"]

    answer = editor_client.post(reverse("profiles:workspace_preview"), data).json()
    page = editor_client.post(NEW, {**data, "preview": ["1"]})

    assert answer["valid"], answer
    assert live_markup(BeautifulSoup(answer["html"], "lxml")) == []
    assert live_markup(parse(page).find(id="preview")) == []


@pytest.mark.parametrize("count", [3, 60])
def test_the_preview_query_count_does_not_grow_with_citations(
    editor_client, django_assert_max_num_queries, count
):
    data = new_profile_data(editor_client)
    sources = [make_source() for _ in range(count)]
    index = int(data["citations-TOTAL_FORMS"][0])
    body = "## Record\n\n" + " ".join(f"Fact.[^s{n}]" for n in range(count))
    for number, source in enumerate(sources):
        data[f"citations-{index + number}-key"] = [f"s{number}"]
        data[f"citations-{index + number}-source"] = [str(source.pk)]
    data["citations-TOTAL_FORMS"] = [str(index + count)]
    data["body"] = [body + " [^courier]"]
    with django_assert_max_num_queries(12):
        answer = editor_client.post(reverse("profiles:workspace_preview"), data).json()
    assert answer["valid"]


def test_a_connection_added_in_place_is_saved_and_the_typed_text_is_kept(editor_client, editor):
    profile = make_profile("Harbor Literacy Fund")
    funder = make_profile("Alder Falls Civic Fund")
    url = reverse("profiles:edit", args=[profile.slug])
    data = page_data(editor_client, url)
    data.update(
        {
            "lead": ["An unsaved new introduction.[^first]"],
            "connection-kind": ["object:funded"],
            "connection-other": ["Alder Falls Civic Fund"],
            "connection-role": ["Founding grant"],
            "connection-start": ["2019"],
            "connection-end": [""],
            "connection-amount": ["12000"],
            "connection-citation": ["first"],
            "add_connection": ["1"],
        }
    )
    page = parse(editor_client.post(url, data))
    relationship = funder.relationships_as_subject.get()
    assert (relationship.object, relationship.role) == (profile, "Founding grant")
    assert "An unsaved new introduction." in page.select_one("textarea[name=lead]").get_text()
    profile.refresh_from_db()
    assert "unsaved" not in profile.lead
    # Saving the rest afterwards is not refused as stale: the page now stands on that revision.
    saved = {**form_data(page.find("form", id="workspace-form")), "save": ["1"]}
    assert editor_client.post(url, saved).status_code == 302
    profile.refresh_from_db()
    assert profile.lead == "An unsaved new introduction.[^first]"


def test_a_connection_to_a_profile_that_does_not_exist_is_refused_in_a_sentence(editor_client):
    profile = make_profile("Harbor Literacy Fund")
    url = reverse("profiles:edit", args=[profile.slug])
    data = page_data(editor_client, url)
    data.update(
        {
            "connection-kind": ["object:funded"],
            "connection-other": ["Nobody Foundation"],
            "connection-citation": ["first"],
            "add_connection": ["1"],
        }
    )
    page = parse(editor_client.post(url, data))
    assert "No profile is called “Nobody Foundation”" in text_of(
        page.select_one(".workspace-connections")
    )


def test_citing_a_new_page_fills_the_source_in_from_its_metadata_for_the_editor_to_check(
    editor_client, web
):
    web.fixture_page("https://www.harbor-courier.example/2023/rent/", "news_article_jsonld.html")
    answer = editor_client.get(
        reverse("profiles:workspace_cite"), {"url": "https://www.harbor-courier.example/2023/rent/"}
    ).json()
    assert not answer["found"]
    assert answer["new"]["title"], "the page's metadata gave a title"
    assert answer["new"]["url"] == "https://www.harbor-courier.example/2023/rent/"
    assert answer["key"]
    assert not Source.objects.filter(url__contains="harbor-courier").exists(), "nothing saved"
