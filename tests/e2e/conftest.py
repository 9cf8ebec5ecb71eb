"""Real-browser tests: Playwright drives Debian's Chromium against the live test server.

A missing browser fails these tests; it never skips them.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made from the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    pytest.fail("Chromium is not installed: run `apt-get install -y chromium`.", pytrace=False)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_FLAGS}


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", force=True, stdout=StringIO())
    return live_server


def is_csp_violation(message):
    return "Content Security Policy" in message.text or "Content-Security-Policy" in message.text


@pytest.fixture
def page(page, request):
    """Playwright's page, giving up on a missing element after 10 s rather than 30, and failing
    the test if any page it opened broke the site's Content-Security-Policy."""
    page.set_default_timeout(10_000)
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if is_csp_violation(message) else None,
    )
    page.csp_violations = violations
    yield page
    if "allows_csp_violations" not in request.keywords:
        assert violations == [], "Content-Security-Policy violations in the console"


@pytest.fixture(autouse=True)
def forms_accept_quick_senders(settings):
    """A browser sends a form faster than any person, and these tests send many: without this
    their suggestions would be quarantined as spam (minimum fill time) or refused (rate limits).
    The live server runs in this process, so it sees the override; tests/editorial keep
    checking both controls with the real settings."""
    settings.EDITORIAL_MIN_FILL_SECONDS = 0
    settings.EDITORIAL_RATE_LIMITS = [(60, 1000)]
    settings.EDITORIAL_PREVIEW_RATE_LIMITS = [(60, 1000)]


@pytest.fixture
def log_in(page, live_server):
    """Log a user (made by tests.conftest.make_user) in through the admin's login form."""

    def log_in(user):
        page.goto(live_server.url + reverse("admin:login"))
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill("password")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()

    return log_in


@pytest.fixture
def screenshot(page):
    """Save the page as screenshots/<name>.png: the whole page, or only what the window shows."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name, *, full_page=True):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)

    return take


def pytest_collection_modifyitems(items):
    """Everything in tests/e2e is a browser test, so `make test` leaves it to `make e2e`."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
