"""Background work, through Django's tasks interface (the django-tasks backport).

The database backend (django-tasks-db, `manage.py db_worker`) runs these by default; in
production the RQ backend (django-tasks-rq, `manage.py rqworker`) runs them on Redis, chosen by
SOURCEBOOK_TASK_BACKEND (see config/settings.py). Tests run them immediately.

Some of them come back by themselves (profiles.schedule): the link-check sweep every
LINK_CHECK_SWEEP_HOURS, so that every source is checked again every LINK_CHECK_EVERY_DAYS, and
the open-data dump every DATA_DUMP_EVERY_HOURS.
"""

from datetime import timedelta

from django.conf import settings
from django_tasks import task

from profiles import linkcheck, schedule
from profiles.dumps import build_data_dump

SWEEP = "profiles.tasks.check_due_sources"  # its RecurringTask row


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
    result = schedule.run_turn(check_due_sources, sweep_interval(), queue_due_checks)
    return {"queued": 0, **result} if result is schedule.SKIPPED else result


def queue_due_checks(now):
    results = queue_checks(linkcheck.due_sources(now=now), limit=settings.LINK_CHECK_SWEEP_LIMIT)
    return {"queued": sum(len(result.args[0]) for result in results)}


@task()
def rebuild_data_dump():
    """Build the /data/ dump again, then come back in DATA_DUMP_EVERY_HOURS."""
    return schedule.run_turn(rebuild_data_dump, dump_interval(), rebuilt_dump)


def rebuilt_dump(now):
    dump = build_data_dump()
    return {"profiles": dump.profiles, "size": dump.size}


def sweep_interval():
    return timedelta(hours=settings.LINK_CHECK_SWEEP_HOURS)


def dump_interval():
    return timedelta(hours=settings.DATA_DUMP_EVERY_HOURS)


def start_schedule():
    """Start the link-check sweep (`check_sources --schedule`); returns when it runs next."""
    return schedule.start(check_due_sources)
