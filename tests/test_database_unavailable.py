"""With the database stopped, pages answer 503 in the site's style, the API in JSON, and a
contributor sees what they wrote."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in a process of its own, whose database is a PostgreSQL server nobody listens on.
SCRIPT = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import override_settings
# Production settings but for the static files' manifest, which only collectstatic writes.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client(raise_request_exception=False)
results = {}
for name, response in [
    ("home", client.get("/")),
    ("api", client.get("/api/profiles/")),
    ("post", client.post("/profiles/harbor-fund/report/send/", {
        "message": "The founding year is 2004, as the charter says.",
        "contributor_name": "Jordan",
    })),
]:
    results[name] = {
        "status": response.status_code,
        "type": response["Content-Type"],
        "retry": response.get("Retry-After"),
        "body": response.content.decode(),
    }
print(json.dumps(results))
"""


def run_without_database():
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/stopped",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=environment, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_stopped_database_gives_503s_in_the_sites_style_json_for_the_api_and_kept_text():
    results = run_without_database()
    home = results["home"]
    assert (home["status"], home["retry"]) == (503, "30")
    assert "Sourcebook is back in a moment" in home["body"]
    assert 'href="/static/' in home["body"] or "/static/" in home["body"], "the site's own page"

    api = results["api"]
    assert (api["status"], api["type"], api["retry"]) == (503, "application/json", "30")
    assert json.loads(api["body"])["status"] == 503

    sent = results["post"]
    assert sent["status"] == 503
    assert "What you wrote was not saved" in sent["body"]
    assert "The founding year is 2004, as the charter says." in sent["body"]
