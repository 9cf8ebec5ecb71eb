"""`check_sources` queues link checks, in batches, for the worker; and the re-check schedule."""

import re
import time
from datetime import timedelta
from io import StringIO

import httpx
import pytest
import reversion
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from profiles.models import LinkCheck, RecurringTask, Source
from profiles.tasks import SWEEP, check_due_sources, start_schedule
from tests.factories import make_source

Status = LinkCheck.Status
HOSTS = ["courier.example", "ledger.example", "radio.example", "filings.example", "city.example"]


def make_many_sources(count):
    """``count`` sources over five hosts. Saved one by one inside one revision, as every
    write to a source must be; no versions are stored, which history never needs here."""
    with reversion.create_revision(manage_manually=True):
        for number in range(count):
            host = HOSTS[number % len(HOSTS)]
            Source(url=f"https://{host}/stories/{number}/", title=f"Story {number}").save()


def run(*args):
    out = StringIO()
    call_command("check_sources", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_check_sources_over_ten_thousand_sources_keeps_to_the_per_host_limit(web, settings):
    settings.FETCH_PER_HOST = 2
    make_many_sources(10_000)
    web.delay = 0.0002  # long enough for requests to one host to overlap
    # 1 in 20 is gone, 1 in 50 says "Page not found", 1 in 100 times out; the rest are live.

    def answer(request):
        number = int(request.url.path.split("/")[2])
        if number % 100 == 3:
            raise httpx.ReadTimeout("timed out", request=request)
        if number % 20 == 1:
            return httpx.Response(404)
        if number % 50 == 7:
            return httpx.Response(200, content=b"<title>Page not found</title>")
        return httpx.Response(200, content=b"<title>A story</title>")

    web.fallback = answer
    web.hosts["archive.org"] = web.wayback  # which has no copies
    started = time.monotonic()
    output = run()
    seconds = time.monotonic() - started
    print(output, f"({seconds:.1f} s, most requests to one host at once: {web.most_at_once})")

    checked = [url for url in web.requests if not url.startswith("https://archive.org/")]
    assert len(checked) == 10_000
    assert set(web.most_at_once) == {*HOSTS, "archive.org"}
    assert max(web.most_at_once.values()) == 2  # reached, never exceeded
    assert "Queued link checks of 10,000 sources in 200 tasks." in output
    assert re.search(r"Checked 10,000 in [0-9.]+ s: ", output)
    counts = dict(LinkCheck.objects.values_list("status").annotate(n=Count("pk")))
    assert counts == {
        Status.LIVE: 10_000 - 500 - 200 - 100,
        Status.FAILING: 500,
        Status.SOFT_404: 200,
        Status.ERROR: 100,
    }
    assert "live 9,200, not found once; to be checked again 500" in output
    # Nothing is due again until the failures are to be confirmed, days later.
    assert "Queued link checks of 0 sources" in run()


@pytest.mark.django_db
def test_limit_and_older_than_choose_which_sources_are_queued(web):
    web.fallback = lambda request: httpx.Response(200, content=b"<title>Fine</title>")
    sources = [make_source() for _ in range(5)]
    assert "of 2 sources" in run("--limit", "2")
    assert "of 3 sources" in run()
    assert "of 0 sources" in run()
    assert "of 5 sources" in run("--older-than", "0")
    old = LinkCheck.objects.get(source=sources[0])
    old.checked_at = timezone.now() - timedelta(days=40)
    old.save()
    assert "of 1 source in 1 task" in run("--older-than", "30")


@pytest.mark.django_db
def test_check_sources_refuses_nonsense_numbers():
    with pytest.raises(CommandError, match="positive"):
        run("--limit", "0")
    with pytest.raises(CommandError, match="0 or more"):
        run("--older-than", "-1")


@pytest.fixture
def queue(kept_tasks):
    return kept_tasks


@pytest.mark.django_db
def test_the_sweep_queues_due_checks_and_comes_back_hours_later(queue, settings):
    make_source()
    started = timezone.now()
    result = check_due_sources.call()
    assert result == {"queued": 1}
    batch, successor = queue
    assert batch.task.name == "check_source_links"
    assert successor.task.name == "check_due_sources"
    hours = timedelta(hours=settings.LINK_CHECK_SWEEP_HOURS)
    assert successor.task.run_after - started == pytest.approx(hours, abs=timedelta(seconds=5))


@pytest.mark.django_db
def test_a_sweep_that_is_not_due_stops_so_one_chain_survives(queue):
    check_due_sources.call()
    queue.clear()
    assert check_due_sources.call() == {"queued": 0, "skipped": "another run is scheduled"}
    assert queue == []


@pytest.mark.django_db(transaction=True)
def test_starting_the_schedule_again_waits_for_the_running_chain(queue):
    start_schedule()
    assert [result.task.run_after for result in queue] == [None]  # never run: at once
    queue[0].task.call()
    queue.clear()
    next_run = RecurringTask.objects.get(name=SWEEP).next_run_at
    assert start_schedule() == next_run
    assert [result.task.run_after for result in queue] == [next_run]
