"""What a profile page tells machines: schema.org JSON-LD and a plain-text summary.

The JSON-LD describes the subject (an Organization, or a Person when the category is about
people) and, as its mainEntityOfPage, the ProfilePage itself with its dates and the sources it
cites. (Read the other way round, the same graph is a ProfilePage whose mainEntity is the
subject; dateModified and citation belong to the page in schema.org, not to the subject.)
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from profiles.identifiers import identifiers_of
from profiles.snippets import plain_text

# Characters that could end a <script> element or start a comment, escaped as JSON allows.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

SOURCE_TYPES = {
    "news": "NewsArticle",
    "filing": "Report",
    "government": "Report",
    "book": "Book",
    "web": "WebPage",
    "social": "SocialMediaPosting",
}
DATE_LENGTH = {"year": 4, "month": 7, "day": 10}


def summary(profile, length=300):
    """The lead as plain text, for descriptions and link previews."""
    return Truncator(plain_text(profile.lead_html)).chars(length)


def source_json_ld(source):
    data = {"@type": SOURCE_TYPES.get(source.kind, "CreativeWork"), "name": source.title}
    if source.url:
        data["url"] = source.url
    if source.authors:
        data["author"] = [name.strip() for name in source.authors.split(";") if name.strip()]
    if source.publication:
        data["publisher"] = {"@type": "Organization", "name": source.publication}
    if source.published_date:
        iso = source.published_date.isoformat()
        data["datePublished"] = iso[: DATE_LENGTH.get(source.date_precision, 10)]
    if source.archive_url:
        data["archivedAt"] = source.archive_url
    return data


def entity_json_ld(request, profile):
    return {
        "@type": "Person" if profile.category.is_person else "Organization",
        "name": profile.name,
        "url": request.build_absolute_uri(profile.get_absolute_url()),
    }


def connection_json_ld(request, profile, relationship):
    """(schema.org property, value) for a connection, or None when no property fits.

    A connection with a role or dates becomes a Role (schema.org's way to qualify a property),
    the entity wrapped in it under the same property.
    """
    side = relationship.side_of(profile)
    kind = relationship.type
    name = kind.schema_subject_property if side == "subject" else kind.schema_object_property
    if not name:
        return None
    value = entity_json_ld(request, relationship.other(profile))
    start, end = relationship.start_date, relationship.end_date
    if relationship.role or start or end:
        role = {"@type": "Role", name: value}
        if relationship.role:
            role["roleName"] = relationship.role
        if start:
            role["startDate"] = start.isoformat()[: DATE_LENGTH[relationship.start_precision]]
        if end:
            role["endDate"] = end.isoformat()[: DATE_LENGTH[relationship.end_precision]]
        value = role
    return name, value


def profile_json_ld(profile, *, url, sources, connections=(), request=None):
    """The JSON-LD of a profile at this absolute url, citing these sources (in page order),
    with its connections under the schema.org properties that fit them."""
    is_person = profile.category.is_person
    subject = {
        "@context": "https://schema.org",
        "@type": "Person" if is_person else "Organization",
        "@id": f"{url}#subject",
        "name": profile.name,
        "url": url,
        "description": summary(profile),
    }
    if profile.alias_list:
        subject["alternateName"] = profile.alias_list
    identifiers = identifiers_of(profile)
    if identifiers:
        subject["identifier"] = [identifier.as_json_ld() for identifier in identifiers]
    if profile.ein:
        subject["taxID"] = profile.ein
    if profile.location:
        place = {"@type": "Place", "name": profile.location}
        subject["homeLocation" if is_person else "location"] = place
    for relationship in connections:
        found = connection_json_ld(request, profile, relationship)
        if found:
            subject.setdefault(found[0], []).append(found[1])
    subject["mainEntityOfPage"] = {
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "name": profile.name,
        "dateCreated": profile.created.isoformat(),
        "dateModified": profile.updated.isoformat(),
        "citation": [source_json_ld(source) for source in sources],
    }
    return subject


def json_ld_script(data):
    """A <script type="application/ld+json"> element that no value in data can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def profile_metadata(request, profile, page):
    """The canonical address, description and JSON-LD of a profile page, from what the page
    has already loaded (no query)."""
    url = request.build_absolute_uri(profile.get_absolute_url())
    sources = [entry.source for entry in page.references]
    connections = [c.relationship for group in page.connections for c in group.connections]
    data = profile_json_ld(
        profile, url=url, sources=sources, connections=connections, request=request
    )
    return {
        "canonical_url": url,
        "description": summary(profile),
        "json_ld": json_ld_script(data),
    }
