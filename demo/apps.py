from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo site: its profiles, a little activity, and the load_demo command."""

    name = "demo"
    verbose_name = "Demo content"
