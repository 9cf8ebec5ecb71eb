"""Following a profile the way a reader does: the form, then the links in the emails."""

import re
from urllib.parse import urlsplit

from django.urls import reverse

from tests.editorial.submitting import filled_in


def ask_to_follow(client, profile, email="ana@example.org", seconds_ago=30, **values):
    page = client.get(reverse("editorial:follow", args=[profile.slug]))
    data = filled_in(page, seconds_ago=seconds_ago, email=email, **values)
    return client.post(reverse("editorial:follow_send", args=[profile.slug]), data)


def links(email):
    return re.findall(r"https?://\S+", email.body)


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link_to(email, kind):
    """The path of the email's confirm or unsubscribe link."""
    (link,) = [url for url in links(email) if f"/{kind}/" in url]
    return path_of(link)
