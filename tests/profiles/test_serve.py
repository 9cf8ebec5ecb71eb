"""`manage.py serve` (what `make run` runs): the web server and the task worker start together and
Ctrl-C stops both, their auto-reloaders included."""

import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import answers, database_url, free_port, wait_for

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def command_lines():
    """{pid: (parent pid, command line)} of every process on the machine."""
    processes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        processes[int(entry.name)] = (parent, command)
    return processes


def descendants(pid):
    processes = command_lines()
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, command) in processes.items():
            if ppid == parent and child not in found:
                found[child] = command
                frontier.append(child)
    return found


# Transactional: no transaction of the test's holds SQLite's write lock against the worker.
@pytest.mark.django_db(transaction=True)
def test_serve_starts_the_web_server_and_the_worker_and_ctrl_c_stops_both():
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "SOURCEBOOK_TASK_BACKEND": "database"}
    serve = subprocess.Popen(
        [sys.executable, MANAGE, "serve", f"127.0.0.1:{port}", "--no-schedule"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/"), 60, "The web server never answered.")
        children = descendants(serve.pid)
        commands = list(children.values())
        assert any(" runserver " in f"{c} " for c in commands), commands
        assert any(" db_worker" in c for c in commands), commands
        # Each with its auto-reloader's child: four processes in all.
        assert len(children) == 4, commands

        serve.send_signal(signal.SIGINT)
        output, _ = serve.communicate(timeout=30)
    finally:
        if serve.poll() is None:
            serve.kill()
    assert serve.returncode == 0, output
    assert "Starting the web server" in output and "Starting the task worker" in output
    assert "Stopped." in output
    wait_for(
        lambda: not (set(children) & set(command_lines())),
        15,
        f"Processes left running after Ctrl-C: {children}",
    )


@pytest.mark.django_db(transaction=True)
def test_serve_stops_the_web_server_when_the_worker_dies():
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "SOURCEBOOK_TASK_BACKEND": "database"}
    serve = subprocess.Popen(
        [sys.executable, MANAGE, "serve", f"127.0.0.1:{port}", "--no-schedule", "--noreload"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/"), 60, "The web server never answered.")
        children = descendants(serve.pid)
        worker = next(pid for pid, command in children.items() if "db_worker" in command)
        os.kill(worker, signal.SIGKILL)
        output, _ = serve.communicate(timeout=30)
    finally:
        if serve.poll() is None:
            serve.kill()
    assert serve.returncode != 0
    assert "The task worker stopped" in output
    assert not answers(f"http://127.0.0.1:{port}/")


def fetch(url):
    """(status, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.django_db(transaction=True)
def test_the_demo_answers_a_wrong_address_with_the_sites_own_page_and_serves_its_styles():
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "SOURCEBOOK_TASK_BACKEND": "immediate"}
    env.pop("DJANGO_DEBUG", None)
    serve = subprocess.Popen(
        [sys.executable, MANAGE, "serve", f"127.0.0.1:{port}", "--no-schedule", "--noreload"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(f"{base}/"), 90, "The web server never answered.")
        status, page = fetch(f"{base}/no-such-page/")
        assert status == 404
        assert "We could not find that page" in page
        assert "URLconf" not in page and "technical" not in page.lower()
        status, page = fetch(f"{base}/profiles/nobody-by-that-name/")
        assert status == 404 and "We could not find that page" in page
        _, home = fetch(f"{base}/")
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
        assert stylesheets, "the home page links its styles"
        for href in stylesheets:
            assert fetch(f"{base}{href}")[0] == 200, href
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
