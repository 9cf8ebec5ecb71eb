"""Search reads a full-text index on each database (FTS5 on SQLite, the GIN indexes on
PostgreSQL), kept true by every write, and never scans profiles with LIKE."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.page_generation import new_generation
from profiles.revisions import latest_revision
from profiles.search_index import TABLE, is_indexed, rebuild_index
from profiles.services import redact_revision, save_profile
from tests.conftest import make_user
from tests.factories import make_profile, make_relationship
from tests.html import parse

pytestmark = pytest.mark.django_db

ON_SQLITE = connection.vendor == "sqlite"


def result_names(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    return [a.get_text() for a in parse(response).select(".search-result h2 a")]


def indexed_text(profile):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, aliases, lead, body, facts FROM {TABLE} WHERE rowid = %s", [profile.pk]
        )
        return cursor.fetchone()


def test_sqlite_keeps_an_fts5_table_and_postgresql_none():
    assert is_indexed() == ON_SQLITE
    tables = connection.introspection.table_names(include_views=True)
    with connection.cursor() as cursor:
        if ON_SQLITE:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [TABLE])
            assert "USING fts5" in cursor.fetchone()[0]
        else:
            assert TABLE not in tables


def test_the_index_holds_what_a_reader_sees_and_follows_every_edit(client):
    profile = make_profile(
        "Harbor Literacy Fund",
        aliases="HLF",
        lead="It runs **reading** rooms.[^first]",
        body="## Programs\n\nA lighthouse festival.[^first]",
        facts=[("Founders", "Marguerite Okafor[^first]")],
    )
    if ON_SQLITE:
        name, aliases, lead, body, facts = indexed_text(profile)
        assert (name, aliases, lead, facts) == (
            "Harbor Literacy Fund",
            "HLF",
            "It runs reading rooms.",
            "Marguerite Okafor",
        )
        assert "lighthouse festival" in body and "[^first]" not in body
    for words in ("HLF", "reading rooms", "lighthouse", "Okafor"):
        assert result_names(client, words) == ["Harbor Literacy Fund"], words
    profile.lead = "It lends bicycles.[^first]"
    save_profile(profile, user=None, comment="New programme.")
    if ON_SQLITE:
        assert indexed_text(profile)[2] == "It lends bicycles."


def test_an_edit_is_found_at_once_and_the_old_words_no_longer(client):
    profile = make_profile("Harbor Literacy Fund", lead="It runs reading rooms.[^first]")
    profile.lead = "It lends bicycles to students.[^first]"
    save_profile(profile, user=None, comment="New programme.")
    assert result_names(client, "bicycles") == ["Harbor Literacy Fund"]
    assert result_names(client, "reading rooms") == []


def test_a_connection_change_keeps_both_profiles_findable(client):
    fund = make_profile("Harbor Literacy Fund", lead="It runs reading rooms.[^first]")
    council = make_profile("Tidewater Housing Council", lead="A tenants group.[^first]")
    make_relationship(fund, council)
    assert result_names(client, "reading rooms") == ["Harbor Literacy Fund"]
    assert result_names(client, "tenants group") == ["Tidewater Housing Council"]


def test_a_published_draft_is_found_and_an_unpublished_profile_no_longer(client):
    draft = make_profile("Harbor Draft Fund", published=False)
    assert result_names(client, "harbor") == []
    draft.published = True
    save_profile(draft, user=None, comment="Published.")
    assert result_names(client, "harbor") == ["Harbor Draft Fund"]
    draft.published = False
    save_profile(draft, user=None, comment="Withdrawn.")
    assert result_names(client, "harbor") == []


def test_text_an_editor_hid_from_an_old_revision_is_never_found(client):
    editor = make_user("rhoda", staff=True, editor=True)
    editor.user_permissions.add(Permission.objects.get(codename="redact_revision"))
    profile = make_profile("Harbor Literacy Fund", lead="A reading fund.[^first]")
    profile.lead = "A reading fund. Quillon Marsh embezzled it.[^first]"
    save_profile(profile, user=None, comment="Added a claim.")
    bad = latest_revision(profile)
    profile.lead = "A reading fund.[^first]"
    save_profile(profile, user=None, comment="Removed an unsourced claim.")
    redact_revision(bad, user=editor, hidden={"text"}, reason="Unsourced.")
    assert result_names(client, "Quillon embezzled") == []


def test_the_migration_fills_the_index_from_stored_profiles(client):
    make_profile("Harbor Literacy Fund", lead="It runs reading rooms.[^first]")
    if ON_SQLITE:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
        new_generation()  # raw SQL sends no signal: the stored search page is retired by hand
        assert result_names(client, "reading") == []
    rebuild_index()
    new_generation()
    assert result_names(client, "reading") == ["Harbor Literacy Fund"]


def test_a_search_reads_the_index_not_every_profile(client):
    make_profile("Harbor Literacy Fund")
    with CaptureQueriesContext(connection) as queries:
        result_names(client, "harbor reading")
    ranked = next(query["sql"] for query in queries if "score" in query["sql"])
    where = ranked.upper().split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    assert ("MATCH" if ON_SQLITE else "@@") in where
    assert "LIKE" not in where, "words are matched by the index, not by scanning text"
