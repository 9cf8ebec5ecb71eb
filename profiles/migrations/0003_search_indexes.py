"""Full-text and trigram indexes for /search/ on PostgreSQL; nothing on other databases.

The indexes are on expressions, not on columns of the models, so the models stay the same on
every database and `makemigrations --check` stays clean. The expressions must stay identical to
the ones profiles.search builds (tests/profiles/test_search.py checks that the planner uses them).
"""

from django.db import migrations

PROFILE_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(name, '') || ' ' || "
    "COALESCE(aliases, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(lead, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')"
)
FACT_VECTOR = "to_tsvector('english'::regconfig, COALESCE(value, ''))"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # profiles.search: the weighted document of a profile (name and aliases, lead, body).
    f"CREATE INDEX IF NOT EXISTS profiles_profile_search_gin "
    f"ON profiles_profile USING gin (({PROFILE_VECTOR}))",
    # profiles.search: infobox values count as body text.
    f"CREATE INDEX IF NOT EXISTS profiles_fact_search_gin "
    f"ON profiles_fact USING gin (({FACT_VECTOR}))",
    # profiles.search: misspelled names ("did you mean") by trigram word similarity.
    "CREATE INDEX IF NOT EXISTS profiles_profile_name_trgm "
    "ON profiles_profile USING gin (name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS profiles_profile_name_trgm",
    "DROP INDEX IF EXISTS profiles_fact_search_gin",
    "DROP INDEX IF EXISTS profiles_profile_search_gin",
    # The extension stays: other database objects may use it, and it is harmless.
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_seed_categories_and_labels")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
