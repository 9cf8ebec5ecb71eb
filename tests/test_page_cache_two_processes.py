"""Two server processes sharing the file page cache, as on the one-command install: after an
approval, a source edit, a connection change or a rename, the very next anonymous request for
every page the write touched shows it, whichever process answers."""

import urllib.request

import pytest

from editorial.services import approve_suggestion
from profiles.services import save_profile, save_source
from tests.factories import make_profile, make_relationship, make_source, make_suggestion
from tests.servers import gunicorn

TRIALS = 100


def page(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


@pytest.fixture
def two_servers(tmp_path, settings):
    """Two single-worker gunicorns, and this test's own writes replacing the generation in
    the cache they share."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache" / "pages"),
        },
    }
    with gunicorn(tmp_path) as first, gunicorn(tmp_path) as second:
        yield [first, second]


class World:
    """The profiles the trials write to, and each kind of write with the pages it touches."""

    def __init__(self, editor):
        self.editor = editor
        self.source = make_source(title="Reading Programs Expand")
        self.fund = make_profile("Harbor Literacy Fund", citations={"first": self.source})
        self.circle = make_profile("Bayside Giving Circle", citations={"first": self.source})
        self.connection = make_relationship(self.circle, self.fund, role="Lead funder")

    def approval(self, n):
        self.fund.refresh_from_db()
        text = f"The fund opened reading room number {n}.[^first]"
        approve_suggestion(suggestion=make_suggestion(self.fund, lead=text), editor=self.editor)
        return f"reading room number {n}."

    def source_edit(self, n):
        self.source.title = f"Reading Programs Expand, part {n}"
        save_source(self.source, user=self.editor, comment="Corrected the title.")
        return self.source.title

    def connection_change(self, n):
        from profiles.services import save_relationship

        self.connection.role = f"Funder of round {n}"
        citations = list(self.connection.citations.all())
        save_relationship(self.connection, user=self.editor, comment="Role.", citations=citations)
        return self.connection.role

    def rename(self, n):
        self.circle.refresh_from_db()
        self.circle.name = f"Bayside Giving Circle {n}"
        save_profile(self.circle, user=self.editor, comment="Renamed.")
        return self.circle.name

    def pages(self, write):
        """The pages each kind of write changes."""
        profiles = [self.fund.get_absolute_url(), self.circle.get_absolute_url()]
        return {
            "approval": profiles[:1],
            "source_edit": [*profiles, f"/sources/{self.source.pk}/"],
            "connection_change": profiles,
            "rename": profiles,
        }[write.__name__]


@pytest.mark.django_db(transaction=True)
def test_no_page_is_stale_after_a_write_whichever_process_answers(two_servers, editor):
    world = World(editor)
    writes = [world.approval, world.source_edit, world.connection_change, world.rename]
    stale = []
    for n in range(TRIALS):
        write = writes[n % len(writes)]
        pages = world.pages(write)
        for server in two_servers:  # each process stores its copy of every page
            for path in pages:
                page(server + path)
        expected = write(n)
        for server in two_servers:
            for path in pages:
                if expected not in page(server + path):
                    stale.append((write.__name__, server, path))
    assert stale == [], f"{len(stale)} stale pages: {stale[:5]}"
