"""Background work, through Django's tasks interface (the django-tasks backport).

The database backend (django-tasks-db, `manage.py db_worker`) runs these by default; in
production the RQ backend (django-tasks-rq, `manage.py rqworker`) runs them on Redis, chosen by
SOURCEBOOK_TASK_BACKEND (see config/settings.py). Tests run them immediately.

The schedule: ``check_due_sources`` queues the checks that are due and enqueues itself again
for LINK_CHECK_SWEEP_HOURS later (``run_after``), so every source is checked again every
LINK_CHECK_EVERY_DAYS. `make run` (the `serve` command) and `check_sources --schedule` start it.
A chain started twice (a restart) does not run twice: the RecurringTask row says when the next
sweep is due, and a sweep that comes early stops without enqueueing a successor.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from profiles import linkcheck
from profiles.models import RecurringTask

SWEEP = "profiles.tasks.check_due_sources"


@task()
def check_source_links(source_ids):
    """Check a batch of sources' addresses; return the tally of their new states."""
    return linkcheck.check_sources(source_ids)


def queue_checks(sources, *, limit=None):
    """Enqueue link checks of these sources (a queryset), in batches; return the TaskResults."""
    rows = list(
        sources.values_list("pk", "url")[:limit] if limit else sources.values_list("pk", "url")
    )
    batches = linkcheck.in_batches(rows, settings.LINK_CHECK_BATCH_SIZE)
    return [check_source_links.enqueue(batch) for batch in batches]


@task()
def check_due_sources():
    """Queue the checks that are due, then come back in LINK_CHECK_SWEEP_HOURS."""
    now = timezone.now()
    every = timedelta(hours=settings.LINK_CHECK_SWEEP_HOURS)
    with transaction.atomic():
        schedule, created = RecurringTask.objects.select_for_update().get_or_create(
            name=SWEEP, defaults={"next_run_at": now}
        )
        # A few minutes' slack: the successor enqueued for next_run_at may start a little early.
        if not created and schedule.next_run_at - now > timedelta(minutes=5):
            return {"queued": 0, "skipped": "another sweep is scheduled"}
        schedule.next_run_at = now + every
        schedule.save()
    results = queue_checks(linkcheck.due_sources(now=now), limit=settings.LINK_CHECK_SWEEP_LIMIT)
    # A backend that runs tasks at once (the tests') cannot wait: the chain ends there.
    if default_task_backend.supports_defer:
        check_due_sources.using(run_after=now + every).enqueue()
    return {"queued": sum(len(result.args[0]) for result in results)}


def start_schedule():
    """Make sure the sweep runs: enqueue one for when the next is due (now, if never).

    Safe to call at every start: if a chain is alive, its sweep and this one are due at the
    same time, the first to run takes the turn and the other stops; if the chain was lost (a
    flushed queue), this one carries on. Returns when it will run.
    """
    now = timezone.now()
    schedule = RecurringTask.objects.filter(name=SWEEP).first()
    run_at = max(schedule.next_run_at, now) if schedule else now
    sweep = check_due_sources
    if run_at > now and default_task_backend.supports_defer:
        sweep = check_due_sources.using(run_after=run_at)
    transaction.on_commit(sweep.enqueue)
    return run_at
