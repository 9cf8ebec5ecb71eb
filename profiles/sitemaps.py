from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from profiles.models import Profile, Source


class ProfileSitemap(Sitemap):
    """Every published profile, with the time of its last change."""

    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Profile.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, profile):
        return profile.updated

    def get_latest_lastmod(self):
        # For the sitemap index: one aggregate instead of loading every profile.
        return self.items().aggregate(latest=Max("updated"))["latest"]


class SourceSitemap(Sitemap):
    """Sources that a published profile cites (a source page lists where it is used)."""

    changefreq = "monthly"
    priority = 0.3
    limit = 10000

    def items(self):
        return Source.objects.public().only("pk", "updated").order_by("pk")

    def lastmod(self, source):
        return source.updated

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated"))["latest"]


class PageSitemap(Sitemap):
    """The home page, the list of all profiles, recent changes, wanted profiles, open data."""

    changefreq = "daily"

    def items(self):
        return [
            "profiles:home",
            "profiles:browse",
            "profiles:recent",
            "profiles:wanted",
            "profiles:data",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "profiles": ProfileSitemap, "sources": SourceSitemap}
