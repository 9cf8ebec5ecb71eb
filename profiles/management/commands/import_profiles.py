import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles.exports import ImportRefused, find_user, import_data


class Command(BaseCommand):
    help = (
        "Import a JSON file made by export_profiles, one revision per profile. The profiles' "
        "slugs must be free; sources are matched to existing ones by their normalized URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON export to read.")
        parser.add_argument("--user", help="The username to record as the revisions' author.")

    def handle(self, *args, file, user, **options):
        path = Path(file)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            count = import_data(data, user=find_user(user), comment=f"Imported from {path.name}")
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {count} profiles from {file}."))
