"""Benchmark the history pages: prints figures, asserts nothing.

    .venv/bin/python bench/bench_history.py [--revisions 5000] [--runs 20]

Measures, on a fresh throw-away database (SQLite in a temporary directory, or the database in
BENCH_DATABASE_URL, which it migrates and fills, so never point it at real data):

- the diff of two 11 KB bodies with 20 changed paragraphs: diff_text() alone, the whole
  profile diff rendered with its template, and the diff page through the test client;
- the history page of a profile with 5,000 revisions: the first and the last page.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(workdir):
    os.environ["SOURCEBOOK_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client talk to "testserver"
    call_command("migrate", verbosity=0)


WORDS = (
    "tenants organized committees buildings rent repairs council ordinance funding grants "
    "landlord hearing counsel eviction housing campaign members filing report budget city "
    "volunteers office district measure ballot coalition network director board staff"
).split()


def paragraph(rng, length=270):
    words = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def bodies(rng, paragraphs=40, changed=20):
    """Two bodies of about 11 KB; ``changed`` paragraphs differ by a few words each."""
    old = [paragraph(rng) for _ in range(paragraphs)]
    new = list(old)
    for index in rng.sample(range(paragraphs), changed):
        words = new[index].split()
        for _ in range(4):
            words[rng.randrange(len(words))] = rng.choice(WORDS).upper()
        new[index] = " ".join(words)
    sections = lambda paras: "\n\n".join(  # noqa: E731
        (f"## Section {i // 8 + 1}\n\n" if i % 8 == 0 else "") + p for i, p in enumerate(paras)
    )
    return sections(old), sections(new)


def timed(function, runs):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times), result


def report(label, figures, extra=""):
    median, fastest, slowest, _ = figures
    print(f"{label:<62} median {median:8.1f} ms  (min {fastest:.1f}, max {slowest:.1f}){extra}")


def get_page(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def main(workdir):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    configure(workdir)

    from django.db import connection, transaction
    from django.template.loader import render_to_string
    from django.test import Client

    from profiles.diffs import diff_snapshots, diff_text, snapshot_of_profile
    from profiles.models import Category, Citation, Profile, Source
    from profiles.revisions import latest_revision, profile_versions
    from profiles.services import save_profile

    rng = random.Random(2026)
    old_body, new_body = bodies(rng)
    client = Client()
    print(f"Sourcebook history benchmark on {connection.vendor} ({workdir})")
    print(f"Bodies: {len(old_body):,} and {len(new_body):,} characters, 20 changed paragraphs")

    # Diffs -------------------------------------------------------------------------------
    rows = diff_text(old_body, new_body)
    changed = sum(row.kind == "changed" for row in rows)
    report(
        "diff_text() of the two bodies",
        timed(lambda: diff_text(old_body, new_body), options.runs),
        f"  {changed} changed rows",
    )

    profile = Profile(
        name="Benchmark Tenants Union",
        slug="benchmark-tenants-union",
        category=Category.objects.first(),
        lead="A benchmark profile.[^s0]",
        body=old_body + "".join(f" [^s{n}]" for n in range(10)),
    )
    citations = [
        Citation(key=f"s{n}", source=Source(title=f"Report {n}", url=f"https://bench.example/{n}/"))
        for n in range(10)
    ]
    save_profile(profile, user=None, comment="Benchmark profile.", citations=citations)
    first = latest_revision(profile).pk
    old_snapshot = snapshot_of_profile(profile)
    profile.body = new_body + "".join(f" [^s{n}]" for n in range(10))
    save_profile(profile, user=None, comment="Changed 20 paragraphs.")
    last = latest_revision(profile).pk
    new_snapshot = snapshot_of_profile(profile)

    def render_diff():
        diff = diff_snapshots(old_snapshot, new_snapshot)
        return render_to_string("profiles/_diff.html", {"diff": diff})

    report("diff_snapshots() + _diff.html rendered", timed(render_diff, options.runs))
    diff_url = f"/profiles/{profile.slug}/diff/?from={first}&to={last}"
    figures = timed(lambda: get_page(client, diff_url), options.runs)
    report("diff page (GET, two revisions)", figures, f"  {figures[3]} queries")

    # A long history ----------------------------------------------------------------------
    start = time.perf_counter()
    with transaction.atomic():
        for number in range(options.revisions - 2):
            profile.lead = f"A benchmark profile, edit {number}.[^s0]" + "x" * (number % 50)
            save_profile(profile, user=None, comment=f"Benchmark edit {number}.")
    # Statistics, as autovacuum (PostgreSQL) or a maintained database would have them: without
    # them PostgreSQL plans recent changes for an empty table.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    count = profile_versions(profile).count()
    print(f"Made {count:,} revisions of it in {time.perf_counter() - start:.1f} s (setup)")
    history_url = f"/profiles/{profile.slug}/history/"
    figures = timed(lambda: get_page(client, history_url), options.runs)
    report(
        f"history page 1 of a profile with {count:,} revisions", figures, f"  {figures[3]} queries"
    )
    last_page = (options.revisions + 49) // 50
    figures = timed(lambda: get_page(client, f"{history_url}?page={last_page}"), options.runs)
    report(f"history page {last_page} (the last)", figures, f"  {figures[3]} queries")
    figures = timed(lambda: get_page(client, "/recent/"), options.runs)
    report("recent changes page 1", figures, f"  {figures[3]} queries")


if __name__ == "__main__":
    scratch = tempfile.mkdtemp(prefix="sourcebook-bench-")
    try:
        main(scratch)
    finally:
        # The throw-away directory (and SQLite database, about 150 MB) goes with it.
        shutil.rmtree(scratch, ignore_errors=True)
