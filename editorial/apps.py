from django.apps import AppConfig


def recheck_pending_suggestions(sender, profile, **kwargs):
    from editorial.services import refresh_conflict_flags

    refresh_conflict_flags(profile)


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        # profiles knows nothing of suggestions: it announces each write, and we listen.
        from profiles.signals import profile_written

        profile_written.connect(recheck_pending_suggestions, dispatch_uid="editorial-conflicts")
