"""A contributor's edit as data: the fields they may change, one section of the body, what they
changed, and the change merged with the profile as it is now (three-way, editorial.merging).

The suggest form, its preview, the review desk and the approval all work from these, so a
section is found, cut and spliced back alike everywhere.
"""

import hashlib
import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from editorial.infobox import infobox_text
from editorial.merging import Conflict, MergeResult, conflict_block, merge_text, normalize_text
from profiles.markup import body_sections
from profiles.revisions import latest_revision_id, load_profile_revision

# The profile fields a contributor may change, in the order forms and diffs show them.
# "infobox" is the facts as text, one row a line (editorial.infobox).
EDITABLE_FIELDS = {
    "name": gettext_lazy("Name"),
    "lead": gettext_lazy("Introduction"),
    "infobox": gettext_lazy("At a glance (infobox)"),
    "body": gettext_lazy("Text"),
    "location": gettext_lazy("Location"),
    "aliases": gettext_lazy("Also known as"),
}


def profile_field(profile, name):
    """The text of one editable field of a live profile (the infobox from its facts)."""
    if name == "infobox":
        return infobox_text(profile.facts.select_related("label"))
    return getattr(profile, name)


def profile_fields(profile):
    return {name: profile_field(profile, name) for name in EDITABLE_FIELDS}


def content_digest(content):
    """A SHA-256 digest of JSON-serializable content: the same content, the same digest."""
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def fields_seen_at(profile, revision_id):
    """The editable fields as a contributor saw them: as that revision stored them, or as they
    are now for a profile that had no revision yet. None if there is no such revision."""
    if not revision_id or revision_id == latest_revision_id(profile):
        return profile_fields(profile)
    old = load_profile_revision(profile.pk, revision_id)
    if old is None:
        return None
    fields = {name: getattr(old.profile, name, "") or "" for name in EDITABLE_FIELDS}
    fields["infobox"] = infobox_text(old.facts)
    return fields


def profile_state(profile):
    """A digest of the editable fields: the review page sends it back with an approval, so that
    a profile changed under the reviewer is noticed (not a revision id: an unrelated change,
    to the infobox say, needs no second look)."""
    fields = profile_fields(profile)
    return content_digest([normalize_text(fields[name]) for name in EDITABLE_FIELDS])


def find_section(body, anchor):
    return next((s for s in body_sections(body) if s["anchor"] == anchor), None)


def section_text(body, anchor):
    """The text of one ## section of the body (heading included), or None if it is not there."""
    section = find_section(body, anchor)
    if section is None:
        return None
    return "\n".join(body.split("\n")[section["start"] : section["end"]]).strip("\n")


def splice_section(body, anchor, text):
    """The body with one section replaced by text, by the section's line range."""
    section = find_section(body, anchor)
    lines = body.split("\n")
    new_lines = text.strip("\n").split("\n") if text.strip() else []
    after = lines[section["end"] :]
    if new_lines and any(line.strip() for line in after):
        new_lines.append("")  # keep a blank line before the next heading
    return "\n".join(lines[: section["start"]] + new_lines + after)


def edited_text(fields, name, section=""):
    """The text a contributor edits of one field: all of it or, for the body edited one ##
    section at a time (section is its anchor), that section ("" if the body has none such)."""
    text = normalize_text(fields.get(name, ""))
    if name == "body" and section:
        return section_text(text, section) or ""
    return text


def changed_fields(base_fields, texts, section=""):
    """The edited texts that differ from what the contributor saw, as a suggestion stores them:
    {name: {"base": the text they saw, "proposed": their text}}."""
    changes = {}
    for name, text in texts.items():
        base, proposed = edited_text(base_fields, name, section), normalize_text(text)
        if proposed != base:
            changes[name] = {"base": base, "proposed": proposed}
    return changes


def proposed_value(current, text, section=""):
    """A field's new value when text is proposed for it: the text itself or, for an edit of one
    ## section of the body (section is its anchor), the body current with that section replaced.

    The preview and the approval both go through here, so they splice a section alike.
    """
    text = normalize_text(text)
    if not section:
        return text
    return splice_section(normalize_text(current), section, text)


def fields_with_changes(profile, changes, *, section="", base_fields=None):
    """The profile's editable fields with the changes applied, as the contributor previews them.

    A section edit goes into the body as it is now or, if the profile has lost that section
    since the contributor opened the form, into the body they saw.
    """
    values = {name: normalize_text(profile_field(profile, name)) for name in changes}
    for name, change in changes.items():
        current = values[name]
        if section and section_text(current, section) is None:
            current = base_fields["body"]
        values[name] = proposed_value(current, change["proposed"], section)
    return values


@dataclass
class MergedField:
    """One field of an edit suggestion, merged with the profile as it is now.

    For a one-section edit of the body, base, current and proposed are that section's text.
    If the section is gone from the profile, current is the whole body and the merged text
    holds the suggested section as a conflict for the editor to place.
    """

    name: str
    base: str
    current: str
    proposed: str
    merged: MergeResult
    section: str = ""
    section_found: bool = True

    @property
    def label(self):
        return EDITABLE_FIELDS[self.name]

    @property
    def has_conflict(self):
        return self.merged.has_conflicts

    @property
    def whole_field(self):
        return not self.section or not self.section_found

    def full_value(self, profile, text):
        """The new value of the profile's field when this change's text is text."""
        if self.whole_field:
            return normalize_text(text)
        return proposed_value(getattr(profile, self.name), text, self.section)


def merge_suggestion(suggestion, profile):
    """Merge each changed field: base = what the contributor saw, ours = now, theirs = theirs."""
    anchor = suggestion.section_anchor
    changes = []
    for name in EDITABLE_FIELDS:
        change = suggestion.proposed_changes.get(name)
        if change is None:
            continue
        base, proposed = change["base"], change["proposed"]
        if name == "body" and anchor:
            body = normalize_text(profile.body)
            current = section_text(body, anchor)
            if current is None:
                conflict = Conflict(base, "", proposed)
                merged = MergeResult(
                    f"{body}\n\n{conflict_block(conflict)}".lstrip(),
                    [conflict],
                    [f"{body}\n\n", conflict],
                )
                changes.append(MergedField(name, base, body, proposed, merged, anchor, False))
                continue
            merged = merge_text(base, current, proposed)
            changes.append(MergedField(name, base, current, proposed, merged, anchor))
        else:
            current = normalize_text(profile_field(profile, name))
            merged = merge_text(base, current, proposed)
            changes.append(MergedField(name, base, current, proposed, merged))
    return changes


def merged_values(profile, changes, texts=None):
    """The new full values of the changed fields: the merged texts, or the editor's texts."""
    texts = texts or {}
    return {
        change.name: change.full_value(profile, texts.get(change.name, change.merged.text))
        for change in changes
    }
