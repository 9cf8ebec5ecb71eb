from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles"

    def ready(self):
        from profiles import schedule, tasks
        from profiles.page_generation import keep_pages_fresh

        keep_pages_fresh()
        schedule.register(
            tasks.check_due_sources, every=tasks.sweep_interval, description="link checks"
        )
        schedule.register(
            tasks.rebuild_data_dump, every=tasks.dump_interval, description="the open-data dump"
        )
