"""Requests a second, p99 latency and server CPU per request of Sourcebook's pages under load,
each as a ratio to a floor, all measured in one run.

    .venv/bin/python bench/bench_http.py [--seconds 5] [--rounds 3] [--connections 8 32]

It builds a throwaway SQLite database under var/bench/ with a profile of the reference page's
shape (4 sections, 22 footnotes citing 12 sources, 39 markers, 4 revisions) among 500 generated
ones, and starts, each under gunicorn with 2 sync workers and DEBUG off:

- Sourcebook with its page cache (the "cached" rows),
- Sourcebook with the page cache turned off (SOURCEBOOK_PAGE_CACHE=false: the "uncached" rows),
- the floor (bench/floor_app.py): a saved copy of the profile page, returned from memory through
  Django's default middleware.

Then wrk (apt-get install wrk) loads each page in turn at each connection count, alternating
them over the rounds so that a noisy moment hurts them all alike, and prints the median of the
rounds: requests a second, p99, server CPU per request (the gunicorn processes' own time, from
/proc) and the ratio to the floor's requests a second at the same connection count. Last, the
memory (PSS) of each server's two workers after the load.

Compare the ratios, not the absolute figures: the machine is shared and noisy.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "http.sqlite3"
FLOOR_PAGE = BENCH_DIR / "floor.html"
SLUG = "harbor-valley-tenants-federation"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "bench-http-only-not-a-secret",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback, as behind a proxy
    "DATABASE_URL": f"sqlite:///{DATABASE}",
    "SOURCEBOOK_VAR_DIR": str(BENCH_DIR / "var"),
    "PYTHONDONTWRITEBYTECODE": "",
}


# The content ---------------------------------------------------------------------------------


def setup_django():
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.update({**SERVER_ENV, "DJANGO_DEBUG": "true"})
    import django

    django.setup()


def build_content():
    """The database: migrated, 500 generated profiles, and the reference-shaped one."""
    from django.core.management import call_command
    from generate_profiles import generate

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    generate(500)
    return reference_shaped_profile()


def reference_shaped_profile():
    """4 sections, 22 footnotes (citation keys) citing 12 sources, 39 markers, 4 revisions."""
    from datetime import date

    from profiles.models import Category, Citation, Fact, FactLabel, Profile, Source
    from profiles.services import save_profile

    sources = [
        Source(
            url=f"https://valley-ledger.example/{2015 + n % 8}/story-{n}/",
            title=f"Tenants in the valley, part {n + 1}",
            authors="Rowan Aske" if n % 2 else "",
            publication="Valley Ledger" if n % 3 else "Harbor Courier",
            published_date=date(2015 + n % 8, 1 + n % 12, 1 + n % 27),
        )
        for n in range(12)
    ]
    keys = [f"note-{n + 1}" for n in range(22)]
    citations = [
        Citation(key=key, source=sources[n % 12], accessed=date(2023, 3, 2), pinpoint="")
        for n, key in enumerate(keys)
    ]
    markers = iter([*keys, *keys[:17]])  # 39 markers: every key once, 17 of them twice

    def sentences(count, words):
        return " ".join(
            f"{words} number {n + 1} is stated here.[^{next(markers)}]" for n in range(count)
        )

    lead = sentences(3, "The federation's aim")
    sections = [
        ("Background", 8),
        ("Campaigns", 10),
        ("Funding", 9),
        ("Leadership", 9),
    ]
    body = "\n\n".join(
        f"## {title}\n\n{sentences(count // 2, title)}\n\n{sentences(count - count // 2, title)}"
        for title, count in sections
    )
    labels = {label.name: label for label in FactLabel.objects.all()}
    facts = [
        Fact(label=labels["Formation"], value="2011", position=0),
        Fact(label=labels["Founders"], value="Marta Quill", position=1),
        Fact(label=labels["Website"], value="https://hvtf.example/", position=2),
    ]
    profile = Profile(
        name="Harbor Valley Tenants Federation",
        slug=SLUG,
        category=Category.objects.get(slug="non-profit"),
        location="Harbor Valley, Westmarch",
        lead=lead,
        body=body,
        published=True,
    )
    revisions = []
    for number in range(4):
        profile.lead = lead + ("" if number == 0 else f" Revised {number} times.")
        saved = save_profile(
            profile,
            user=None,
            comment=f"Revision {number + 1}.",
            facts=facts if number == 0 else None,
            citations=citations if number == 0 else None,
        )
        profile = saved.profile
        revisions.append(saved.revision.pk)
    return revisions


def collect_static():
    """The hashed static files that DEBUG off serves (WhiteNoise's manifest)."""
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v0"],
        env={**os.environ, **SERVER_ENV},
        check=True,
    )


