from django.db import migrations

# slug, name, forward label, reverse label, subject kind, object kind, symmetric, has amount,
# schema.org property on the subject, on the object
RELATIONSHIP_TYPES = [
    ("board-member", "Board membership", "Board member of", "Board members",
     "person", "organization", False, False, "memberOf", "member"),
    ("officer", "Officer or director", "Officer or director of", "Officers and directors",
     "person", "organization", False, True, "worksFor", "employee"),
    ("employee", "Employment", "Employee of", "Staff",
     "person", "organization", False, True, "worksFor", "employee"),
    ("funded", "Funding", "Funded", "Funded by",
     "any", "any", False, True, "", "funder"),
    ("project-of", "Project", "Project of", "Projects",
     "organization", "organization", False, False, "parentOrganization", "subOrganization"),
    ("subsidiary-of", "Subsidiary", "Parent organization", "Subsidiaries",
     "organization", "organization", False, False, "parentOrganization", "subOrganization"),
    ("member-of", "Membership", "Member of", "Members",
     "any", "organization", False, False, "memberOf", "member"),
    ("founder-of", "Founding", "Founder of", "Founders",
     "any", "organization", False, False, "", "founder"),
    ("co-signed", "Co-signed statement", "Co-signed with", "Co-signed with",
     "organization", "organization", True, False, "", ""),
    ("connected", "Other connection", "Connected to", "Connected to",
     "any", "any", True, False, "", ""),
]  # fmt: skip


def seed(apps, schema_editor):
    RelationshipType = apps.get_model("profiles", "RelationshipType")
    for position, row in enumerate(RELATIONSHIP_TYPES):
        slug, name, forward, reverse, subject, object_, symmetric, amount, on_subject, on_object = (
            row
        )
        RelationshipType.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "forward_label": forward,
                "reverse_label": reverse,
                "subject_kind": subject,
                "object_kind": object_,
                "symmetric": symmetric,
                "has_amount": amount,
                "schema_subject_property": on_subject,
                "schema_object_property": on_object,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    slugs = [row[0] for row in RELATIONSHIP_TYPES]
    apps.get_model("profiles", "RelationshipType").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0004_relationships")]

    operations = [migrations.RunPython(seed, unseed)]
