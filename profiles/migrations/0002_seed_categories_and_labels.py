from django.db import migrations

CATEGORIES = [
    # name, slug, plural name, is a person
    ("Non-profit", "non-profit", "Non-profits", False),
    ("For-profit", "for-profit", "For-profit companies", False),
    ("Person", "person", "People", True),
    ("Labor union", "labor-union", "Labor unions", False),
    ("Government agency", "government-agency", "Government agencies", False),
    ("Political party", "political-party", "Political parties", False),
    ("Political committee", "political-committee", "Political committees", False),
    ("Organization", "organization", "Other organizations", False),
    ("Network", "network", "Networks", False),
]

FACT_LABELS = [
    "Website",
    "Tax ID (EIN)",
    "FEC ID",
    "Formation",
    "Founders",
    "Executive director",
    "President",
    "Chair",
    "Parent organization",
    "Project of",
    "Issue areas",
    "Ideological alignment",
    "Occupation",
    "Most recent filing",
    "Budget",
    "Assets",
    "Revenue",
    "Expenses",
]


def seed(apps, schema_editor):
    Category = apps.get_model("profiles", "Category")
    FactLabel = apps.get_model("profiles", "FactLabel")
    for position, (name, slug, plural, is_person) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "plural_name": plural,
                "is_person": is_person,
                "position": position,
            },
        )
    for position, name in enumerate(FACT_LABELS):
        FactLabel.objects.update_or_create(name=name, defaults={"position": position})


def unseed(apps, schema_editor):
    apps.get_model("profiles", "FactLabel").objects.filter(name__in=FACT_LABELS).delete()
    slugs = [slug for _, slug, _, _ in CATEGORIES]
    apps.get_model("profiles", "Category").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
