"""Time the public pages on the demo content, uncached, through Django's test client.

Run: .venv/bin/python bench/bench_pages.py [--repeat N]

It builds a throwaway SQLite database under var/bench/, loads the demo, warms up, then
reports the median and p95 per page and each page's ratio to the home page, measured in this
one run (the machine is shared and noisy, so compare ratios, not absolute times).
"""

import argparse
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'pages.sqlite3'}")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from demo import content as demo_content  # noqa: E402
from profiles.models import Source  # noqa: E402


def measure(client, path, repeat):
    client.get(path)  # warm up
    timings = []
    queries = []
    # A wrapper, not CaptureQueriesContext: each request resets Django's query log.
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(path)
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", force=True, stdout=StringIO())
    client = Client(HTTP_HOST="localhost")
    pages = {
        "home": "/",
        "browse": "/profiles/",
        "profile (long, 13 sources)": f"/profiles/{demo_content.PROFILES[0]['slug']}/",
        "profile (short)": f"/profiles/{demo_content.PROFILES[-1]['slug']}/",
        "source": f"/sources/{Source.objects.order_by('pk').first().pk}/",
    }
    results = {name: measure(client, path, args.repeat) for name, path in pages.items()}
    base = results["home"][0]
    print(f"{'page':30} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x home':>7}")
    for name, (median, p95, queries) in results.items():
        print(
            f"{name:30} {median * 1000:10.2f} {p95 * 1000:8.2f} {queries:8d} {median / base:7.2f}"
        )


if __name__ == "__main__":
    main()
