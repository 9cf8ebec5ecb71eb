"""The pages every accessibility, HTML-validity and phone-layout check visits, by role.

``prepare_pages()`` first gives the demo content what those pages need to show something: a
second revision of the flagship profile (for its history, a diff and an old revision),
suggestions for the tracking page (one pending, one rejected with a note) and for the editors'
queue: a clean edit, one in conflict with the newer revision, and a tip. One source the
flagship cites is made a dead link with an archived copy found, another one "could not check",
for the reference entries, the source pages and the editors' dead-links list. A data dump is
built for /data/, and the flagship gets two followers, one waiting to confirm, for the pages
their links open.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import reversion
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from demo import content as demo_content
from demo.management.commands.load_demo import DEMO_EDITOR
from editorial.follows import confirm_follow, confirm_path, unsubscribe_path
from editorial.merging import normalize_text
from editorial.models import Follow, Suggestion
from editorial.services import (
    approve_suggestion,
    email_confirmation_key,
    reject_suggestion,
    submit_suggestion,
)
from profiles.dumps import build_data_dump
from profiles.models import LinkCheck, Profile, Relationship, Source
from profiles.revisions import profile_versions
from tests.factories import make_profile, make_suggestion, make_tip, rerender

FLAGSHIP_SLUG = demo_content.PROFILES[0]["slug"]
FOUNDATION_SLUG = "alder-falls-community-foundation"
SECTION = "background"  # the flagship's first ## section
SUB_SECTION = "2018-millrace-towers-rent-strike"  # its ### sub-section
# The flagship's first paragraph, as its second revision rewrites it.
FIRST_WORDS, REVISED_WORDS = "more than 60 buildings", "more than 70 buildings"


@dataclass(frozen=True)
class Form:
    name: str
    path: str
    button: str  # the label of the button that sends it


@dataclass(frozen=True)
class Pages:
    public: list  # (name, path) of pages anyone reaches with a GET
    forms: list  # Form: every public form, checked as shown and sent empty (its error state)
    preview: Form  # the suggestion form, checked again on its valid path: the preview page
    editor: list  # (name, path) of the admin's review desk and import page, for an editor
    dark: list  # (name, path) of the reading pages, checked again in the dark colour scheme


def prepare_pages():
    """Make the demo content show every state the checks look at; return the pages by role."""
    profile = Profile.objects.get(slug=FLAGSHIP_SLUG)
    first_revision = profile_versions(profile).last().revision_id
    conflicting = suggest_lead_change(profile, first_revision, "dues of $24", "dues of $30")
    second_revision = revise_flagship(profile)
    clean = suggest_lead_change(profile, second_revision, "campaigns for", "lobbies for")
    rejected = submit_suggestion(
        kind="error",
        profile=profile,
        base_revision_id=second_revision,
        message="The union hall was in Millrace, not in Riverton.",
        contributor_email="reader@example.org",
    )
    reject_suggestion(
        suggestion=rejected,
        editor=demo_editor(),
        note="Thank you; the founding article places it in Riverton.",
    )
    tip = make_tip("Riverton Tenants Action Fund", category="political-committee")
    approved = approved_edit()
    submit_suggestion(
        kind="error",
        profile=profile,
        message="Cheap offers at https://offers.example/",
        spam_reason="The hidden honeypot field was filled in.",
    )
    delete_a_profile()
    dead, unreachable = link_states(profile)
    build_data_dump()
    waiting = Follow.objects.create(profile=profile, email="ana@example.org")
    following = confirm_follow(Follow.objects.create(profile=profile, email="ben@example.org"))
    profile_path = reverse("profiles:detail", args=[FLAGSHIP_SLUG])
    suggest_path = reverse("editorial:suggest_edit", args=[FLAGSHIP_SLUG])
    forms = [
        Form("suggest-edit", suggest_path, "Preview your change"),
        Form("suggest-section", f"{suggest_path}?section={SECTION}", "Preview your change"),
        Form(
            "suggest-sub-section",
            f"{suggest_path}?section={SUB_SECTION}",
            "Preview your change",
        ),
        Form(
            "report-error",
            reverse("editorial:report_error", args=[FLAGSHIP_SLUG]),
            "Send your report",
        ),
        Form("tip-new", reverse("editorial:tip_new"), "Send your tip"),
        Form("follow", reverse("editorial:follow", args=[FLAGSHIP_SLUG]), "Follow by email"),
        Form(
            "suggest-connection",
            reverse("editorial:suggest_connection", args=[FLAGSHIP_SLUG]),
            "Send your suggestion",
        ),
    ]
    public = [
        ("home", reverse("profiles:home")),
        ("browse", reverse("profiles:browse")),
        ("browse-people", reverse("profiles:browse") + "?category=person"),
        ("profile", profile_path),
        ("source", reverse("profiles:source", args=[Source.objects.order_by("pk").first().pk])),
        ("source-dead", reverse("profiles:source", args=[dead.pk])),
        ("source-could-not-check", reverse("profiles:source", args=[unreachable.pk])),
        ("not-found", "/profiles/no-such-profile/"),
        ("wanted", reverse("profiles:wanted")),
        ("search", reverse("profiles:search") + "?q=tenants"),
        ("search-misspelled", reverse("profiles:search") + "?q=Rivertn+Tenents"),
        ("search-empty", reverse("profiles:search") + "?q="),
        ("search-no-results", reverse("profiles:search") + "?q=Quarry+Kiln+Guild"),
        ("search-excluding", reverse("profiles:search") + "?q=tenants+-riverton"),
        ("sources", reverse("profiles:sources")),
        ("sources-search", reverse("profiles:sources") + "?q=westmarch&sort=cited"),
        ("sources-no-match", reverse("profiles:sources") + "?q=no+such+source"),
        ("history", reverse("profiles:history", args=[FLAGSHIP_SLUG])),
        (
            "diff",
            reverse("profiles:diff", args=[FLAGSHIP_SLUG])
            + f"?from={first_revision}&to={second_revision}",
        ),
        ("diff-created", reverse("profiles:diff", args=[FLAGSHIP_SLUG]) + f"?to={first_revision}"),
        ("old-revision", reverse("profiles:revision", args=[FLAGSHIP_SLUG, first_revision])),
        ("latest-revision", reverse("profiles:revision", args=[FLAGSHIP_SLUG, second_revision])),
        ("recent-changes", reverse("profiles:recent")),
        *[(form.name, form.path) for form in forms],
        ("sent", reverse("editorial:sent", args=[clean.token])),
        ("tracking", clean.get_absolute_url()),
        ("tracking-rejected", rejected.get_absolute_url()),
        ("tracking-approved", approved.get_absolute_url()),
        ("withdraw", reverse("editorial:withdraw", args=[clean.token])),
        (
            "confirm-email",
            reverse(
                "editorial:confirm_email", args=[rejected.token, email_confirmation_key(rejected)]
            ),
        ),
        ("browse-connected", reverse("profiles:browse") + f"?connected_to={FLAGSHIP_SLUG}"),
        # Finances from the demo's 990-PF returns, and a connection's correction form.
        ("profile-foundation", reverse("profiles:detail", args=[FOUNDATION_SLUG])),
        (
            "suggest-connection-correction",
            reverse("editorial:suggest_connection", args=[FLAGSHIP_SLUG])
            + f"?relationship={Relationship.objects.filter(object=profile).first().pk}",
        ),
        ("open-data", reverse("profiles:data")),
        ("follow-sent", reverse("editorial:follow_sent", args=[FLAGSHIP_SLUG])),
        ("follow-confirm", confirm_path(waiting)),
        ("follow-confirmed", confirm_path(following)),
        ("follow-unsubscribe", unsubscribe_path(following)),
    ]
    review = "admin:editorial_suggestion_change"
    editor = [
        ("admin-index", reverse("admin:index")),
        ("queue", reverse("admin:editorial_suggestion_changelist")),
        ("queue-spam", reverse("admin:editorial_suggestion_changelist") + "?status=spam"),
        ("recover-deleted", reverse("admin:profiles_profile_recoverlist")),
        ("review", reverse(review, args=[clean.pk])),
        ("review-conflict", reverse(review, args=[conflicting.pk])),
        ("review-tip", reverse(review, args=[tip.pk])),
        ("review-decided", reverse(review, args=[rejected.pk])),
        (
            "review-proposed-connection",
            reverse(review, args=[Suggestion.objects.filter(kind="relationship").first().pk]),
        ),
        ("dead-links", reverse("admin:profiles_deadlink_changelist")),
        ("dead-links-all", reverse("admin:profiles_deadlink_changelist") + "?status=all"),
        ("replace-url", reverse("admin:profiles_deadlink_replace_url", args=[dead.pk])),
        ("my-notifications", reverse("admin:editorial_editornotificationsettings_changelist")),
        ("import-pages", reverse("admin:profiles_profile_import")),
    ]
    reading = {"home", "profile", "history", "diff", "old-revision", "source-dead"}
    dark = [(name, path) for name, path in public if name in reading]
    return Pages(public=public, forms=forms, preview=forms[0], editor=editor, dark=dark)


def approved_edit():
    """A suggestion to the second demo profile, approved: its tracking page links to the
    revision that applied it."""
    other = Profile.objects.get(slug=demo_content.PROFILES[1]["slug"])
    suggestion = make_suggestion(
        other, location=f"{other.location} (main office)", contributor_name="Ana Lopes"
    )
    return approve_suggestion(suggestion=suggestion, editor=demo_editor(), note="Thank you.")


def delete_a_profile():
    """A profile deleted in the admin, for "Recover deleted profiles" to list."""
    doomed = make_profile(
        "Millrace Book Exchange", lead="A book exchange in Millrace.", citations={}
    )
    LogEntry.objects.log_actions(
        user_id=demo_editor().pk, queryset=[doomed], action_flag=DELETION, single_object=True
    )
    doomed.delete()


def link_states(profile):
    """Two of the flagship's sources: one dead (gone at two checks) with a Wayback copy found,
    one that could not be checked; returns the two."""
    first = Source.objects.order_by("pk").first()  # the "source" page stays "not checked yet"
    cited = profile.citations.exclude(source=first).select_related("source")
    dead, unreachable = [citation.source for citation in cited[:2]]
    now = timezone.now()
    LinkCheck.objects.update_or_create(
        source=dead,
        defaults={
            "checked_url": dead.url,
            "status": LinkCheck.Status.DEAD,
            "http_status": 404,
            "detail": "The site answered 404: the page is not there.",
            "checked_at": now,
            "first_failed_at": now - timedelta(days=4),
            "failures": 2,
            "archive_url": f"https://web.archive.org/web/20190304120000/{dead.url}",
            "archive_date": date(2019, 3, 4),
        },
    )
    LinkCheck.objects.update_or_create(
        source=unreachable,
        defaults={
            "checked_url": unreachable.url,
            "status": LinkCheck.Status.ERROR,
            "detail": "The site did not answer in time.",
            "checked_at": now,
        },
    )
    return dead, unreachable


def demo_editor():
    return get_user_model().objects.get(username=DEMO_EDITOR)


def revise_flagship(profile):
    """A second revision by the demo editor: a new figure in the lead and a new location."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(demo_editor())
        reversion.set_comment("Updated the number of buildings.")
        profile.lead = profile.lead.replace(FIRST_WORDS, REVISED_WORDS)
        profile.location = "Eastside, Riverton, Westmarch"
        profile.save()
        rerender(profile)
    return profile_versions(profile).first().revision_id


def suggest_lead_change(profile, base_revision, old, new):
    """A pending suggestion that replaces old with new in the lead as that revision had it."""
    base = normalize_text(profile.lead)
    return submit_suggestion(
        kind="edit",
        profile=profile,
        base_revision_id=base_revision,
        proposed_changes={"lead": {"base": base, "proposed": base.replace(old, new)}},
        message=f"The annual report says “{new}”.",
        contributor_name="Sam Ortiz",
    )
