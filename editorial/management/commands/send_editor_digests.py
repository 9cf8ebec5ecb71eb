from django.core.management.base import BaseCommand, CommandError

from editorial.editor_digests import send_editor_digests


class Command(BaseCommand):
    help = (
        "Email the review-queue digest to each editor who asked for it and is due one (one "
        "round; safe to run every few minutes: at most one digest an hour per editor, and none "
        "when nothing is new)."
    )

    def handle(self, *args, **options):
        result = send_editor_digests()
        self.stdout.write(f"Sent {result.sent} review digest(s) to editors.")
        if result.failed:
            raise CommandError(
                f"{result.failed} digest(s) could not be sent; the next round tries again."
            )
