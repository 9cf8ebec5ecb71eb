from django.core.management.base import BaseCommand, CommandError

from editorial.follows import send_follow_digests


class Command(BaseCommand):
    help = (
        "Email each follower of a profile the revisions made since their last digest (one "
        "round; run it daily, or more often: at most one digest a day per follower, and none "
        "when the profile did not change). Also deletes addresses never confirmed."
    )

    def handle(self, *args, **options):
        result = send_follow_digests()
        self.stdout.write(
            f"Sent {result.sent} follow digest(s); deleted {result.expired} unconfirmed "
            "address(es)."
        )
        if result.failed:
            raise CommandError(
                f"{result.failed} digest(s) could not be sent; the next round tries again."
            )
