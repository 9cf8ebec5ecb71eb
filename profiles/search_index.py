"""The full-text index of profiles on SQLite: an FTS5 table that /search/ reads instead of
scanning every profile with LIKE. PostgreSQL needs none (its indexes are on expressions of the
profile's own columns, migration 0003), so everything here does nothing there.

One row per profile, its rowid the profile's id, holding what a reader sees: the name, the
aliases, the lead, the body and the infobox values as plain text (no Markdown, no reference
markers). profiles.services writes the row whenever it writes or re-renders a profile, so
the index is as true as the stored HTML; drafts are indexed too and left out by the search's
join with the published profiles, so publishing a draft needs no other step.

``rebuild_index`` fills it from the tables (migration 0008, and the benchmark's bulk loader,
which writes rows without the services).
"""

from django.db import connection as default_connection

from profiles.snippets import plain_text

TABLE = "profiles_profile_fts"
COLUMNS = ("name", "aliases", "lead", "body", "facts")
# bm25() weights, in the order of COLUMNS: a word in the name counts most.
WEIGHTS = (10.0, 8.0, 4.0, 2.0, 1.0)
# Porter stemming, so that "tenant" finds "tenants" as PostgreSQL's English configuration does;
# accents folded, so that "Ünïcode" finds "Unicode".
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    f"{', '.join(COLUMNS)}, tokenize = 'porter unicode61 remove_diacritics 2')"
)
INSERT = (
    f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) "
    f"VALUES (%s, {', '.join(['%s'] * len(COLUMNS))})"
)


def is_indexed(connection=default_connection):
    """Whether this database keeps the FTS5 index (SQLite does; PostgreSQL has its own)."""
    return connection.vendor == "sqlite"


def entry(profile_id, name, aliases, lead_html, body_html, fact_html):
    return (
        profile_id,
        name,
        aliases,
        plain_text(lead_html),
        plain_text(body_html),
        " ".join(plain_text(html) for html in fact_html),
    )


def index_profile(profile, fact_html):
    """Write the profile's row, from its stored HTML and its facts' (``fact_html``)."""
    if not is_indexed():
        return
    row = entry(
        profile.pk, profile.name, profile.aliases, profile.lead_html, profile.body_html, fact_html
    )
    with default_connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [profile.pk])
        cursor.execute(INSERT, row)


def rebuild_index(connection=default_connection, batch=2000):
    """Index every profile again from the tables (raw SQL: migrations call it too)."""
    if not is_indexed(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)
        cursor.execute(f"DELETE FROM {TABLE}")
        last_id = 0
        while True:
            cursor.execute(
                "SELECT id, name, aliases, lead_html, body_html FROM profiles_profile "
                "WHERE id > %s ORDER BY id LIMIT %s",
                [last_id, batch],
            )
            profiles = cursor.fetchall()
            if not profiles:
                return
            last_id = profiles[-1][0]
            cursor.execute(
                "SELECT profile_id, value_html FROM profiles_fact "
                "WHERE profile_id BETWEEN %s AND %s ORDER BY profile_id, position, id",
                [profiles[0][0], last_id],
            )
            facts = {}
            for profile_id, html in cursor.fetchall():
                facts.setdefault(profile_id, []).append(html)
            cursor.executemany(INSERT, [entry(*row, facts.get(row[0], [])) for row in profiles])
