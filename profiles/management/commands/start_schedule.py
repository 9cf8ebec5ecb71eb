from django.core.management.base import BaseCommand

from profiles import schedule


class Command(BaseCommand):
    help = (
        "Start the recurring background tasks (link checks, the open-data dump, the digests) "
        "on the task queue; safe to run at every deploy: a chain that is alive is not doubled."
    )

    def handle(self, *args, **options):
        for chain, run_at in schedule.start_all():
            self.stdout.write(
                f"{chain.description.capitalize()}: next run at {run_at:%Y-%m-%d %H:%M} UTC."
            )
