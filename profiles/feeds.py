"""Atom feeds of recent changes across the site and of one profile's history.

Feeds are public, so they list published profiles only, whoever asks.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles.access import get_profile_or_moved, get_published_profile
from profiles.history import history_entries, history_versions, recent_entries, recent_versions
from profiles.validators import xml_safe

FEED_SIZE = 50


def size_change_text(entry):
    if entry.size_change is None:
        return _("new")
    return _("%(change)+d characters") % {"change": entry.size_change}


class RevisionFeed(Feed):
    feed_type = Atom1Feed

    # Everything from the database goes through xml_safe: text stored before control
    # characters were refused must not break the feed.

    def item_title(self, entry):
        title = f"{entry.profile.name}: {entry.comment}" if entry.comment else entry.profile.name
        return xml_safe(title)

    def item_description(self, entry):
        return format_html(
            "<p>{}</p><p>{} · {}</p>",
            xml_safe(entry.comment) or _("No comment."),
            xml_safe(entry.who),
            size_change_text(entry),
        )

    def item_link(self, entry):
        return reverse("profiles:revision", args=[entry.profile.slug, entry.revision_id])

    def item_pubdate(self, entry):
        return entry.date

    def item_updateddate(self, entry):
        return entry.date

    def item_author_name(self, entry):
        return xml_safe(entry.who)


class RecentChangesFeed(RevisionFeed):
    title = gettext_lazy("Sourcebook: recent changes")
    subtitle = gettext_lazy("The latest revisions of published profiles.")
    link = reverse_lazy("profiles:recent")

    def items(self):
        return recent_entries(recent_versions()[:FEED_SIZE])


class ProfileHistoryFeed(RevisionFeed):
    def __call__(self, request, slug):
        profile, moved = get_profile_or_moved(request, slug, drafts=False)
        return moved or super().__call__(request, slug=profile.slug)

    def get_object(self, request, slug):
        return get_published_profile(slug)

    def title(self, profile):
        return _("Sourcebook: history of %(name)s") % {"name": xml_safe(profile.name)}

    def link(self, profile):
        return reverse("profiles:history", args=[profile.slug])

    def items(self, profile):
        versions = list(history_versions(profile)[: FEED_SIZE + 1])
        older = versions[FEED_SIZE] if len(versions) > FEED_SIZE else None
        entries = history_entries(versions[:FEED_SIZE], older=older)
        for entry in entries:
            entry.profile = profile
        return entries
