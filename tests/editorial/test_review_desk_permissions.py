"""Who reaches the review desk: editors only, through the review_suggestion permission."""

import pytest
from django.test import Client
from django.urls import reverse

from editorial.models import Suggestion
from editorial.services import approve_suggestion, reject_suggestion
from tests.editorial.submitting import form_fields
from tests.factories import make_suggestion
from tests.html import parse

pytestmark = pytest.mark.django_db

PAGES = ["admin:editorial_suggestion_changelist", "admin:editorial_suggestion_change"]
DECISIONS = [
    "admin:editorial_suggestion_approve",
    "admin:editorial_suggestion_reject",
    "admin:editorial_suggestion_spam",
]


def url_for(name, suggestion):
    if name.endswith("changelist"):
        return reverse(name)
    return reverse(name, args=[suggestion.pk])


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def cast(editor, outsider, contributor):
    return {"anonymous": None, "contributor": contributor, "outsider": outsider, "editor": editor}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    "who, expected", [("anonymous", 302), ("contributor", 302), ("outsider", 403), ("editor", 200)]
)
def test_only_editors_can_open_the_queue_and_the_review_page(cast, profile, name, who, expected):
    suggestion = make_suggestion(profile, location="Atlantis")
    response = client_for(cast[who]).get(url_for(name, suggestion))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", DECISIONS)
@pytest.mark.parametrize(
    "who, expected", [("anonymous", 302), ("contributor", 302), ("outsider", 403), ("editor", 302)]
)
def test_only_editors_can_decide(cast, profile, name, who, expected):
    suggestion = make_suggestion(profile, location="Atlantis")
    review = client_for(cast["editor"]).get(url_for(PAGES[1], suggestion))
    data = form_fields(parse(review).select_one("form.review-form"))
    response = client_for(cast[who]).post(url_for(name, suggestion), data)
    assert response.status_code == expected
    suggestion.refresh_from_db()
    if who == "editor":
        assert suggestion.status != "pending"
    else:
        assert suggestion.status == "pending"
        assert response.status_code == 403 or response["Location"].startswith(
            reverse("admin:login")
        )


@pytest.mark.parametrize("name", DECISIONS)
def test_decisions_refuse_get(editor_client, profile, name):
    suggestion = make_suggestion(profile, location="Atlantis")
    assert editor_client.get(url_for(name, suggestion)).status_code == 405
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


@pytest.mark.parametrize("name", DECISIONS)
def test_decisions_refuse_a_post_without_a_csrf_token(editor, profile, name):
    suggestion = make_suggestion(profile, location="Atlantis")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url_for(name, suggestion), {"note": ""}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_the_review_page_cannot_be_posted_to_as_a_generic_change_form(editor_client, profile):
    suggestion = make_suggestion(profile, location="Atlantis")
    url = reverse("admin:editorial_suggestion_change", args=[suggestion.pk])
    assert editor_client.post(url, {"status": "approved"}).status_code == 405
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_nobody_adds_or_deletes_suggestions_in_the_admin(editor_client, profile):
    suggestion = make_suggestion(profile, location="Atlantis")
    assert editor_client.get(reverse("admin:editorial_suggestion_add")).status_code == 403
    delete = reverse("admin:editorial_suggestion_delete", args=[suggestion.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()


def test_the_admin_index_shows_editors_the_pending_count_and_the_oldest_age(
    editor_client, outsider, profile
):
    make_suggestion(profile, location="Atlantis")
    make_suggestion(profile, location="Lemuria")
    summary = parse(editor_client.get(reverse("admin:index"))).select_one("#review-desk-summary")
    assert summary.select_one(".pending-count").get_text() == "2"
    assert "The oldest has waited" in summary.get_text()
    outsider_index = parse(client_for(outsider).get(reverse("admin:index")))
    assert outsider_index.select_one("#review-desk-summary") is None
    assert not outsider_index.find("a", href=reverse("admin:editorial_suggestion_changelist"))


def test_the_queue_lists_pending_items_oldest_first_with_kind_profile_age_and_conflict(
    editor_client, editor, profile
):
    first = make_suggestion(profile, body=profile.body.replace("2004", "2003"), message="First.")
    second = make_suggestion(profile, body=profile.body.replace("2004", "2005"), message="Second.")
    third = make_suggestion(profile, location="Atlantis", message="<script>alert(1)</script>")
    decided = make_suggestion(profile, aliases="HLF", message="Decided.")
    reject_suggestion(suggestion=decided, editor=editor)
    approve_suggestion(suggestion=first, editor=editor)

    response = editor_client.get(reverse("admin:editorial_suggestion_changelist"))
    page = parse(response)
    rows = page.select("#result_list tbody tr")
    assert [row.select_one(".field-number").get_text() for row in rows] == [
        f"#{second.pk}",
        f"#{third.pk}",
    ]
    assert rows[0].select_one(".field-kind").get_text() == "Suggested edit"
    assert rows[0].select_one(".field-about").get_text() == profile.name
    assert rows[0].select_one(".field-conflict").get_text() == "Conflict"
    assert rows[1].select_one(".field-conflict").get_text() == "-"  # the admin's empty value
    assert not page.select("#result_list img")  # no ✔/✖ icons
    assert rows[1].select_one(".field-age").get_text().strip()
    assert "<script>alert(1)</script>" in rows[1].select_one(".field-excerpt").get_text()
    assert b"<script>alert(1)</script>" not in response.content

    everything = parse(
        editor_client.get(reverse("admin:editorial_suggestion_changelist"), {"status": "all"})
    )
    assert len(everything.select("#result_list tbody tr")) == 4
    rejected = parse(
        editor_client.get(reverse("admin:editorial_suggestion_changelist"), {"status": "rejected"})
    )
    assert [
        r.select_one(".field-number").get_text() for r in rejected.select("#result_list tbody tr")
    ] == [f"#{decided.pk}"]
    found = parse(
        editor_client.get(reverse("admin:editorial_suggestion_changelist"), {"q": "Second"})
    )
    assert len(found.select("#result_list tbody tr")) == 1


def test_the_review_page_escapes_what_the_contributor_wrote(editor_client, profile):
    suggestion = make_suggestion(
        profile,
        location="<img src=x onerror=alert(1)>",
        message='<script>alert("message")</script>',
        contributor_name="<b>Mallory</b>",
        new_sources=[],
    )
    response = editor_client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk]))
    assert b"<script>alert" not in response.content
    assert b"<img src=x" not in response.content
    assert b"<b>Mallory</b>" not in response.content
    page = parse(response)
    assert '<script>alert("message")</script>' in page.select_one(".contributor-message").get_text()
