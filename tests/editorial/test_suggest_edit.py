import pytest
import reversion
from django.urls import reverse

from editorial.models import Suggestion
from profiles.revisions import latest_revision_id
from tests.editorial.submitting import (
    field_errors,
    filled_in,
    form_fields,
    preview_edit,
    send_edit,
)
from tests.factories import make_profile, make_profile_with_citations
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

NEW_SOURCE = {
    "source-0-key": "annual-2003",
    "source-0-url": "https://harborliteracy.example/reports/2003/",
    "source-0-title": "Tenth Annual Report",
    "source-0-authors": "Mina Okafor",
    "source-0-publication": "Harbor Literacy Fund",
    "source-0-date": "2013-04-02",
}


def test_the_profile_page_offers_to_suggest_an_edit_to_the_profile_or_a_section(client, profile):
    page = parse(client.get(profile.get_absolute_url()))
    suggest = reverse("editorial:suggest_edit", args=[profile.slug])
    assert page.select_one(".page-tabs").find("a", href=suggest).get_text() == "Suggest an edit"
    actions = page.select_one(".profile-actions")
    report = actions.find("a", href=reverse("editorial:report_error", args=[profile.slug]))
    assert report.get_text() == "See an error? Let us know!"
    # "[edit]" beside each section's heading, named after the section for a screen reader.
    edits = page.select(".profile-body .section-heading")
    assert [(e.h2.get_text(), e.select_one(".section-edit").get_text()) for e in edits] == [
        ("Background", "[edit: Background]"),
        ("Programs", "[edit: Programs]"),
    ]
    section_links = [e.select_one(".section-edit a")["href"] for e in edits]
    assert section_links == [f"{suggest}?section=background", f"{suggest}?section=programs"]


def test_the_form_is_prefilled_with_the_current_text(client, profile):
    fields = form_fields(
        parse(client.get(reverse("editorial:suggest_edit", args=[profile.slug]))).select_one(
            "main form"
        )
    )
    assert fields["lead"] == profile.lead
    assert fields["body"] == profile.body
    assert fields["location"] == "Port Verity, Eastmark"
    assert fields["message"] == ""


def test_a_section_form_holds_only_that_section(client, profile):
    response = client.get(
        reverse("editorial:suggest_edit", args=[profile.slug]), {"section": "programs"}
    )
    page = parse(response)
    assert page.h1.get_text() == "Suggest an edit to the section “Programs”"
    fields = form_fields(page.select_one("main form"))
    assert fields["body"].startswith("## Programs\n\nIt runs evening classes")
    assert "Background" not in fields["body"]
    assert "lead" not in fields and fields["section"] == "programs"


def test_an_unknown_section_falls_back_to_the_whole_profile(client, profile):
    response = client.get(
        reverse("editorial:suggest_edit", args=[profile.slug]), {"section": "nowhere"}
    )
    page = parse(response)
    assert "not in the profile any more" in page.select_one(".alert").get_text()
    assert form_fields(page.select_one("main form"))["body"] == profile.body


def test_the_preview_shows_the_change_as_a_diff_and_stores_nothing(client, profile):
    response = preview_edit(
        client,
        profile,
        body=profile.body.replace("in 2004", "in 2003"),
        message="The tenth annual report says 2003.",
    )
    page = parse(response)
    assert page.h1.get_text() == "Preview your suggestion"
    assert [ins.get_text() for ins in page.select(".suggestion-diff ins")] == ["2003"]
    assert [d.get_text() for d in page.select(".suggestion-diff del")] == ["2004"]
    assert "The tenth annual report says 2003." in page.select_one(".suggestion-message").get_text()
    assert Suggestion.objects.count() == 0


def test_sending_stores_only_the_changed_fields_with_the_text_the_contributor_saw(client, profile):
    response = send_edit(
        client, profile, location="Port Verity", message="The county name is not used."
    )
    suggestion = Suggestion.objects.get()
    assert response["Location"] == reverse("editorial:sent", args=[suggestion.token])
    assert suggestion.kind == "edit" and suggestion.status == "pending"
    assert suggestion.proposed_changes == {
        "location": {"base": "Port Verity, Eastmark", "proposed": "Port Verity"}
    }
    assert suggestion.base_revision_id == latest_revision_id(profile)
    assert suggestion.message == "The county name is not used."


