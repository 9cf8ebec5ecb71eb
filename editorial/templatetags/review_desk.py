from django import template
from django.db.models import Count, Min, Q

from editorial.models import Suggestion
from editorial.permissions import can_review

register = template.Library()


@register.inclusion_tag("admin/editorial/_review_desk_summary.html", takes_context=True)
def review_desk_summary(context):
    """The pending count and the oldest item's age, for editors on the admin index."""
    user = context["request"].user
    if not can_review(user):
        return {"show": False}
    summary = Suggestion.objects.pending().aggregate(
        count=Count("pk"), conflicts=Count("pk", filter=Q(has_conflict=True)), oldest=Min("created")
    )
    return {"show": True, **summary}
