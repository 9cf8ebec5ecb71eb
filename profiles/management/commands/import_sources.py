from django.core.management.base import BaseCommand, CommandError

from profiles.exports import ImportRefused, find_user
from profiles.importers.sources_csv import SourcesFileRefused, import_sources


class Command(BaseCommand):
    help = (
        "Create or update sources from a CSV file with a header row: url (required), title, "
        "authors, publication, published, kind, archive_url. Sources are matched by their "
        "normalized URL, so a source is never stored twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv")
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; report what would happen."
        )
        parser.add_argument("--user", help="The username recorded as the revisions' author.")

    def handle(self, *args, file, dry_run, user, **options):
        try:
            author = find_user(user)
        except ImportRefused as error:
            raise CommandError(str(error)) from error

        def on_row(report):
            if dry_run and report.outcome != "failed":
                what = {
                    "created": "new source",
                    "updated": "updates " + ", ".join(report.changed),
                    "unchanged": "unchanged",
                }[report.outcome]
                self.stdout.write(f"{file}, line {report.line}: {report.url}: {what}")
            for problem in report.problems:
                self.stdout.write(str(problem))

        try:
            summary = import_sources(file, dry_run=dry_run, user=author, on_row=on_row)
        except SourcesFileRefused as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        verb = "would be " if dry_run else ""
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(
            f"{summary.rows} rows: {summary.created} sources {verb}created, {summary.updated} "
            f"{verb}updated, {summary.unchanged} unchanged, {summary.failed} failed. "
            f"Time: {summary.seconds:.1f} s."
        )
        if summary.failed:
            raise CommandError(f"{summary.failed} rows failed; see the messages above.")
