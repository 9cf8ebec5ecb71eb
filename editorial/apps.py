from django.apps import AppConfig


def recheck_pending_suggestions(sender, profile, **kwargs):
    from editorial.services import refresh_conflict_flags

    refresh_conflict_flags(profile)


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        from editorial import tasks
        from profiles import schedule
        from profiles.signals import profile_written

        # profiles knows nothing of suggestions: it announces each write, and we listen.
        profile_written.connect(recheck_pending_suggestions, dispatch_uid="editorial-conflicts")

        schedule.register(
            tasks.editor_digest_round,
            every=tasks.editor_digest_interval,
            description="review digests to editors",
        )
        schedule.register(
            tasks.follow_digest_round,
            every=tasks.follow_digest_interval,
            description="follow digests",
        )
