from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from editorial.permissions import EDITORS_GROUP, editors_group


class Command(BaseCommand):
    help = "Create or update the Editors group's permissions, and optionally add staff to it."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", help="Users to make staff and editors.")

    def handle(self, *args, usernames=(), **options):
        group = editors_group()
        User = get_user_model()
        for username in usernames:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"There is no user called {username!r}; create it first.")
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(group)
            self.stdout.write(f"{username} is now an editor.")
        count = group.permissions.count()
        self.stdout.write(f"The {EDITORS_GROUP} group has {count} permissions.")
