from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_datetime(value):
    """A datetime for <time datetime>: ISO 8601 to the second (HTML allows at most three
    decimals, and Django's "c" format gives six)."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
