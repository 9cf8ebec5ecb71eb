import pytest
from django.urls import reverse

from editorial.models import Suggestion
from tests.editorial.submitting import field_errors, form_fields, send_report
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_report_form_names_every_part_of_the_profile(client, profile):
    page = parse(client.get(reverse("editorial:report_error", args=[profile.slug])))
    options = [option.get_text() for option in page.select("select[name=part] option")]
    assert options == [
        "The whole profile",
        "The introduction",
        "The “At a glance” box",
        "The section “Background”",
        "The section “Programs”",
        "The references",
    ]


def test_a_report_is_stored_with_the_part_the_message_and_the_source(client, profile):
    response = send_report(
        client,
        profile,
        part="background",
        message="The basement was in the town hall, not the library.",
        source_url="https://courier.example/town-hall-basement/",
        contributor_name="Teo",
    )
    report = Suggestion.objects.get()
    assert response["Location"] == reverse("editorial:sent", args=[report.token])
    assert (report.kind, report.status, report.profile, report.report_part) == (
        "error",
        "pending",
        profile,
        "background",
    )
    assert report.message == "The basement was in the town hall, not the library."
    assert report.new_sources[0]["url"] == "https://courier.example/town-hall-basement/"
    assert report.proposed_changes == {}
    assert report.contributor_name == "Teo"


def test_a_report_without_a_message_is_refused_and_keeps_what_was_typed(client, profile):
    response = send_report(
        client, profile, part="programs", message="  ", source_url="https://a.example/"
    )
    assert response.status_code == 200
    assert "Tell us what is wrong" in field_errors(response)
    fields = form_fields(parse(response).select_one("main form"))
    assert fields["part"] == "programs" and fields["source_url"] == "https://a.example/"
    assert Suggestion.objects.count() == 0


def test_a_report_with_a_javascript_source_is_refused(client, profile):
    response = send_report(
        client, profile, message="Wrong year.", source_url="javascript:alert(document.cookie)"
    )
    assert "starting with http:// or https://" in field_errors(response)
    assert Suggestion.objects.count() == 0


def test_the_report_link_can_preselect_a_part(client, profile):
    page = parse(
        client.get(reverse("editorial:report_error", args=[profile.slug]), {"part": "lead"})
    )
    assert form_fields(page.select_one("main form"))["part"] == "lead"
