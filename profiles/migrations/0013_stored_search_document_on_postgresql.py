"""On PostgreSQL, the weighted document of a profile stored in a generated column,
``search_document``, with the GIN index of migration 0003 moved onto it; nothing on other
databases (SQLite has its FTS5 table, migration 0008).

Ranking a broad query reads the document of every matching profile: from an expression index
PostgreSQL recomputes it (parsing the lead and body again) for each of thousands of rows, and
from a stored column it only reads it. The column is no field of the model, so the models and
`makemigrations --check` stay the same on every database; PostgreSQL keeps it up to date on
every write. profiles.search reads it by name.
"""

from django.db import migrations

PROFILE_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(name, '') || ' ' || "
    "COALESCE(aliases, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(lead, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')"
)

FORWARD = [
    f"ALTER TABLE profiles_profile ADD COLUMN IF NOT EXISTS search_document tsvector "
    f"GENERATED ALWAYS AS ({PROFILE_VECTOR}) STORED",
    "DROP INDEX IF EXISTS profiles_profile_search_gin",
    # profiles.search: the words of a query, matched in the stored document.
    "CREATE INDEX profiles_profile_search_gin ON profiles_profile USING gin (search_document)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS profiles_profile_search_gin",
    "ALTER TABLE profiles_profile DROP COLUMN IF EXISTS search_document",
    f"CREATE INDEX profiles_profile_search_gin ON profiles_profile USING gin (({PROFILE_VECTOR}))",
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("profiles", "0012_profile_name_index")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
