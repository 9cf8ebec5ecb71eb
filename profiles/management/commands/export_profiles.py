import json
import sys

from django.core.management.base import BaseCommand

from profiles.exports import export_data, write_csv


class Command(BaseCommand):
    help = (
        "Export the public data: published profiles with their facts, citations and sources "
        "(no unpublished profiles, suggestions, contributors' details or editors' notes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", default="-", help="A file to write; '-' is stdout.")

    def handle(self, *args, format, output, **options):
        stream = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
        try:
            if format == "json":
                json.dump(export_data(), stream, ensure_ascii=False, indent=1)
                stream.write("\n")
            else:
                write_csv(stream)
        finally:
            if stream is not sys.stdout:
                stream.close()
        if output != "-":
            self.stderr.write(f"Wrote the {format.upper()} export to {output}.")
