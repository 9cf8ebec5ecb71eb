"""`manage.py serve`: the development web server and the task worker, started and stopped together.

`make run` uses it. Each child runs in its own process group, so stopping one also stops the
processes it started itself (runserver's and db_worker's auto-reloaders). Ctrl-C (SIGINT) or
SIGTERM stops both; if either child exits, the other is stopped too, so there is never a
web server without its worker, nor a worker left behind.
"""

import os
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
                ["--no-reload"] if noreload and "db_worker" in worker else []
            )
        if not no_schedule:
            for chain, run_at in schedule.start_all():
                self.stdout.write(f"Scheduled {chain.description} from {run_at:%H:%M} UTC.")
        children = {}
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for name, command in commands.items():
            self.stdout.write(f"Starting the {name}: {' '.join(command[1:])}")
            children[name] = subprocess.Popen(command, start_new_session=True)
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
