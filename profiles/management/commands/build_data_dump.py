from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from profiles.dumps import build_data_dump


class Command(BaseCommand):
    help = (
        "Rebuild the full public export that /data/ offers, as compressed JSON (run it daily; "
        "the page and the download only read what it wrote)."
    )

    def handle(self, *args, **options):
        dump = build_data_dump()
        self.stdout.write(
            f"Wrote {dump.profiles} profiles and {dump.sources} sources to {dump.path} "
            f"({filesizeformat(dump.size)}, up to revision {dump.last_revision})."
        )
