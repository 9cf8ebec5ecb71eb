"""The same tasks on Redis: a link check enqueued through django-tasks' RQ backend is done by a
real RQ worker (`manage.py rqworker`, as production runs it). Needs Redis on 127.0.0.1:6379
(CI starts it); without it this test fails, never skips."""

import os
import subprocess
import sys

import pytest
import redis
from django_tasks import TaskResultStatus

from profiles.models import LinkCheck
from profiles.tasks import check_source_links
from tests.factories import make_source
from tests.profiles.test_serve import MANAGE, database_url

# A database of its own on the shared Redis; the test removes only the keys it made.
RQ_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def rq_backend(settings):
    connection = redis.Redis.from_url(RQ_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is not running on 127.0.0.1:6379 ({error}); start redis-server.")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": RQ_URL}}
    keys_before = set(connection.keys("*"))
    yield connection
    made = set(connection.keys("*")) - keys_before
    if made:
        connection.delete(*made)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_link_check_enqueued_through_rq_is_done_by_an_rq_worker(rq_backend):
    # The demo's kind of address: refused without a DNS query, so nothing leaves the machine.
    source = make_source(url="https://www.riverton-ledger.example/2018/02/06/rent-strike/")
    result = check_source_links.enqueue([source.pk])
    assert result.status == TaskResultStatus.READY
    assert not LinkCheck.objects.filter(source=source).exists()

    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SOURCEBOOK_TASK_BACKEND": "rq",
        "SOURCEBOOK_RQ_URL": RQ_URL,
    }
    worker = subprocess.run(
        [sys.executable, MANAGE, "rqworker", "--burst", "--job-class", "django_tasks_rq.Job"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stdout + worker.stderr

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    assert result.return_value == {LinkCheck.Status.ERROR: 1}
    state = LinkCheck.objects.get(source=source)
    assert state.status == LinkCheck.Status.ERROR
    assert "reserved for examples" in state.detail
