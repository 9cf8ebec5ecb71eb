from django import template

from profiles.licensing import content_license as configured_license

register = template.Library()


@register.simple_tag
def content_license():
    """The site's content licence, for the footer: {% content_license as license %}."""
    return configured_license()
