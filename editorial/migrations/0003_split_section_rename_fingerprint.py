from django.db import migrations, models


def split_section(apps, schema_editor):
    """An error report's "section" named the part of the profile it is about."""
    Suggestion = apps.get_model("editorial", "Suggestion")
    for suggestion in Suggestion.objects.filter(kind="error").exclude(section_anchor=""):
        suggestion.report_part, suggestion.section_anchor = suggestion.section_anchor, ""
        suggestion.save(update_fields=["report_part", "section_anchor"])


def join_section(apps, schema_editor):
    Suggestion = apps.get_model("editorial", "Suggestion")
    for suggestion in Suggestion.objects.filter(kind="error").exclude(report_part=""):
        suggestion.section_anchor = suggestion.report_part
        suggestion.save(update_fields=["section_anchor"])


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_suggestion_fingerprint_and_spam_reason"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="suggestion", name="unique_pending_suggestion"),
        migrations.RenameField(
            model_name="suggestion", old_name="fingerprint", new_name="content_hash"
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending"), models.Q(("content_hash", ""), _negated=True)),
                fields=("content_hash",),
                name="unique_pending_suggestion",
                violation_error_message="The same suggestion is already waiting for review.",
            ),
        ),
        migrations.RenameField(
            model_name="suggestion", old_name="section", new_name="section_anchor"
        ),
        migrations.AlterField(
            model_name="suggestion",
            name="section_anchor",
            field=models.CharField(
                blank=True,
                help_text="For an edit of one section: the anchor of the section edited.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="report_part",
            field=models.CharField(
                blank=True,
                help_text=(
                    "For an error report: the part of the profile it is about (lead, infobox, "
                    "references or a section's anchor); empty for the whole profile."
                ),
                max_length=200,
            ),
        ),
        migrations.RunPython(split_section, join_section),
    ]
