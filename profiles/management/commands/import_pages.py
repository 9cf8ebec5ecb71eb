import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from profiles.exports import ImportRefused, find_user
from profiles.importers.mapping import MappingError, load_mapping
from profiles.importers.report import describe_page, describe_summary
from profiles.importers.runner import FORMATS, ImportOptions, import_pages


class Command(BaseCommand):
    help = (
        "Import profile pages: text pages (one .txt file a page) or a MediaWiki XML dump. Run "
        "with --dry-run first: it writes nothing and reports what the import would do. Each "
        "page is imported in one revision, or left out with a message when it has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; report what would happen."
        )
        parser.add_argument("--user", help="The username recorded as the revisions' author.")
        parser.add_argument(
            "--all-revisions",
            action="store_true",
            help="MediaWiki: import every revision, with its date and author, not the latest only.",
        )
        parser.add_argument(
            "--create-vocabulary",
            action="store_true",
            help="Create the categories, types and infobox labels the pages use and Sourcebook "
            "does not have yet (without it such a page is refused).",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Bring existing profiles up to date (one revision if the page changed); "
            "without it they are reported and left alone.",
        )
        parser.add_argument("--mapping", help="The mapping file (default: the shipped one).")
        parser.add_argument(
            "--subsection",
            action="append",
            default=[],
            metavar="HEADING",
            help="Text pages: import this heading as a sub-section (may be repeated).",
        )

    def handle(self, *args, paths, **options):
        try:
            user = find_user(options["user"])
            mapping = load_mapping(options["mapping"])
        except (ImportRefused, MappingError) as error:
            raise CommandError(str(error)) from error
        import_options = ImportOptions(
            format=options["format"],
            dry_run=options["dry_run"],
            user=user,
            all_revisions=options["all_revisions"],
            create_vocabulary=options["create_vocabulary"],
            update=options["update"],
            mapping=mapping,
            subsections=tuple(options["subsection"]),
        )
        on_terminal = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False
        progress = tqdm(
            unit=" pages",
            file=sys.stderr,
            disable=not on_terminal,
            dynamic_ncols=True,
        )
        counter = {"pages": 0}

        def on_page(report):
            counter["pages"] += 1
            lines = describe_page(report, dry_run=import_options.dry_run)
            if on_terminal:
                for line in lines:
                    progress.write(line, file=self.stdout._out)
                progress.update()
            else:
                lines[0] = f"[{counter['pages']}] {lines[0]}"
                for line in lines:
                    self.stdout.write(line)

        try:
            summary = import_pages(paths, import_options, on_page=on_page)
        finally:
            progress.close()
        for line in describe_summary(summary):
            self.stdout.write(line)
        if summary.failed:
            raise CommandError(
                f"{summary.failed} of {summary.pages} pages failed; see the messages above."
            )
