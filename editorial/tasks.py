"""The editorial app's chains (profiles.schedule): the review-queue digests to editors and the
follow digests, each round a background task that comes back by itself. The rounds themselves
decide who is due an email (at most one an hour per editor, one a day per follower), so running
them more often than that only makes the emails prompter."""

from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django_tasks import task

from editorial.editor_digests import send_editor_digests
from editorial.follows import send_follow_digests
from profiles import schedule


@task()
def editor_digest_round():
    """Send the review digests that are due, then come back in EDITOR_DIGEST_ROUND_MINUTES."""
    return schedule.run_turn(
        editor_digest_round,
        editor_digest_interval(),
        lambda now: asdict(send_editor_digests(now=now)),
    )


@task()
def follow_digest_round():
    """Send the follow digests that are due, then come back in FOLLOW_DIGEST_ROUND_MINUTES."""
    return schedule.run_turn(
        follow_digest_round,
        follow_digest_interval(),
        lambda now: asdict(send_follow_digests(now=now)),
    )


def editor_digest_interval():
    return timedelta(minutes=settings.EDITOR_DIGEST_ROUND_MINUTES)


def follow_digest_interval():
    return timedelta(minutes=settings.FOLLOW_DIGEST_ROUND_MINUTES)
