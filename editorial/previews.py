"""The page a suggested edit would make: the profile with the suggestion applied, rendered by
the public page's own code, new sources numbered among the old ones. Nothing is saved.

The contributor's preview shows it beside the diff (editorial.views), so that they see the
references numbered as readers will, not only the words that changed.
"""

import copy

from django.core.exceptions import ValidationError

from editorial.infobox import facts_from_text
from editorial.services import source_fields
from profiles.connections import connection_markers, relationships_of
from profiles.models import Citation, Source
from profiles.presentation import missing_text_links, profile_page
from profiles.workspace.pages import preview_source_ids


def suggested_page(profile, values, new_sources, *, citations=None):
    """The ProfilePage of ``profile`` with ``values`` (field -> new text) applied and the
    ``new_sources`` (as a suggestion stores them) cited under their keys.

    ``citations`` are the profile's citations with their sources, when the caller has them.
    Returns (the unsaved profile to show, its page).
    """
    shown = copy.copy(profile)
    values = dict(values)
    infobox = values.pop("infobox", None)
    for name, value in values.items():
        setattr(shown, name, value)
    if citations is None:
        citations = list(profile.citations.select_related("source"))
    keys = {citation.key for citation in citations}
    citations = citations + [
        Citation(key=data["key"], source=unsaved_source(data))
        for data in new_sources
        if data["key"] not in keys
    ]
    facts = [copy.copy(fact) for fact in profile.facts.select_related("label")]
    if infobox is not None:
        facts = facts_or_unchanged(facts, infobox)
    relationships = list(relationships_of(profile))
    sources = preview_source_ids(citations)
    rendered = shown.render(
        [fact.value for fact in facts],
        {citation.key: sources[id(citation)] for citation in citations},
        connection_markers(profile, relationships),
    )
    for fact, html in zip(facts, rendered.fact_html, strict=True):
        fact.value_html = html
    page = profile_page(
        shown,
        types=list(profile.types.all()),
        facts=facts,
        citations=citations,
        relationships=relationships,
        missing=missing_text_links(shown, facts),
    )
    return shown, page


def unsaved_source(data):
    return Source(url=data["url"], **source_fields(data))


def facts_or_unchanged(facts, text):
    try:
        return facts_from_text(facts, text)
    except ValidationError:
        return facts
