"""Editors approving at the same moment, in threads with their own database connections.

Runs on the project's settings: on SQLite (IMMEDIATE transactions, WAL) and, with
DATABASE_URL, on PostgreSQL (row locks with select_for_update).
"""

from collections import Counter

import pytest
from django.db import connection
from reversion.models import Version

from editorial.services import approve_suggestion
from tests.factories import make_profile, make_source, make_suggestion
from tests.threads import at_once

pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = 50
BODY = (
    "## Background\n\n"
    "It began in a library basement in 2004. Volunteers ran it for a decade.\n\n"
    "Its first grant came from a local credit union.\n\n"
    "## Programs\n\n"
    "A summer program serves about 300 children.[^first]"
)


def outcome_name(outcome):
    kind, value = outcome
    return "applied" if kind == "ok" else type(value).__name__


def approving(suggestion, editor):
    return lambda: approve_suggestion(suggestion=suggestion, editor=editor)


def trial_profile(trial):
    return make_profile(
        f"Concurrency Trial Fund {trial}",
        lead="A fund made for a concurrency trial.[^first]",
        body=BODY,
        citations={"first": make_source()},
    )


def test_two_editors_approving_conflicting_suggestions_at_once_never_lose_an_edit(
    seeded_transactional_db, editor, outsider
):
    outsider.groups.add(*editor.groups.all())  # a second editor
    results = Counter()
    for trial in range(TRIALS):
        profile = trial_profile(trial)
        first = make_suggestion(profile, body=BODY.replace("in 2004", "in 2003"))
        second = make_suggestion(profile, body=BODY.replace("in 2004", "in 2005"))
        outcomes = at_once(approving(first, editor), approving(second, outsider))
        names = sorted(outcome_name(outcome) for outcome in outcomes)
        assert names == ["MergeConflict", "applied"], (trial, outcomes)

        first.refresh_from_db()
        second.refresh_from_db()
        applied, flagged = (first, second) if first.status == "approved" else (second, first)
        assert (applied.status, applied.has_conflict) == ("approved", False)
        assert (flagged.status, flagged.has_conflict) == ("pending", True)
        profile.refresh_from_db()
        year = "2003" if applied is first else "2005"
        lost = f"in {year}." not in profile.body
        results["lost edits"] += lost
        results["conflicts flagged"] += flagged.has_conflict
        assert not lost, (trial, profile.body)
        versions = Version.objects.get_for_object(profile)
        assert versions.count() == 2  # created, then the one approval
        assert versions.first().revision == applied.applied_revision
        assert versions.first().field_dict["body"] == profile.body
    assert results == Counter({"lost edits": 0, "conflicts flagged": TRIALS})
    print(f"\n{connection.vendor}: {TRIALS} trials, {dict(results)}")


def test_the_same_suggestion_approved_twice_at_once_gives_exactly_one_revision(
    seeded_transactional_db, editor
):
    for trial in range(TRIALS // 5):
        profile = trial_profile(trial)
        suggestion = make_suggestion(profile, body=BODY.replace("in 2004", "in 2003"))
        outcomes = at_once(approving(suggestion, editor), approving(suggestion, editor))
        assert sorted(outcome_name(outcome) for outcome in outcomes) == ["NotPending", "applied"]
        assert Version.objects.get_for_object(profile).count() == 2
        suggestion.refresh_from_db()
        assert suggestion.status == "approved"


def test_suggestions_to_different_paragraphs_approved_at_once_both_apply(
    seeded_transactional_db, editor
):
    for trial in range(TRIALS // 5):
        profile = trial_profile(trial)
        first = make_suggestion(profile, body=BODY.replace("in 2004", "in 2003"))
        second = make_suggestion(profile, body=BODY.replace("about 300", "about 350"))
        outcomes = at_once(approving(first, editor), approving(second, editor))
        assert [outcome_name(outcome) for outcome in outcomes] == ["applied", "applied"]
        profile.refresh_from_db()
        assert "in 2003." in profile.body and "about 350 children" in profile.body
        assert Version.objects.get_for_object(profile).count() == 3
