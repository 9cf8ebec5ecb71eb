"""Paste a page: a profile page saved as text fills in the new-profile workspace for review."""

from pathlib import Path

import pytest
from django.urls import reverse

from profiles.models import Profile, ProfileType
from tests.factories import make_profile, make_source
from tests.html import parse, text_of
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

NEW = reverse("profiles:new")
PAGE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "import"
    / "text"
    / "harbor-tenants-alliance.txt"
).read_text(encoding="utf-8")
STORED_URL = "https://www.westmarch-ledger.example/2019/07/sit-in-sixth-week/"


def workspace_form(response):
    return parse(response).find("form", id="workspace-form")


def paste(client, text, **typed):
    data = form_data(workspace_form(client.get(NEW)))
    data.update({name: [value] for name, value in typed.items()})
    data.update({"pasted_page": [text], "paste": ["1"]})
    return client.post(NEW, data)


def field_value(form, name):
    field = form.find(attrs={"name": name})
    if field.name == "textarea":
        return field.get_text().removeprefix("\n")
    if field.name == "select":
        chosen = field.find("option", selected=True)
        return chosen.get_text() if chosen else ""
    return field.get("value", "")


@pytest.fixture
def tenant_advocacy(db):
    return ProfileType.objects.create(name="Tenant Advocacy", slug="tenant-advocacy")


def test_a_pasted_page_fills_in_the_form_and_the_preview_and_saves_nothing(
    editor_client, tenant_advocacy
):
    stored = make_source(url=STORED_URL, title="Sit-in at the Housing Authority Enters Week Six")

    response = paste(editor_client, PAGE)

    assert response.status_code == 200
    form = workspace_form(response)
    assert field_value(form, "name") == "Harbor Tenants Alliance"
    assert field_value(form, "category") == "Non-profit"
    assert field_value(form, "location") == "Riverton, Westmarch"
    assert (
        form.find("input", attrs={"name": "types", "value": str(tenant_advocacy.pk)})["checked"]
        is not None
    )
    lead, body = field_value(form, "lead"), field_value(form, "body")
    assert lead.startswith("Harbor Tenants Alliance (often called HTA)")
    assert "## Background" in body and "## 2019 Housing Authority Sit-in" in body
    assert (lead + body).count("[^") == 22
    assert field_value(form, "citations-TOTAL_FORMS") == "11"
    keys = [field_value(form, f"citations-{n}-key") for n in range(11)]
    assert len(set(keys)) == 11
    reused = [n for n in range(11) if field_value(form, f"citations-{n}-source") == str(stored.pk)]
    assert len(reused) == 1, "the source we have is cited, not made again"
    assert field_value(form, f"citations-{reused[0]}-accessed") == "2023-03-02"

    preview = parse(response).find(id="preview")
    assert len(preview.select(".reference-list > li")) == 11
    assert "Sit-in at the Housing Authority Enters Week Six" in text_of(preview)
    assert not Profile.objects.exists(), "nothing is saved until the editor saves"


def test_the_filled_in_form_publishes_the_page_as_previewed(editor_client, tenant_advocacy):
    filled = workspace_form(paste(editor_client, PAGE))
    data = form_data(filled)
    data["publish"] = ["1"]

    response = editor_client.post(NEW, data, follow=True)

    profile = Profile.objects.get(name="Harbor Tenants Alliance")
    assert profile.published
    assert response.redirect_chain[-1][0] == profile.get_absolute_url()
    assert profile.citations.count() == 11
    assert list(profile.types.all()) == [tenant_advocacy]
    assert len(parse(response).select(".reference-list > li")) == 11


def test_what_the_page_could_not_place_is_listed_with_its_line(editor_client):
    response = paste(editor_client, PAGE)  # no type "Tenant Advocacy" on this site

    notes = parse(response).select(".workspace-paste .alert li")
    assert any(
        "line 9" in text_of(note) and "Tenant Advocacy" in text_of(note) for note in notes
    ), [text_of(note) for note in notes]
    form = workspace_form(response)
    assert field_value(form, "name") == "Harbor Tenants Alliance", "the rest is filled in"


def test_an_empty_paste_says_so_and_keeps_what_was_typed(editor_client):
    response = paste(editor_client, "  \n", name="Quay Street Parents' Circle", lead="Typed.")

    assert "Paste the page's text into the box first." in text_of(parse(response))
    form = workspace_form(response)
    assert field_value(form, "name") == "Quay Street Parents' Circle"
    assert field_value(form, "lead") == "Typed."


def test_only_new_profiles_offer_a_paste(editor_client):
    assert parse(editor_client.get(NEW)).find(id="pasted-page")
    profile = make_profile("Pier Nine Co-op")
    page = parse(editor_client.get(reverse("profiles:edit", args=[profile.slug])))
    assert page.find(id="pasted-page") is None
