"""The FTS5 full-text index of profiles that /search/ reads on SQLite (profiles.search_index),
made and filled from the stored profiles; nothing on PostgreSQL, whose full-text indexes are
those of migration 0003.

A virtual table is no model, so the models and `makemigrations --check` stay the same on every
database.
"""

from django.db import migrations

from profiles.search_index import TABLE, rebuild_index


def create_and_fill(apps, schema_editor):
    rebuild_index(schema_editor.connection)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("profiles", "0010_filings")]

    operations = [migrations.RunPython(create_and_fill, drop)]
