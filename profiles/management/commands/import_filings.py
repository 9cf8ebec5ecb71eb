from django.core.management.base import BaseCommand, CommandError

from profiles.exports import ImportRefused, find_user
from profiles.irs.importing import import_filings


class Command(BaseCommand):
    help = (
        "Import IRS e-file returns (Form 990, 990-EZ, 990-PF) from XML files, folders and zip "
        "archives: each return is matched to a profile by EIN and becomes a filing source and "
        "a row of the profile's finances; its officers and grants wait in the review desk as "
        "proposed connections. Importing the same returns again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; report what would happen."
        )
        parser.add_argument("--user", help="The username recorded as the revisions' author.")

    def handle(self, *args, paths, dry_run, user, **options):
        try:
            author = find_user(user)
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        report = import_filings(
            paths, user=author, dry_run=dry_run, on_message=lambda m: self.stdout.write(m)
        )
        verb = "would be " if dry_run else ""
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(
            f"{report.returns + report.failed} files: {report.stored} returns {verb}stored, "
            f"{report.unchanged} already stored, {report.unknown} with an unknown EIN, "
            f"{report.failed} refused; {report.proposed} connections proposed for review. "
            f"Time: {report.seconds:.1f} s."
        )
        if report.failed:
            raise CommandError(f"{report.failed} files were refused; see the messages above.")
