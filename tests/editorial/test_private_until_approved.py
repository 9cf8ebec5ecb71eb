"""What contributors send stays private until an editor applies it to a profile."""

import io

import pytest
from django.core.management import call_command, get_commands
from django.test import Client
from django.urls import NoReverseMatch, reverse

from editorial.services import mark_spam, reject_suggestion
from tests.factories import make_error_report, make_suggestion, make_tip

pytestmark = pytest.mark.django_db

SECRET = "Quillfeather"  # a word that appears only in what contributors sent

# Public pages by URL name, with their arguments and query; the ones other branches deliver
# (search, the sitemap, the JSON API) are checked as soon as they are merged in.
PUBLIC_PAGES = [
    ("profiles:home", [], {}),
    ("profiles:browse", [], {}),
    ("profiles:browse", [], {"letter": "H"}),
    ("profiles:detail", ["slug"], {}),
    ("profiles:source", ["source"], {}),
    ("profiles:history", ["slug"], {}),
    ("profiles:history_feed", ["slug"], {}),
    ("profiles:recent", [], {}),
    ("profiles:recent_feed", [], {}),
    ("profiles:search", [], {"q": SECRET}),
    ("profiles:sitemap", [], {}),
    ("profiles:sitemap-section", ["pages"], {}),
    ("profiles:sitemap-section", ["profiles"], {}),
    ("profiles:sitemap-section", ["sources"], {}),
    ("api:profiles", [], {}),
    ("api:profile", ["slug"], {}),
    ("api:profile-revisions", ["slug"], {}),
    ("api:source", ["source"], {}),
]
EXPORTS = [("export_profiles", {"format": "json"}), ("export_profiles", {"format": "csv"})]


def public_urls(profile):
    values = {"slug": profile.slug, "source": profile.citations.first().source_id}
    for name, args, query in PUBLIC_PAGES:
        try:
            yield reverse(name, args=[values.get(arg, arg) for arg in args]), query
        except NoReverseMatch:
            continue


def exports():
    commands = get_commands()
    for command, options in EXPORTS:
        if command in commands:
            out = io.StringIO()
            call_command(command, stdout=out, **options)
            yield f"{command} {options}", out.getvalue()


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
        if query.get("q") == SECRET:
            # The search page repeats what the reader typed; what it found must be nothing.
            assert response.context["page_obj"].paginator.count == 0
            assert SECRET not in response.context["results"].suggestion
        else:
            assert SECRET.encode() not in response.content, url
        assert b"quill@example.org" not in response.content, url
        checked += 1
    assert checked >= 8
    for name, text in exports():
        assert SECRET not in text, name
        assert "quill@example.org" not in text, name


def test_the_admin_is_not_public_either(client, profile):
    suggestion = make_suggestion(profile, location=f"{SECRET} Town")
    response = client.get(reverse("admin:editorial_suggestion_change", args=[suggestion.pk]))
    assert response.status_code == 302
    assert SECRET.encode() not in response.content
