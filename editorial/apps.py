from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        from editorial import tasks
        from profiles import schedule

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
