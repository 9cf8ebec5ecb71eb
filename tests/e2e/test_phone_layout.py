"""At 375 x 812 (a small phone) pages do not scroll sideways and every control is reachable."""

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import prepare_pages

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}

OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  for (const el of document.querySelectorAll('a, button, input, select, textarea, summary')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const hidden = box.width === 0 || style.visibility === 'hidden'
      || el.closest('.visually-hidden, .visually-hidden-focusable, [aria-hidden="true"]');
    const outside = box.left < -1 || box.right > width + 1;
    if (!hidden && outside) offenders.push(el.outerHTML.slice(0, 80));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, offenders};
}"""


def layout_problems(page):
    result = page.evaluate(OVERFLOW_SCRIPT)
    problems = list(result["offenders"])
    if result["scrollWidth"] > result["width"]:
        problems.append(f"page is {result['scrollWidth']}px wide in a {result['width']}px screen")
    return problems


def test_public_pages_fit_a_phone_screen(page, demo_site, screenshot):
    pages = prepare_pages()
    page.set_viewport_size(PHONE)
    found = {}
    for name, path in pages.public:
        page.goto(demo_site.url + path)
        problems = layout_problems(page)
        if problems:
            found[name] = problems
        if name in {"profile", "history", "diff", "suggest-section", "open-data", "follow"}:
            screenshot(f"phone-{name}")
    assert found == {}


def test_public_forms_with_their_errors_and_the_preview_fit_a_phone_screen(
    page, demo_site, screenshot
):
    pages = prepare_pages()
    page.set_viewport_size(PHONE)
    found = {}
    for form in pages.forms:
        page.goto(demo_site.url + form.path)
        page.get_by_role("button", name=form.button).click()
        expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
        problems = layout_problems(page)
        if problems:
            found[form.name] = problems
    screenshot("phone-tip-errors")

    page.goto(demo_site.url + pages.preview.path)
    page.get_by_label("Location").fill("Millrace, Riverton, Westmarch")
    page.get_by_label("What is wrong, and where does the new information come from?").fill(
        "The group moved its office to Millrace last year."
    )
    page.get_by_role("button", name=pages.preview.button).click()
    page.get_by_text("Keep editing").click()  # the form again, folded under the preview
    expect(page.get_by_role("button", name="Update the preview")).to_be_visible()
    found["suggest-preview"] = layout_problems(page)
    screenshot("phone-suggest-preview")
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_the_phone_check_bites_on_a_page_wider_than_the_screen(page):
    page.set_viewport_size(PHONE)
    page.set_content(
        '<div style="width:900px"><a href="/x">link</a>'
        '<button style="margin-left:700px">far right</button></div>'
    )
    assert len(layout_problems(page)) >= 2
