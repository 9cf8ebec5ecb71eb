"""Reading stored versions as plain data, and keeping them loadable across schema changes.

django-reversion stores each version as the JSON that Django's serializer wrote at the time.
Loading it through today's model silently drops fields that no longer exist and leaves renamed
ones blank, and reverting writes the blank back. So a migration that renames or removes a field
of a versioned model also rewrites its stored versions, with ``migrate_stored_versions`` in a
``RunPython`` step::

    def forwards(apps, schema_editor):
        migrate_stored_versions(apps, "profiles", "profile", renamed={"summary": "lead"})

A version that was not migrated is shown read-only from its stored data (profiles.revisions).

This module imports no models, so migrations can use it.
"""

import json


def fields_of(serialized_data):
    """The fields in a version's serialized data, or None when it cannot be read."""
    try:
        fields = json.loads(serialized_data)[0]["fields"]
    except (ValueError, TypeError, LookupError):
        return None
    return fields if isinstance(fields, dict) else None


def stored_fields(version):
    """The fields of a version as stored, or None when the stored data cannot be read."""
    return fields_of(version.serialized_data)


def migrate_stored_versions(apps, app_label, model_name, *, renamed=None, removed=()):
    """Rename or drop fields in every stored version of a model; returns how many changed.

    ``renamed`` maps old field names to new ones; ``removed`` lists fields that are gone (their
    data is dropped on purpose, so an old version no longer counts as unloadable).
    """
    renamed = renamed or {}
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return 0
    changed = 0
    for version in Version.objects.filter(content_type=content_type).iterator():
        try:
            records = json.loads(version.serialized_data)
        except ValueError:
            continue
        touched = False
        for record in records:
            fields = record.get("fields", {})
            for old, new in renamed.items():
                if old in fields:
                    fields[new] = fields.pop(old)
                    touched = True
            for name in removed:
                if name in fields:
                    del fields[name]
                    touched = True
        if touched:
            version.serialized_data = json.dumps(records)
            version.save(update_fields=["serialized_data"])
            changed += 1
    return changed
