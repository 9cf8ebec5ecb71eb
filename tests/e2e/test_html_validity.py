"""The Nu Html Checker (npm vnu-jar, run with the machine's Java) on every public page: as shown,
every public form sent empty (its error state) and the preview of a suggestion. The admin's
review desk is Django's markup and is checked by axe only."""

import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.pages import prepare_pages
from tests.editorial.submitting import form_fields
from tests.html import parse

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


def sent_form(client, path, **changes):
    """The page that answers the form at path, sent as a browser would with the changes."""
    form = parse(client.get(path)).select_one("main form[method=post]")
    return client.post(form["action"], {**form_fields(form), **changes})


def test_every_public_page_form_error_and_preview_is_valid_html(client, tmp_path, web):
    call_command("load_demo", force=True, stdout=StringIO())
    pages = prepare_pages()
    responses = {}
    for name, path in pages.public:
        responses[name] = client.get(path)
        assert responses[name].status_code in {200, 404}, path
    for form in pages.forms:
        responses[f"{form.name}-errors"] = sent_form(client, form.path)
        assert b"invalid-feedback" in responses[f"{form.name}-errors"].content, form.name
    responses["suggest-preview"] = sent_form(
        client,
        pages.preview.path,
        location="Millrace, Riverton, Westmarch",
        message="The group moved its office to Millrace last year.",
    )
    assert b"Preview your suggestion" in responses["suggest-preview"].content
    # The new source box filled in from its page ("Fill in from the page").
    web.fixture_page("https://news.example/story/", "news_article_jsonld.html")
    responses["suggest-filled"] = sent_form(
        client,
        pages.preview.path,
        fill_source="source-0",
        **{"source-0-url": "https://news.example/story/"},
    )
    assert b"fill-note" in responses["suggest-filled"].content
    files = []
    for name, response in responses.items():
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(file)
    assert validate(files) == {}


def test_the_html_check_bites_on_a_broken_page(tmp_path):
    errors = validate([BROKEN_PAGE])
    assert len(errors["broken_page.html"]) >= 3
