"""The recurring background tasks: `make run` and `manage.py start_schedule` start them on the
task queue, each does its round and comes back by itself, and a chain started twice runs once."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from editorial.follows import confirm_follow, request_follow
from editorial.models import EditorNotificationSettings, Follow
from editorial.tasks import editor_digest_round, follow_digest_round
from profiles.dumps import latest_data_dump
from profiles.models import RecurringTask
from profiles.services import save_profile
from profiles.tasks import check_due_sources, rebuild_data_dump
from tests.factories import make_profile, make_suggestion

CHAINS = [check_due_sources, rebuild_data_dump, editor_digest_round, follow_digest_round]


@pytest.fixture
def queue(kept_tasks):
    return kept_tasks


def successor_delay(queue, task, started):
    (successor,) = [result for result in queue if result.task.name == task.name]
    return successor.task.run_after - started


@pytest.mark.django_db(transaction=True)
def test_start_schedule_starts_every_chain_once_and_says_when_each_runs(queue):
    out = io.StringIO()
    call_command("start_schedule", stdout=out)
    assert sorted(result.task.name for result in queue) == sorted(t.name for t in CHAINS)
    assert "Review digests to editors: next run at" in out.getvalue()
    assert "The open-data dump: next run at" in out.getvalue()
    for task in CHAINS:
        task.call()
    queue.clear()
    call_command("start_schedule", stdout=io.StringIO())
    booked = dict(RecurringTask.objects.values_list("name", "next_run_at"))
    assert {result.task.module_path: result.task.run_after for result in queue} == booked


@pytest.mark.django_db
def test_the_dump_is_rebuilt_and_comes_back_a_day_later(queue, settings):
    make_profile()
    started = timezone.now()
    assert rebuild_data_dump.call()["profiles"] == 1
    assert latest_data_dump().profiles == 1
    hours = timedelta(hours=settings.DATA_DUMP_EVERY_HOURS)
    assert successor_delay(queue, rebuild_data_dump, started) == pytest.approx(
        hours, abs=timedelta(seconds=5)
    )
    queue.clear()
    assert rebuild_data_dump.call() == {"skipped": "another run is scheduled"}
    assert queue == []


@pytest.mark.django_db
def test_the_editor_digest_round_emails_an_editor_who_opted_in(queue, editor, mailoutbox):
    EditorNotificationSettings.objects.create(user=editor, queue_digest=True)
    make_suggestion(make_profile(), lead="It lends books.")
    started = timezone.now()
    assert editor_digest_round.call() == {"sent": 1, "failed": 0}
    assert mailoutbox[0].to == [editor.email]
    assert successor_delay(queue, editor_digest_round, started) == pytest.approx(
        timedelta(minutes=10), abs=timedelta(seconds=5)
    )


@pytest.mark.django_db
def test_the_follow_digest_round_emails_a_follower_of_a_changed_profile(queue, mailoutbox):
    profile = make_profile()
    request_follow(profile=profile, email="ana@example.org")
    confirm_follow(Follow.objects.get())
    mailoutbox.clear()
    profile.lead += " It opened a branch."
    save_profile(profile, user=None, comment="Added the branch.")
    assert follow_digest_round.call()["sent"] == 1
    assert mailoutbox[0].to == ["ana@example.org"]
    assert "Added the branch." in mailoutbox[0].body
