"""Sourcebook in a child process, for tests that need a real server (or several) on the
test database: `manage.py serve`, gunicorn workers sharing a page cache, nginx in front."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database, as DATABASE_URL for a child process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    login = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{login}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, seconds, message):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(message)


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def gunicorn(var_dir, *, workers=1, env=None):
    """The address of Sourcebook under gunicorn on the test database, its var/ (and so its
    file page cache) in ``var_dir``."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SOURCEBOOK_VAR_DIR": str(var_dir),
        "SOURCEBOOK_TASK_BACKEND": "immediate",
        **(env or {}),
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--chdir", str(settings.BASE_DIR)]
    server = subprocess.Popen(command, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(url + "/"), 60, "gunicorn never answered.")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
