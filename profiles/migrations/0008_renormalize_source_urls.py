"""Recompute every source's normalized URL after the list of tracking parameters grew, so that a
page pasted again with ?igshid= or a Facebook ?ref= finds the source already stored.

A source whose new form is already another source's keeps its old form (the unique index allows
no two alike) and is named, for an editor to merge the two by hand; nothing is merged silently.
"""

from django.db import migrations

from profiles.urlnorm import normalize_url


def renormalize(Source, report=print):
    """Give each source its URL's current normalized form; return the pks left as they were."""
    taken = dict(Source.objects.exclude(normalized_url="").values_list("normalized_url", "pk"))
    kept = []
    for pk, url, old in Source.objects.order_by("pk").values_list("pk", "url", "normalized_url"):
        new = normalize_url(url)
        if new == old:
            continue
        if new and taken.get(new, pk) != pk:
            kept.append(pk)
            report(f"Source {pk} is the same page as source {taken[new]} ({new}): merge them.")
            continue
        # A derived column of the row, as Source.save() writes it: no revision needed.
        Source.objects.filter(pk=pk).update(normalized_url=new)
        taken.pop(old, None)
        if new:
            taken[new] = pk
    return kept


def forward(apps, schema_editor):
    renormalize(apps.get_model("profiles", "Source"))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0007_source_link_health_and_archived_copies")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
