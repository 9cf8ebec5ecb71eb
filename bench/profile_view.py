"""Where an uncached page's time goes: cProfile over repeated requests, prints the top calls.

    .venv/bin/python bench/profile_view.py "/profiles/SLUG/diff/?from=701&to=704"
    .venv/bin/python bench/profile_view.py PATH [--requests 50] [--sort cumulative] [--top 40]

Reads the database bench/bench_http.py built (var/bench/http.sqlite3; run that first), with
the page cache's middleware off (as bench_http.py's "uncached" server) and DEBUG off. The first
request is left out: it fills the stored fragments and kept revisions every later one reuses.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time

from bench_http import ROOT, SERVER_ENV


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=40)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.update({**SERVER_ENV, "SOURCEBOOK_PAGE_CACHE": "false"})
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    assert client.get(options.path).status_code == 200
    connection.force_debug_cursor = True
    reset_queries()
    client.get(options.path)
    print(f"{len(connection.queries)} queries a request")
    connection.force_debug_cursor = False
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(options.requests):
        client.get(options.path)
    profiler.disable()
    elapsed = (time.perf_counter() - started) * 1000 / options.requests
    print(f"{elapsed:.2f} ms a request (under the profiler)")
    pstats.Stats(profiler).sort_stats(options.sort).print_stats(options.top)


if __name__ == "__main__":
    main()
