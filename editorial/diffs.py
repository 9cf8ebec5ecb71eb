"""The diff a contributor previews and an editor reviews: the profile as it is now against the
profile with the suggested field values and new sources (profiles.diffs snapshots, compared)."""

from dataclasses import replace

from django.core.exceptions import ValidationError

from editorial.infobox import snapshot_rows
from profiles.diffs import diff_snapshots, snapshot_of_profile


def new_citation_entry(source):
    return {
        "key": source["key"],
        "source_id": None,
        "source_title": source["title"],
        "source_url": source["url"],
        "accessed": None,
        "pinpoint": "",
    }


def diff_against_profile(profile, values, new_sources=()):
    """ProfileDiff from the profile now to the profile with values (field -> text) applied;
    an "infobox" value is the facts as text (editorial.infobox), compared row by row."""
    current = snapshot_of_profile(profile)
    values = dict(values)
    if "infobox" in values:
        facts = list(profile.facts.select_related("label"))
        values["facts"] = rows_or_unchanged(facts, values.pop("infobox"), current.facts)
    keys = {citation["key"] for citation in current.citations}
    citations = current.citations + [
        new_citation_entry(source) for source in new_sources if source["key"] not in keys
    ]
    proposed = replace(current, **values, citations=sorted(citations, key=lambda c: c["key"]))
    return diff_snapshots(current, proposed)


def rows_or_unchanged(facts, text, current_rows):
    """The infobox rows with the text applied; the rows as they are if the text is not valid
    (the form says what is wrong with it)."""
    try:
        return snapshot_rows(facts, text)
    except ValidationError:
        return current_rows
