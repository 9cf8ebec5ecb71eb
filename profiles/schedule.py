"""Tasks that come back by themselves: the link-check sweep, the data dump, the digests.

Each such task is a chain: when it runs it takes its turn (the RecurringTask row named after it
says when the next run is due), does its work, and enqueues itself again for ``every`` later
(``run_after``). Starting a chain twice (two `make run`, a restart) enqueues a second copy; the
copy that finds it is not its turn yet stops, so one chain survives. A lost chain (a flushed
queue) is carried on by the next start.

Apps register their chains in their AppConfig.ready(); `start_all()` starts every one of them
(`make run` and `manage.py start_schedule` call it).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from profiles.models import RecurringTask

# The successor enqueued for next_run_at may start a little early.
SLACK = timedelta(minutes=5)
SKIPPED = {"skipped": "another run is scheduled"}


@dataclass(frozen=True)
class Chain:
    task: object  # a django_tasks Task taking no arguments
    every: object  # a function returning a timedelta (so that settings are read late)
    description: str

    @property
    def name(self):
        return self.task.module_path


CHAINS = {}


def register(task, *, every, description):
    chain = Chain(task, every, description)
    CHAINS[chain.name] = chain
    return chain


def take_turn(task, every, *, now):
    """True, and the next run booked for ``every`` from now, if this run is the chain's turn."""
    with transaction.atomic():
        schedule, created = RecurringTask.objects.select_for_update().get_or_create(
            name=task.module_path, defaults={"next_run_at": now}
        )
        if not created and schedule.next_run_at - now > SLACK:
            return False
        schedule.next_run_at = now + every
        schedule.save()
    return True


def come_back(task, every, *, now):
    """Enqueue the chain's next run. A backend that runs tasks at once (the tests') cannot
    wait, so the chain ends there."""
    if default_task_backend.supports_defer:
        task.using(run_after=now + every).enqueue()


def run_turn(task, every, work):
    """The body of a chain's task: if it is its turn, do ``work(now)`` and come back in
    ``every``; returns what the work returned, or SKIPPED."""
    now = timezone.now()
    if not take_turn(task, every, now=now):
        return SKIPPED
    result = work(now)
    come_back(task, every, now=now)
    return result


def start(task):
    """Make sure the chain runs: enqueue a run for when the next is due (now, if never).
    Returns when it will run."""
    now = timezone.now()
    schedule = RecurringTask.objects.filter(name=task.module_path).first()
    run_at = max(schedule.next_run_at, now) if schedule else now
    run = task
    if run_at > now and default_task_backend.supports_defer:
        run = task.using(run_after=run_at)
    transaction.on_commit(run.enqueue)
    return run_at


def start_all():
    """Start every registered chain; returns [(chain, when it runs next)]."""
    return [(chain, start(chain.task)) for chain in CHAINS.values()]
