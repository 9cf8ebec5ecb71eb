"""A row count sent from the browser never makes the server build more forms than a person
could fill in; more is a clear form error."""

import pytest
from django.contrib.admin import site
from django.urls import reverse

from editorial.forms import SuggestEditForm, TipForm
from profiles.admin import CitationInline, FactInline, RelationshipCitationInline
from profiles.models import Profile, Relationship
from tests.editorial.submitting import field_errors, filled_in
from tests.factories import make_profile
from tests.html import parse
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def test_a_million_source_rows_build_at_most_ten_forms_and_say_so(client):
    profile = make_profile()
    page = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    data = filled_in(page, location="Port Verity", message="Moved.")
    data["source-TOTAL_FORMS"] = "1000000"
    form = SuggestEditForm(data, profile=profile)
    assert not form.is_valid()
    assert len(form.sources.forms) <= 10
    response = client.post(reverse("editorial:suggest_edit_preview", args=[profile.slug]), data)
    assert response.status_code == 200
    assert "A suggestion can add at most 10 new sources" in field_errors(response)


def test_a_tip_with_too_many_source_rows_is_refused_the_same_way():
    form = TipForm({"source-TOTAL_FORMS": "5000", "source-INITIAL_FORMS": "0"})
    assert not form.is_valid()
    assert len(form.sources.forms) <= 10
    assert "at most 10 new sources" in " ".join(form.sources.non_form_errors())


def test_an_admin_save_with_a_million_fact_rows_is_refused_without_building_them(
    editor_client,
):
    profile = make_profile()
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    data = form_data(parse(editor_client.get(url)).find("form", id="profile_form"))
    data["facts-TOTAL_FORMS"] = ["1000000"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert f"Please submit at most {FactInline.max_num} forms." in response.content.decode()


@pytest.mark.parametrize(
    "inline, parent",
    [(FactInline, Profile), (CitationInline, Profile), (RelationshipCitationInline, Relationship)],
)
def test_every_admin_inline_is_capped(rf, editor, inline, parent):
    request = rf.get("/")
    request.user = editor
    formset_class = inline(parent, site).get_formset(request)
    assert formset_class.absolute_max == inline.max_num
