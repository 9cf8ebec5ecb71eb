"""The Nu Html Checker (npm vnu-jar, run with the machine's Java) on every public page."""

import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.pages import public_pages

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN_PAGE = Path(__file__).parent / "fixtures" / "broken_page.html"


def validate(paths):
    """Return {file name: [error messages]} for the HTML files, checked in one Java run."""
    if not shutil.which("java"):
        pytest.fail("Java is needed for the HTML checker: apt-get install default-jre-headless.")
    if not VNU.exists():
        pytest.fail("The HTML checker is missing: run `npm ci` in the project folder.")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = {}
    for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
        name = Path(message.get("url", "?")).name
        errors.setdefault(name, []).append(f"{message.get('lastLine')}: {message['message']}")
    return errors


def test_every_public_page_is_valid_html(client, tmp_path):
    call_command("load_demo", force=True, stdout=StringIO())
    files = []
    for name, path in public_pages():
        response = client.get(path)
        assert response.status_code in {200, 404}, path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(file)
    assert validate(files) == {}


def test_the_html_check_bites_on_a_broken_page(tmp_path):
    errors = validate([BROKEN_PAGE])
    assert len(errors["broken_page.html"]) >= 3
