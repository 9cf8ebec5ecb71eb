"""axe-core (bundled by axe-playwright-python, nothing downloaded) on every public page."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.pages import public_pages

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING_IMPACTS = {"serious", "critical"}
BROKEN_PAGE = Path(__file__).parent / "fixtures" / "broken_page.html"


def blocking_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def test_every_public_page_has_no_serious_or_critical_accessibility_violation(page, demo_site):
    found = {}
    for name, path in public_pages():
        page.goto(demo_site.url + path)
        violations = blocking_violations(page)
        if violations:
            found[name] = violations
    assert found == {}


def test_the_accessibility_check_bites_on_a_broken_page(page):
    page.set_content(BROKEN_PAGE.read_text())
    violations = " ".join(blocking_violations(page))
    for rule in ("image-alt", "label", "link-name", "color-contrast"):
        assert rule in violations
