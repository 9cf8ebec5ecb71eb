import io
import json

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
        if format == "json":
            text = json.dumps(export_data(), ensure_ascii=False, indent=1) + "\n"
        else:
            buffer = io.StringIO()
            write_csv(buffer)
            text = buffer.getvalue()
        if output == "-":
            self.stdout.write(text, ending="")
        else:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            self.stderr.write(f"Wrote the {format.upper()} export to {output}.")
