"""An editor imports pages through the admin: upload, the dry run's report, confirm. Both
states are checked by axe and on a phone screen, and screenshotted at 1366 and 375 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_accessibility import blocking_violations
from tests.e2e.test_phone_layout import PHONE, layout_problems
from tests.profiles.importing import TEXT_PAGES

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 900}
FILES = [
    TEXT_PAGES / "bayside-dockworkers-local-14.txt",
    TEXT_PAGES / "harbor-tenants-alliance.txt",
    TEXT_PAGES / "harbor-tenants-alliance.subsections",
    TEXT_PAGES / "marisol-quenby.txt",
]


def check_both_sizes(page, screenshot, name):
    """No blocking axe violation, nothing off a phone screen; screenshots at both sizes."""
    page.set_viewport_size(DESKTOP)
    assert blocking_violations(page) == []
    screenshot(name)
    page.set_viewport_size(PHONE)
    assert layout_problems(page) == []
    screenshot(f"phone-{name}")
    page.set_viewport_size(DESKTOP)


def test_an_editor_checks_then_imports_text_pages(page, demo_site, editor, log_in, screenshot):
    log_in(editor)
    page.set_viewport_size(DESKTOP)
    page.goto(demo_site.url + reverse("admin:index"))
    screenshot("admin-index-import-pages", full_page=False)
    page.get_by_role("link", name="Import pages").click()
    expect(page.get_by_role("heading", name="Import pages")).to_be_visible()
    check_both_sizes(page, screenshot, "import-pages")

    page.get_by_label("Files", exact=True).set_input_files(FILES)
    page.get_by_label("Create missing categories, types and infobox labels").check()
    page.get_by_role("button", name="Check the files").click()
    expect(page.get_by_role("heading", name="What the import would do")).to_be_visible()
    expect(page.locator("tr.import-row")).to_have_count(3)
    check_both_sizes(page, screenshot, "import-pages-report")

    page.get_by_role("button", name="Import 3 pages").click()
    expect(page.get_by_text("3 pages were imported.")).to_be_visible()
    check_both_sizes(page, screenshot, "import-pages-done")

    page.goto(demo_site.url + "/profiles/harbor-tenants-alliance/")
    expect(page.locator("ol.reference-list > li")).to_have_count(11)
    expect(page.get_by_role("heading", name="2019 Housing Authority Sit-in")).to_be_visible()
    screenshot("imported-profile")
