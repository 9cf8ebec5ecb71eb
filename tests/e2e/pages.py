"""The pages every accessibility and HTML-validity check visits, by role."""

from django.urls import reverse

from profiles import demo_content
from profiles.models import Source

FLAGSHIP_SLUG = demo_content.PROFILES[0]["slug"]


def public_pages():
    """(name, path) of every public page a reader can reach, on the demo content."""
    source = Source.objects.order_by("pk").first()
    return [
        ("home", reverse("profiles:home")),
        ("browse", reverse("profiles:browse")),
        ("browse-people", reverse("profiles:browse") + "?category=person"),
        ("profile", reverse("profiles:detail", args=[FLAGSHIP_SLUG])),
        ("source", reverse("profiles:source", args=[source.pk])),
        ("not-found", "/profiles/no-such-profile/"),
        ("search", reverse("profiles:search") + "?q=tenants"),
        ("search-misspelled", reverse("profiles:search") + "?q=Rivertn+Tenents"),
        ("search-empty", reverse("profiles:search") + "?q="),
    ]