def test_a_section_suggestion_stores_that_section_only(client, profile):
    send_edit(
        client,
        profile,
        section="programs",
        body="## Programs\n\nIt runs evening classes for adults.[^second]",
        message="The summer program closed in 2022.",
    )
    suggestion = Suggestion.objects.get()
    assert suggestion.section_anchor == "programs"
    assert suggestion.proposed_changes["body"]["base"].startswith("## Programs\n\nIt runs evening")
    assert suggestion.proposed_changes["body"]["proposed"] == (
        "## Programs\n\nIt runs evening classes for adults.[^second]"
    )


def test_new_sources_are_stored_with_their_keys(client, profile):
    send_edit(
        client,
        profile,
        lead=profile.lead + " It opened in 2003.[^annual-2003]",
        message="The annual report gives the year.",
        **NEW_SOURCE,
    )
    suggestion = Suggestion.objects.get()
    assert suggestion.new_sources == [
        {
            "key": "annual-2003",
            "url": "https://harborliteracy.example/reports/2003/",
            "title": "Tenth Annual Report",
            "authors": "Mina Okafor",
            "publication": "Harbor Literacy Fund",
            "date": "2013-04-02",
        }
    ]


def test_a_new_source_that_is_not_cited_is_an_error(client, profile):
    response = preview_edit(
        client, profile, lead=profile.lead + " More.", message="See the report.", **NEW_SOURCE
    )
    assert "The new source [^annual-2003] is not cited in your text" in field_errors(response)


def test_a_new_source_may_not_take_a_key_the_profile_already_uses(client, profile):
    response = preview_edit(
        client,
        profile,
        lead=profile.lead + " More.[^first]",
        message="See the report.",
        **{**NEW_SOURCE, "source-0-key": "first"},
    )
    assert "The key [^first] already belongs to one of this profile's sources" in field_errors(
        response
    )


def test_an_unknown_marker_is_reported_in_the_same_round_as_an_incomplete_new_source(
    client, profile
):
    response = preview_edit(
        client,
        profile,
        lead=profile.lead + " It opened in 2003.[^annual-2003] It moved.[^nowhere]",
        message="See the report.",
        **{**NEW_SOURCE, "source-0-title": ""},
    )
    errors = field_errors(response)
    assert "Give the title of the source." in errors
    assert "The marker [^nowhere] does not match any citation of this profile" in errors
    assert "[^annual-2003]" not in errors  # the incomplete row's key still counts


def test_a_new_source_key_is_marked_required_like_the_other_required_fields(client, profile):
    page = parse(client.get(reverse("editorial:suggest_edit", args=[profile.slug])))
    labels = {
        name: page.select_one(f"label[for=id_source-0-{name}]").get_text(strip=True)
        for name in ("key", "url", "authors")
    }
    assert labels == {"key": "Key*", "url": "Web address (URL)*", "authors": "Authors"}


def test_the_preview_shows_a_new_source_as_its_reference_will_read(client, profile):
    response = preview_edit(
        client,
        profile,
        lead=profile.lead + " It opened in 2003.[^annual-2003]",
        message="See the report.",
        **NEW_SOURCE,
    )
    entry = parse(response).select_one(".suggestion-diff .new-source-list li")
    assert text_of(entry) == (
        "[^annual-2003] Mina Okafor. “Tenth Annual Report.” Harbor Literacy Fund. "
        "April 2, 2013. https://harborliteracy.example/reports/2003/"
    )


def test_adding_another_source_row_keeps_what_was_typed(client, profile):
    page = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    data = filled_in(page, message="Two sources.", **NEW_SOURCE, add_source="1")
    response = client.post(reverse("editorial:suggest_edit_preview", args=[profile.slug]), data)
    fields = form_fields(parse(response).select_one("main form"))
    assert fields["source-TOTAL_FORMS"] == "2"
    assert fields["source-0-title"] == "Tenth Annual Report"
    assert fields["source-1-title"] == ""
    assert fields["message"] == "Two sources."
    assert Suggestion.objects.count() == 0


@pytest.mark.parametrize(
    "total, rows",
    # Python's int() refuses a string of more than 4,300 digits.
    [("abc", "2"), ("1.5", "2"), ("²", "2"), ("", "2"), ("9" * 5000, "2"), ("40", "10")],
)
def test_adding_a_source_row_to_a_tampered_row_count_gives_a_form_not_an_error(
    client, profile, total, rows
):
    page = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    data = filled_in(page, message="Two sources.", add_source="1")
    data["source-TOTAL_FORMS"] = total
    response = client.post(reverse("editorial:suggest_edit_preview", args=[profile.slug]), data)
    assert response.status_code == 200
    assert form_fields(parse(response).select_one("main form"))["source-TOTAL_FORMS"] == rows


