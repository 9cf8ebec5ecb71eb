import importlib
from io import StringIO

import httpx
import pytest
import reversion
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import pre_save
from django.test import override_settings
from reversion.models import Version

from editorial.permissions import EDITORS_GROUP, editors_group
from profiles import fetcher
from profiles.models import Profile


def seed_reference_data():
    """Categories, fact labels and relationship types, as the data migrations create them, and
    the Editors group.

    Transactional tests (live server, concurrency) empty every table when they end, and
    --reuse-db keeps that empty database for the next run, so the seed is applied again.
    """
    for name in ("0002_seed_categories_and_labels", "0005_seed_relationship_types"):
        importlib.import_module(f"profiles.migrations.{name}").seed(apps, None)
    editors_group()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_reference_data()


@pytest.fixture(autouse=True)
def reference_data_for_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("_django_db_helper")
        seed_reference_data()


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """A transactional database (for tests with threads) with the seeded rows in it."""
    seed_reference_data()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo content, loaded once for a whole test module.

    It stays in a transaction that is rolled back after the module's last test; each test runs
    in a savepoint inside it (pytest-django's ``db``), so every test sees the demo as loaded.
    Not for transactional tests, which cannot run inside it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", force=True, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db):
    """The demo's profiles, oldest first, for a test in a module that shares one demo load."""
    return Profile.objects.order_by("pk")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """MD5 for every password the tests make, the demo's editor included."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def tasks_run_immediately():
    """Background tasks run inside the call that enqueues them (django-tasks' ImmediateBackend)."""
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        yield


@pytest.fixture(scope="session", autouse=True)
def page_cache_in_memory():
    """The page cache in this process's memory, not in var/cache/ beside a dev server's."""
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no stored pages: a rolled-back test's pages must not leak."""
    from profiles.page_generation import page_cache

    page_cache().clear()


class NoNetwork(httpx.BaseTransport):
    def handle_request(self, request):
        raise AssertionError(f"A test tried to fetch {request.url}: use tests.web.FakeWeb.")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """No test reaches the network: a fetcher made without a fake web fails the test, before
    any name is resolved or any connection made (tests/web.py has the fake)."""

    real_resolver = fetcher.system_resolver

    def no_dns(host, port):
        if host.endswith(fetcher.RESERVED_SUFFIXES):
            return real_resolver(host, port)  # refused without asking DNS, as in the demo
        raise AssertionError(f"A test tried to resolve {host}: use tests.web.FakeWeb.")

    monkeypatch.setattr(fetcher, "system_resolver", no_dns)
    monkeypatch.setattr(fetcher, "PublicOnlyTransport", lambda resolver: NoNetwork())


@pytest.fixture
def web(monkeypatch):
    """A fake web (tests/web.py) that profiles' default fetcher uses, tasks included."""
    from tests.web import FakeWeb

    fake = FakeWeb()
    monkeypatch.setattr(fetcher, "default_fetcher", fake.fetcher)
    return fake


@pytest.fixture(autouse=True)
def data_dumps_in_a_temporary_folder(settings, tmp_path):
    """build_data_dump writes under tmp_path, never into the checkout's var/data/."""
    settings.DATA_DUMP_DIR = tmp_path / "data"


@pytest.fixture(autouse=True)
def every_versioned_write_is_in_a_revision():
    """Fail any save of a versioned model made outside a reversion revision."""

    def refuse_unversioned_save(sender, instance, raw=False, **kwargs):
        if raw or not reversion.is_registered(sender):
            return
        assert reversion.is_active(), (
            f"{sender.__name__} saved outside a revision: every write must be a revision."
        )

    pre_save.connect(refuse_unversioned_save, dispatch_uid="versioned-write-guard")
    yield
    pre_save.disconnect(dispatch_uid="versioned-write-guard")


def make_user(username, *, staff=False, editor=False):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="password", is_staff=staff
    )
    user.first_name = username.title()
    user.save()
    if editor:
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor(db):
    """A staff member in the Editors group."""
    return make_user("edith", staff=True, editor=True)


@pytest.fixture
def outsider(db):
    """A staff account that is not an editor: it may log in to the admin and nothing more."""
    return make_user("oscar", staff=True)


@pytest.fixture
def contributor(db):
    """A registered member of the public with no staff rights."""
    return make_user("carla")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def assert_one_new_revision(obj, *, before, user, comment_contains):
    """Assert that exactly one revision was added for obj, by user, with the comment."""
    versions = Version.objects.get_for_object(obj)
    assert versions.count() == before + 1, f"expected {before + 1} versions, got {versions.count()}"
    revision = versions.first().revision
    assert revision.user == user
    assert comment_contains in revision.comment, revision.comment
    return revision


@pytest.fixture
def revision_count():
    def count(obj):
        return Version.objects.get_for_object(obj).count()

    return count


@pytest.fixture
def kept_tasks(settings):
    """Tasks are kept, not run (django-tasks' DummyBackend), so what is queued can be seen:
    yields the list of their results."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend.results
    default_task_backend.clear()
