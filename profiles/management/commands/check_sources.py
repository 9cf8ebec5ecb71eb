from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from profiles import linkcheck
from profiles.models import LinkCheck
from profiles.tasks import queue_checks, start_schedule


class Command(BaseCommand):
    help = (
        "Queue link checks of the sources that are due (never checked, or not for "
        "LINK_CHECK_EVERY_DAYS), for the task worker to run; print a summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="Queue at most this many sources.")
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            help="Only sources not checked for this many days (0: every source).",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also start the schedule that re-checks every source every few weeks.",
        )

    def handle(self, *args, limit=None, older_than=None, schedule=False, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be a positive number of sources.")
        if older_than is not None and older_than < 0:
            raise CommandError("--older-than must be a number of days, 0 or more.")
        started = timezone.now()
        due = linkcheck.due_sources(now=started, older_than_days=older_than)
        results = queue_checks(due, limit=limit)
        queued = sum(len(result.args[0]) for result in results)
        self.stdout.write(
            f"Queued link checks of {queued:,} source{'s' if queued != 1 else ''} "
            f"in {len(results):,} task{'s' if len(results) != 1 else ''}."
        )
        finished = [result for result in results if result.is_finished]
        if finished:
            seconds = (timezone.now() - started).total_seconds()
            tally = {}
            for result in finished:
                for status, count in (result.return_value or {}).items():
                    tally[status] = tally.get(status, 0) + count
            self.stdout.write(
                f"Checked {sum(tally.values()):,} in {seconds:.1f} s: " + summary_of(tally) + "."
            )
        else:
            self.stdout.write("The task worker runs them (manage.py db_worker, or rqworker).")
        totals = dict(LinkCheck.objects.values_list("status").annotate(n=Count("pk")))
        self.stdout.write("All checked sources now: " + (summary_of(totals) or "none") + ".")
        if schedule:
            run_at = start_schedule()
            self.stdout.write(f"The re-check schedule runs next at {run_at:%Y-%m-%d %H:%M} UTC.")


def summary_of(tally):
    labels = dict(LinkCheck.Status.choices)
    order = list(labels)
    return ", ".join(
        f"{labels[status].lower()} {tally[status]:,}"
        for status in sorted(tally, key=order.index)
        if tally[status]
    )
