from django import template

from profiles.permissions import can_import_pages

register = template.Library()


@register.inclusion_tag("admin/profiles/_import_pages_link.html", takes_context=True)
def import_pages_link(context):
    """A link to "Import pages" on the admin index, for the editors who may use it."""
    return {"show": can_import_pages(context["request"].user)}
