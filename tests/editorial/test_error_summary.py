"""A refused form starts with a summary of what to correct, each problem linked to its field."""

import pytest
from django.urls import reverse

from tests.editorial.submitting import form_fields, preview_edit, send_report, send_tip
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db


def summary_of(response):
    """The error summary's heading and (link target, text) of each problem it lists."""
    page = parse(response)
    summary = page.select_one("main [role=alert].error-summary")
    assert summary is not None, "no error summary on the page"
    for link in summary.select("a[href^='#']"):
        assert page.find(id=link["href"][1:]), f"{link['href']} leads nowhere"
    items = [
        (item.a["href"] if item.a else "", item.get_text(" ", strip=True))
        for item in summary.select("li")
    ]
    return summary.h2.get_text(), items


def test_a_refused_suggestion_starts_with_a_summary_linking_to_each_problem(client, profile):
    response = preview_edit(
        client,
        profile,
        lead=profile.lead + " It opened in 2003.[^annual-2003]",
        message="",
        **{"source-0-key": "annual-2003", "source-0-url": "https://a.example/report/"},
    )
    heading, items = summary_of(response)
    assert heading == "Please correct the following 2 problems"
    assert [href for href, _ in items] == ["#id_source-0-title", "#id_message"]
    assert items[0][1] == "New source 1: Title — Give the title of the source."
    assert "Tell the editors what is wrong" in items[1][1]
    # It comes before the form, where the page opens, and the form keeps what was typed.
    page = parse(response)
    assert page.select_one("main > .error-summary ~ form")
    assert form_fields(page.select_one("main form"))["source-0-url"] == "https://a.example/report/"


def test_a_problem_with_the_whole_form_is_listed_without_a_link(client, profile):
    _, items = summary_of(preview_edit(client, profile, message="Looks fine to me."))
    assert items == [("", items[0][1])]
    assert items[0][1].startswith("You have not changed anything yet.")


def test_a_refused_report_starts_with_a_summary_of_its_one_problem(client, profile):
    heading, items = summary_of(send_report(client, profile, message=""))
    assert heading == "Please correct the following problem"
    assert [href for href, _ in items] == ["#id_message"]


def test_a_refused_tip_lists_every_problem_in_the_order_of_the_page(client):
    heading, items = summary_of(send_tip(client, name="", category="", message=""))
    assert heading == "Please correct the following 2 problems"
    assert [href for href, _ in items] == ["", "#id_name"]
    assert "Give at least one source" in items[0][1]
    assert items[1][1] == "Name — Give the name of the organization or person."


def test_a_link_in_an_error_is_not_nested_in_the_summary_link(client):
    make_profile("Harbor Literacy Fund")
    response = send_tip(client, name="Harbor Literacy Fund", category="non-profit", message="x")
    summary = parse(response).select_one(".error-summary")
    assert not summary.select("a a")
    assert "We already have a profile of Harbor Literacy Fund" in summary.get_text()


def test_a_form_as_first_shown_has_no_error_summary(client, profile):
    for url in [
        reverse("editorial:suggest_edit", args=[profile.slug]),
        reverse("editorial:report_error", args=[profile.slug]),
        reverse("editorial:tip_new"),
    ]:
        assert not parse(client.get(url)).select(".error-summary"), url
