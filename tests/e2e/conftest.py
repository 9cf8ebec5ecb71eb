"""Real-browser tests: Playwright drives Debian's Chromium against the live test server.

A missing browser fails these tests; it never skips them.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

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


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take


def pytest_collection_modifyitems(items):
    """Everything in tests/e2e is a browser test, so `make test` leaves it to `make e2e`."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
