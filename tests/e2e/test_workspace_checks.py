"""The editor's workspace under the same checks as the public pages: axe, the Nu Html Checker
and a phone's width, each on the page as opened, with its errors, and filled in from a pasted
page (preview, citations and all)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.pages import FLAGSHIP_SLUG
from tests.e2e.test_accessibility import blocking_violations
from tests.e2e.test_html_validity import validate
from tests.e2e.test_phone_layout import PHONE, layout_problems
from tests.html import parse
from tests.html_forms import form_data

NEW = reverse("profiles:new")
EDIT = reverse("profiles:edit", args=[FLAGSHIP_SLUG])
PASTED = (
    Path(__file__).resolve().parents[1] / "fixtures" / "import" / "text" / "marisol-quenby.txt"
).read_text(encoding="utf-8")


def open_states(page, base_url):
    """Open each state of the workspace in turn and yield its name once it shows."""
    for name, path in [("workspace-new", NEW), ("workspace-edit", EDIT)]:
        page.goto(base_url + path)
        yield name
    page.goto(base_url + NEW)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#error-summary")).to_be_visible()
    yield "workspace-errors"
    page.goto(base_url + NEW)
    page.get_by_label("A profile page copied as text").fill(PASTED)
    page.get_by_role("button", name="Fill in the form from this page").click()
    expect(page.locator("#preview .reference-list")).to_be_visible()
    yield "workspace-pasted"


@pytest.mark.django_db(transaction=True)
def test_the_workspace_has_no_serious_or_critical_accessibility_violation(page, demo_site, log_in):
    log_in(make_user("wren", staff=True, editor=True))
    found = {name: blocking_violations(page) for name in open_states(page, demo_site.url)}
    assert {name: violations for name, violations in found.items() if violations} == {}


@pytest.mark.django_db(transaction=True)
def test_the_workspace_fits_a_phone_screen(page, demo_site, log_in, screenshot):
    log_in(make_user("wren", staff=True, editor=True))
    page.set_viewport_size(PHONE)
    found = {}
    for name in open_states(page, demo_site.url):
        found[name] = layout_problems(page)
        screenshot(f"phone-{name}")
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.django_db
def test_the_workspace_is_valid_html(client, tmp_path):
    call_command("load_demo", force=True, stdout=StringIO())
    client.force_login(make_user("wren", staff=True, editor=True))
    responses = {"new": client.get(NEW), "edit": client.get(EDIT)}
    form = parse(responses["new"]).find("form", id="workspace-form")
    responses["errors"] = client.post(NEW, {**form_data(form), "publish": ["1"]})
    assert b"error-summary" in responses["errors"].content
    responses["pasted"] = client.post(
        NEW, {**form_data(form), "pasted_page": [PASTED], "paste": ["1"]}
    )
    assert b"reference-list" in responses["pasted"].content
    files = []
    for name, response in responses.items():
        file = tmp_path / f"workspace-{name}.html"
        file.write_bytes(response.content)
        files.append(file)
    assert validate(files) == {}
