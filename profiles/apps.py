from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles"

    def ready(self):
        from profiles.page_generation import keep_pages_fresh

        keep_pages_fresh()
