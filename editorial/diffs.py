"""The diff a contributor previews and an editor reviews: the profile as it is now against the
profile with the suggested field values and new sources (profiles.diffs snapshots, compared)."""

from dataclasses import replace

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
    """ProfileDiff from the profile now to the profile with values (field -> text) applied."""
    current = snapshot_of_profile(profile)
    keys = {citation["key"] for citation in current.citations}
    citations = current.citations + [
        new_citation_entry(source) for source in new_sources if source["key"] not in keys
    ]
    proposed = replace(current, **values, citations=sorted(citations, key=lambda c: c["key"]))
    return diff_snapshots(current, proposed)
