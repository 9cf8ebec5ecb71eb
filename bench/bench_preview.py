"""Time the editor's workspace preview of a profile with many citations, on SQLite.

Run: .venv/bin/python bench/bench_preview.py [--citations 60] [--runs 30]

Builds a throwaway database under var/bench/, a profile with that many cited sources, and posts
its workspace form to the preview endpoint as the page's script does (URL-encoded); prints the
median, p95 and fastest time of the whole request (rendering included), the median CPU time
(what a busy shared machine disturbs least) and its query count.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'preview.sqlite3'}")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from bs4 import BeautifulSoup  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402


def form_data(html):
    form = BeautifulSoup(html, "lxml").find("form", id="workspace-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.get("type") in {"submit", "button"}:
            continue
        if field.name == "textarea":
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            if chosen is not None:
                data[name] = chosen.get("value", "")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        else:
            data[name] = field.get("value", "")
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--citations", type=int, default=60)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model

    from editorial.permissions import editors_group
    from profiles.models import Category, Citation, Profile, Source
    from profiles.services import save_profile

    User = get_user_model()
    editor, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    editor.groups.add(editors_group())
    slug = f"bench-preview-{options.citations}"
    if not Profile.objects.filter(slug=slug).exists():
        body = "## Record\n\n" + "\n\n".join(
            f"Paragraph {n} states a fact about the group.[^s{n}]" for n in range(options.citations)
        )
        citations = [
            Citation(
                key=f"s{n}", source=Source(url=f"https://bench.example/p{n}/", title=f"Report {n}")
            )
            for n in range(options.citations)
        ]
        profile = Profile(
            name="Bench Preview Trust", slug=slug, category=Category.objects.first(),
            lead="A trust.[^s0]", body=body,
        )  # fmt: skip
        save_profile(profile, user=editor, comment="Benchmark.", citations=citations)
    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    data = form_data(client.get(reverse("profiles:edit", args=[slug])).content.decode())
    data["profile"] = str(Profile.objects.get(slug=slug).pk)
    url = reverse("profiles:workspace_preview")
    # As the page's script sends it: URL-encoded.
    body = urlencode(data, doseq=True)
    kind = "application/x-www-form-urlencoded"
    assert client.post(url, body, content_type=kind).json()["valid"]
    timings, cpu = [], []
    for _ in range(options.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.post(url, body, content_type=kind)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.post(url, body, content_type=kind)
    timings.sort()
    print(
        f"workspace preview, {options.citations} citations: median "
        f"{statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms, "
        f"fastest {timings[0]:.1f} ms; CPU median {statistics.median(cpu):.1f} ms; "
        f"{len(queries)} queries"
    )


if __name__ == "__main__":
    main()