# Servers -------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name, app, env, chdir=ROOT):
        self.name, self.port = name, free_port()
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            app,
            "--chdir",
            str(chdir),
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, env={**os.environ, **env})
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"{name} did not start on port {self.port}.")

    def pids(self):
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        return [self.process.pid, *map(int, children)]

    def workers(self):
        return self.pids()[1:]

    def cpu_seconds(self):
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS

    def pss_mb(self):
        total = 0
        for pid in self.workers():
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", text, re.M).group(1))
        return total / 1024

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def sourcebook(name, *, page_cache):
    env = {**SERVER_ENV, "SOURCEBOOK_PAGE_CACHE": "true" if page_cache else "false"}
    return Server(name, "config.wsgi", env)


# Load ----------------------------------------------------------------------------------------


def wrk(url, connections, seconds):
    """(requests a second, p99 in ms, requests) of one wrk run."""
    threads = min(2, connections)
    result = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", result)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    requests = int(re.search(r"(\d+) requests in", result).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    if errors:
        raise SystemExit(f"{url} answered {errors.group(1)} requests with an error.")
    return rate, float(p99.group(1)) * scale, requests


def measure(server, path, connections, seconds):
    urllib.request.urlopen(server.url + path, timeout=10).read()  # warm: the first render
    before = server.cpu_seconds()
    rate, p99, requests = wrk(server.url + path, connections, seconds)
    cpu_ms = (server.cpu_seconds() - before) * 1000 / max(requests, 1)
    return rate, p99, cpu_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 32])
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    collect_static()
    setup_django()
    first, *_, last = build_content()
    from django.test import Client

    FLOOR_PAGE.write_bytes(Client(HTTP_HOST="localhost").get(f"/profiles/{SLUG}/").content)

    pages = {
        "profile": f"/profiles/{SLUG}/",
        "history": f"/profiles/{SLUG}/history/",
        "diff": f"/profiles/{SLUG}/diff/?from={first}&to={last}",
        "search": "/search/?q=housing",
        "home": "/",
    }
    servers = {
        "floor": Server("floor", "floor_app", {"FLOOR_PAGE": str(FLOOR_PAGE)}, ROOT / "bench"),
        "cached": sourcebook("cached", page_cache=True),
        "uncached": sourcebook("uncached", page_cache=False),
    }
    targets = [("floor", "floor", "/")] + [
        (f"{page} {mode}", mode, path)
        for page, path in pages.items()
        for mode in ("cached", "uncached")
    ]
    results = {}
    try:
        for _ in range(options.rounds):
            for connections in options.connections:
                for name, server, path in targets:
                    figures = measure(servers[server], path, connections, options.seconds)
                    results.setdefault((name, connections), []).append(figures)
        memory = {name: server.pss_mb() for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.stop()
    report(results, targets, options.connections, memory)


def report(results, targets, connection_counts, memory):
    print(f"{'page':<18}{'conns':>6}{'req/s':>9}{'p99 ms':>9}{'CPU ms':>9}{'x floor':>9}")
    for connections in connection_counts:
        floor = statistics.median(rate for rate, _, _ in results[("floor", connections)])
        for name, _, _ in targets:
            runs = results[(name, connections)]
            rate = statistics.median(r for r, _, _ in runs)
            p99 = statistics.median(p for _, p, _ in runs)
            cpu = statistics.median(c for _, _, c in runs)
            print(
                f"{name:<18}{connections:>6}{rate:>9.0f}{p99:>9.1f}{cpu:>9.2f}{rate / floor:>9.3f}"
            )
    print(
        "PSS of the two workers after the load: "
        + ", ".join(f"{name} {mb:.0f} MB" for name, mb in memory.items())
    )


if __name__ == "__main__":
    main()
