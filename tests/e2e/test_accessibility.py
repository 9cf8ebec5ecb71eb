"""axe-core (bundled by axe-playwright-python, nothing downloaded) on every page people use:
the public pages, every public form as shown and with its errors, the suggestion preview, the
tracking page, and the editors' review desk."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.pages import prepare_pages

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING_IMPACTS = {"serious", "critical"}
BROKEN_PAGE = Path(__file__).parent / "fixtures" / "broken_page.html"


def blocking_violations(page):
    seen = len(page.csp_violations)
    results = Axe().run(page)
    # axe's css-orientation-lock rule copies a stylesheet that @imports another (the admin's
    # forms.css) into a <style> element, which the CSP blocks: that is axe's doing, not the
    # page's, so those messages are dropped; any other violation still fails the test.
    page.csp_violations[seen:] = [
        message
        for message in page.csp_violations[seen:]
        if not message.startswith("Applying inline style violates")
    ]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def violations_on(page, url, pages):
    """{name: violations} of each (name, path) in pages, opened in turn."""
    found = {}
    for name, path in pages:
        page.goto(url + path)
        violations = blocking_violations(page)
        if violations:
            found[name] = violations
    return found


def test_every_public_page_has_no_serious_or_critical_accessibility_violation(page, demo_site):
    pages = prepare_pages()
    assert violations_on(page, demo_site.url, pages.public) == {}


def test_the_reading_pages_in_the_dark_colour_scheme_have_no_serious_violation(page, demo_site):
    """Contrast above all: the dark scheme has colours of its own (static/css/sourcebook.css)."""
    pages = prepare_pages()
    page.emulate_media(color_scheme="dark")
    page.goto(demo_site.url + pages.dark[0][1])
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert violations_on(page, demo_site.url, pages.dark) == {}


def test_every_public_form_sent_empty_shows_its_errors_accessibly(page, demo_site):
    pages = prepare_pages()
    found = {}
    for form in pages.forms:
        page.goto(demo_site.url + form.path)
        page.get_by_role("button", name=form.button).click()
        expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
        violations = blocking_violations(page)
        if violations:
            found[form.name] = violations
    assert found == {}


def test_the_preview_of_a_suggestion_has_no_serious_or_critical_accessibility_violation(
    page, demo_site
):
    pages = prepare_pages()
    page.goto(demo_site.url + pages.preview.path)
    location = page.get_by_label("Location")
    location.fill(location.input_value() + ", Eastside")
    page.get_by_label("What is wrong, and where does the new information come from?").fill(
        "The group moved its office to Eastside last year."
    )
    page.get_by_role("button", name=pages.preview.button).click()
    expect(page.get_by_role("heading", name="Preview your suggestion")).to_be_visible()
    page.get_by_text("Keep editing").click()  # the form again, folded under the preview
    expect(page.get_by_role("button", name="Update the preview")).to_be_visible()
    assert blocking_violations(page) == []


def test_the_review_desk_has_no_serious_or_critical_accessibility_violation(
    page, demo_site, editor, log_in
):
    pages = prepare_pages()
    log_in(editor)
    found = violations_on(page, demo_site.url, pages.editor)
    # Approving without choosing what to keep of the conflict shows the form's error state.
    page.goto(demo_site.url + dict(pages.editor)["review-conflict"])
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Choose what to keep of this passage").first).to_be_visible()
    found["review-conflict-error"] = blocking_violations(page)
    assert {name: violations for name, violations in found.items() if violations} == {}


def test_the_accessibility_check_bites_on_a_broken_page(page):
    page.set_content(BROKEN_PAGE.read_text())
    violations = " ".join(blocking_violations(page))
    for rule in ("image-alt", "label", "link-name", "color-contrast"):
        assert rule in violations
