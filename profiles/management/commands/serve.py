"""`manage.py serve`: the development web server and the task worker, started and stopped together.

`make run` uses it. Each child runs in its own process group, so stopping one also stops the
processes it started itself (runserver's and db_worker's auto-reloaders). Ctrl-C (SIGINT) or
SIGTERM stops both; if either child exits, the other is stopped too, so there is never a
web server without its worker, nor a worker left behind.

The demo runs with debug off, as the site does in production: a wrong address gets the site's
own "not found" page, not Django's technical one, and errors are logged to the console. It
collects the static files first (WhiteNoise serves them from there), keeps a secret key of its
own in var/, and allows plain HTTP. DJANGO_DEBUG=true (or any of those variables set) wins.
"""

import os
import secrets
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from profiles import schedule

STOP_SECONDS = 10  # how long a child may take to stop before it is killed


def worker_command():
    """The worker for the configured task backend, or None when tasks run immediately."""
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    if settings.TASK_BACKEND == "database":
        return [*manage, "db_worker"]
    if settings.TASK_BACKEND == "rq":
        return [*manage, "rqworker", "--job-class", "django_tasks_rq.Job", "--with-scheduler"]
    return None


def demo_environment(addrport, environ=os.environ):
    """The children's environment: debug off, with what a production setting would demand
    filled in for a local demo, unless the caller set it."""
    host = addrport.rpartition(":")[0] or "127.0.0.1"
    listens_everywhere = host in ("0.0.0.0", "[::]", "::")
    defaults = {
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "*" if listens_everywhere else f"localhost,127.0.0.1,[::1],{host}",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "false",
        "DJANGO_HSTS_PRELOAD": "false",
    }
    env = {**defaults, **environ}
    if "DJANGO_SECRET_KEY" not in environ:
        env["DJANGO_SECRET_KEY"] = demo_secret_key()
    return env


def demo_secret_key():
    """A random key made once and kept in var/, so that logins outlast a restart."""
    path = settings.BASE_DIR / "var" / "demo-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


class Command(BaseCommand):
    help = "Run the web server and the task worker together; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="Do not restart on code changes."
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Do not start the recurring tasks (link checks, data dump, digests).",
        )

    def handle(self, *args, addrport, noreload=False, no_schedule=False, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        web = [*manage, "runserver", addrport, *(["--noreload"] if noreload else [])]
        commands = {"web server": web}
        worker = worker_command()
        if worker:
            commands["task worker"] = worker + (
                # Said outright: db_worker reloads by default only with debug on.
                (["--no-reload"] if noreload else ["--reload"]) if "db_worker" in worker else []
            )
        if not no_schedule:
            for chain, run_at in schedule.start_all():
                self.stdout.write(f"Scheduled {chain.description} from {run_at:%H:%M} UTC.")
        env = demo_environment(addrport)
        if env["DJANGO_DEBUG"].lower() in ("false", "0"):
            self.stdout.write("Collecting the static files (debug is off, as in production)...")
            self.stdout.flush()
            collect_static(env)
        children = {}
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for name, command in commands.items():
            self.stdout.write(f"Starting the {name}: {' '.join(command[1:])}")
            children[name] = subprocess.Popen(command, start_new_session=True, env=env)
        self.stdout.write(
            f"Serving on http://{addrport}/ (process {os.getpid()}); press Ctrl-C to stop."
        )
        self.stdout.flush()
        exited = None
        while not stopping and exited is None:
            exited = next(
                (name for name, child in children.items() if child.poll() is not None), None
            )
            time.sleep(0.2)
        if exited:
            self.stderr.write(f"The {exited} stopped (exit code {children[exited].returncode}).")
        self.stdout.write("Stopping the web server and the task worker...")
        stop_all(children.values())
        self.stdout.write("Stopped.")
        if exited:
            sys.exit(children[exited].returncode or 1)


def collect_static(env):
    """collectstatic in a child with the demo's settings (this process has debug's storage)."""
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)


def stop_all(children):
    """SIGINT each child's process group, then SIGKILL whatever is left after STOP_SECONDS."""
    for child in children:
        signal_group(child, signal.SIGINT)
    deadline = time.monotonic() + STOP_SECONDS
    for child in children:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for child in children:
        signal_group(child, signal.SIGKILL)
        child.wait()


def signal_group(child, signum):
    try:
        os.killpg(child.pid, signum)
    except ProcessLookupError:  # the group is gone already
        pass