def test_nothing_changed_is_an_error(client, profile):
    response = preview_edit(client, profile, message="Looks fine to me.")
    assert "You have not changed anything yet" in field_errors(response)


def test_sending_without_the_preview_shows_the_preview_first(client, profile):
    page = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    data = filled_in(page, location="Port Verity", message="Shorter.")
    response = client.post(reverse("editorial:suggest_edit_send", args=[profile.slug]), data)
    assert response.status_code == 200
    assert "You changed your suggestion after the preview" in parse(response).get_text()
    assert Suggestion.objects.count() == 0


def test_a_change_made_after_the_preview_is_previewed_again_before_it_is_sent(client, profile):
    preview = preview_edit(client, profile, location="Port Verity", message="Shorter.")
    send_url = reverse("editorial:suggest_edit_send", args=[profile.slug])
    data = form_fields(parse(preview).select_one(f"main form[action='{send_url}']"))
    data["location"] = "Port Verity, East"
    response = client.post(send_url, data)
    assert "You changed your suggestion after the preview" in parse(response).get_text()
    assert Suggestion.objects.count() == 0
    resent = form_fields(parse(response).select_one(f"main form[action='{send_url}']"))
    assert client.post(send_url, resent).status_code == 302
    assert Suggestion.objects.get().proposed_changes["location"]["proposed"] == "Port Verity, East"


def test_a_suggestion_keeps_the_revision_the_contributor_saw_when_the_profile_changes_meanwhile(
    client, profile, editor
):
    page = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    seen_revision = latest_revision_id(profile)
    seen_body = profile.body
    with reversion.create_revision():
        profile.body = profile.body.replace("about 300", "about 280")
        profile.save()
    data = filled_in(page, body=seen_body.replace("in 2004", "in 2003"), message="Founded in 2003.")
    preview = client.post(reverse("editorial:suggest_edit_preview", args=[profile.slug]), data)
    send_url = reverse("editorial:suggest_edit_send", args=[profile.slug])
    client.post(send_url, form_fields(parse(preview).select_one(f"main form[action='{send_url}']")))
    suggestion = Suggestion.objects.get()
    assert suggestion.base_revision_id == seen_revision
    assert suggestion.proposed_changes["body"]["base"] == seen_body
    assert "about 300" in suggestion.proposed_changes["body"]["proposed"]


def test_unpublished_profiles_take_no_suggestions(client):
    draft = make_profile("Quiet Draft Society", published=False)
    assert client.get(reverse("editorial:suggest_edit", args=[draft.slug])).status_code == 404
    assert client.get(reverse("editorial:report_error", args=[draft.slug])).status_code == 404


@pytest.mark.parametrize("citation_count", [3, 40])
def test_the_suggest_form_makes_a_fixed_number_of_queries(
    client, django_assert_num_queries, citation_count
):
    profile = make_profile_with_citations(citation_count)
    url = reverse("editorial:suggest_edit", args=[profile.slug])
    client.get(url)  # warm the content-type cache
    # profile with category, its latest revision, its infobox rows, the infobox labels (for
    # the help text), its citations with their sources
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_the_forms_are_never_cached_because_they_carry_a_token_and_a_timestamp(client, profile):
    for url in [
        reverse("editorial:suggest_edit", args=[profile.slug]),
        reverse("editorial:report_error", args=[profile.slug]),
        reverse("editorial:tip_new"),
    ]:
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_a_sub_section_has_its_own_edit_link_to_a_form_of_just_that_sub_section(client):
    profile = make_profile(
        "Quarry Lane Commons",
        body="## Programs\n\nEvening classes.\n\n### Summer camp\n\nTwo weeks in July.",
    )
    page = parse(client.get(profile.get_absolute_url()))
    (heading,) = page.select(".profile-body .section-heading:has(h3)")
    assert heading.h3.get_text() == "Summer camp"
    link = heading.select_one(".section-edit a")
    assert link.get_text() == "edit: Summer camp"
    form = parse(client.get(link["href"]))
    assert (
        form_fields(form.select_one("main form"))["body"] == "### Summer camp\n\nTwo weeks in July."
    )
