"""What contributors send stays private until an editor applies it to a profile."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from editorial.services import mark_spam, reject_suggestion
from tests.factories import make_error_report, make_suggestion, make_tip

pytestmark = pytest.mark.django_db

SECRET = "Quillfeather"  # a word that appears only in what contributors sent

# Public pages by URL name, with their arguments and query; the ones another branch has not
# delivered yet (search, feeds, the sitemap, the JSON API, history) are checked once they exist.
PUBLIC_PAGES = [
    ("profiles:home", "none", {}),
    ("profiles:browse", "none", {}),
    ("profiles:browse", "none", {"letter": "H"}),
    ("profiles:detail", "slug", {}),
    ("profiles:source", "source", {}),
    ("profiles:history", "slug", {}),
    ("profiles:history_feed", "slug", {}),
    ("profiles:recent", "none", {}),
    ("profiles:recent_feed", "none", {}),
    ("profiles:search", "none", {"q": SECRET}),
    ("profiles:api_profile", "slug", {}),
    ("profiles:api_profiles", "none", {}),
    ("sitemap", "none", {}),
    ("django.contrib.sitemaps.views.sitemap", "none", {}),
]


def public_urls(profile):
    args = {"none": [], "slug": [profile.slug], "source": [profile.citations.first().source_id]}
    for name, kind, query in PUBLIC_PAGES:
        try:
            yield reverse(name, args=args[kind]), query
        except NoReverseMatch:
            continue


def test_pending_rejected_and_spam_text_never_appears_on_public_pages(profile, editor):
    pending = make_suggestion(
        profile,
        body=profile.body + f"\n\n{SECRET} paragraph.",
        message=f"{SECRET} message.",
        contributor_name=f"{SECRET} Person",
        contributor_email="quill@example.org",
    )
    rejected = make_suggestion(profile, lead=f"{SECRET} lead.", message="Rejected one.")
    spam = make_suggestion(profile, location=f"{SECRET} Town", message="Spam one.")
    make_error_report(profile, message=f"{SECRET} report.")
    make_tip(f"{SECRET} Society")
    reject_suggestion(suggestion=rejected, editor=editor, note=f"{SECRET} note.")
    mark_spam(suggestion=spam, editor=editor)
    assert pending.status == "pending"

    client = Client()
    checked = 0
    for url, query in public_urls(profile):
        response = client.get(url, query)
        assert response.status_code == 200, url
        assert SECRET.encode() not in response.content, url
        assert b"quill@example.org" not in response.content, url
        checked += 1
    assert checked >= 8


def test_the_admin_is_not_public_either(client, profile):
    suggestion = make_suggestion(profile, location=f"{SECRET} Town")
    response = client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk]))
    assert response.status_code == 302
    assert SECRET.encode() not in response.content
