"""A little life in the demo: a later revision to compare, and suggestions waiting for review.

Only `make run` asks for it (load_demo --with-activity), so the tests' demo stays the plain
content; everything goes through the same services as real use.
"""

from editorial.merging import normalize_text
from editorial.services import submit_suggestion
from profiles.models import Profile
from profiles.revisions import latest_revision_id
from profiles.services import save_profile

UNION = "westmarch-service-workers-local-417"
FLAGSHIP = "riverton-tenants-alliance"


def add_demo_activity(editor):
    """Add the activity once, to a demo that has none yet; returns what was added."""
    union = Profile.objects.filter(slug=UNION).first()
    flagship = Profile.objects.filter(slug=FLAGSHIP).first()
    # The connections proposed by the demo's filings are there from the start.
    if not union or not flagship or flagship.suggestions.exclude(kind="relationship").exists():
        return []
    return [revise_union(union, editor), suggest_dues_change(flagship), tip_renters_union()]


def revise_union(union, editor):
    union.lead = union.lead.replace("about 14,000", "about 15,500")
    save_profile(
        union,
        user=editor,
        comment="Updated the membership count from the union's 2024 report.",
    )
    return "a second revision of Westmarch Service Workers Local 417"


def suggest_dues_change(flagship):
    lead = normalize_text(flagship.lead)
    submit_suggestion(
        kind="edit",
        profile=flagship,
        base_revision_id=latest_revision_id(flagship),
        proposed_changes={
            "lead": {"base": lead, "proposed": lead.replace("dues of $24", "dues of $30")}
        },
        message="The alliance's membership page now lists annual dues of $30, not $24.",
        contributor_name="Sam Reyes",
    )
    return "a suggested edit to Riverton Tenants Alliance"


def tip_renters_union():
    submit_suggestion(
        kind="tip",
        proposed_changes={"name": "Port Calloway Renters Union", "category": "labor-union"},
        new_sources=[
            {
                "key": "times-renters-union",
                "url": "https://www.port-calloway-times.example/2023/renters-union-founded/",
                "title": "Renters in Port Calloway Form a Citywide Union",
                "authors": "Ines Barrow",
                "publication": "Port Calloway Times",
                "date": "2023-04",
            }
        ],
        message="Several of our profiles mention it; it has organized 30 buildings since 2023.",
    )
    return "a tip for Port Calloway Renters Union"
