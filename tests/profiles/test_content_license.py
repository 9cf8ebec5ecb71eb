"""The content licence, stated once in settings, shows in the footer, the API and the exports."""

import csv
import io
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.settings import env_content_license
from tests.factories import make_profile
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

BY_SA = {
    "id": "CC-BY-SA-4.0",
    "name": "CC BY-SA 4.0",
    "url": "https://creativecommons.org/licenses/by-sa/4.0/",
}
CUSTOM = {"id": "", "name": "Harbor Open Data Terms", "url": "https://harbor.example/terms/"}


@pytest.fixture
def custom_license(settings):
    settings.CONTENT_LICENSE = CUSTOM


def test_the_default_licence_is_cc_by_sa_4_with_its_name_and_address(monkeypatch):
    for name in ("", "_NAME", "_URL"):
        monkeypatch.delenv(f"SOURCEBOOK_CONTENT_LICENSE{name}", raising=False)
    assert env_content_license() == BY_SA


def test_another_known_licence_is_chosen_by_its_spdx_id(monkeypatch):
    monkeypatch.setenv("SOURCEBOOK_CONTENT_LICENSE", "CC0-1.0")
    assert env_content_license() == {
        "id": "CC0-1.0",
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }


def test_any_other_licence_is_stated_by_its_name_and_address(monkeypatch):
    monkeypatch.setenv("SOURCEBOOK_CONTENT_LICENSE_NAME", CUSTOM["name"])
    monkeypatch.setenv("SOURCEBOOK_CONTENT_LICENSE_URL", CUSTOM["url"])
    assert env_content_license() == CUSTOM


def test_an_unknown_licence_id_refuses_to_start_and_lists_the_known_ones(monkeypatch):
    monkeypatch.setenv("SOURCEBOOK_CONTENT_LICENSE", "CC-BY-SA-5.0")
    with pytest.raises(ImproperlyConfigured, match="'CC-BY-SA-5.0', which Sourcebook does not"):
        env_content_license()


def test_a_licence_name_without_an_address_refuses_to_start(monkeypatch):
    monkeypatch.setenv("SOURCEBOOK_CONTENT_LICENSE_NAME", CUSTOM["name"])
    with pytest.raises(ImproperlyConfigured, match="go together"):
        env_content_license()


def test_every_page_footer_names_the_licence_links_it_and_leads_to_the_open_data(client):
    profile = make_profile()
    for url in ("/", profile.get_absolute_url(), "/data/"):
        footer = parse(client.get(url)).select_one("footer")
        link = footer.find("a", rel="license")
        assert link["href"] == BY_SA["url"] and text_of(link) == "CC BY-SA 4.0"
        assert "The text and data of Sourcebook are available under" in text_of(footer)
        assert footer.find("a", href="/data/")


def test_the_footer_follows_the_licence_in_settings(client, custom_license):
    link = parse(client.get("/")).select_one("footer a[rel=license]")
    assert (link["href"], text_of(link)) == (CUSTOM["url"], CUSTOM["name"])


def test_a_profile_in_the_api_carries_the_licence(client, custom_license):
    profile = make_profile()
    assert client.get(f"/api/profiles/{profile.slug}/").json()["license"] == CUSTOM


@pytest.mark.parametrize(
    "url", ["/api/profiles/", "/api/profiles/{slug}/revisions/", "/api/relationships/"]
)
def test_every_list_in_the_api_names_the_licence_in_its_envelope(client, url):
    profile = make_profile()
    data = client.get(url.format(slug=profile.slug)).json()
    assert list(data) == ["count", "next", "previous", "license", "results"]
    assert data["license"] == BY_SA


def test_the_json_export_carries_the_licence(custom_license):
    make_profile()
    out = io.StringIO()
    call_command("export_profiles", format="json", stdout=out)
    assert json.loads(out.getvalue())["license"] == CUSTOM


def test_every_row_of_the_csv_export_names_the_licence_in_its_last_column(custom_license):
    make_profile("Alder Fund")
    make_profile("Bayside Union")
    out = io.StringIO()
    call_command("export_profiles", format="csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][-1] == "license"
    assert [row[-1] for row in rows[1:]] == [CUSTOM["url"], CUSTOM["url"]]
