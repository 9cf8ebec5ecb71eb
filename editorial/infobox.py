"""The infobox as text a contributor can edit and a merge can reconcile: one row a line.

    Website: https://harborliteracy.example
    Budget (as of 2023-12-31): $1.2 million[^annual-2023]

A row that shows a connection instead of a value (profiles.Fact.relationship) is not part of
the text: no suggestion changes it, and applying one keeps it where it was. Lines merge like
any text (editorial.merging), so two suggestions to different rows both apply.
"""

import copy
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from profiles.models import Fact, FactLabel

ROW_RE = re.compile(
    r"^(?P<label>[^:]+?)(?: \(as of (?P<as_of>\d{4}-\d{2}-\d{2})\))?: (?P<value>.*)$"
)


def editable(fact):
    return not fact.relationship_id


def infobox_line(label, value, as_of):
    dated = f" (as of {as_of.isoformat()})" if as_of else ""
    return f"{label}{dated}: {value}".rstrip()


def infobox_text(facts):
    """The text of the facts that carry a value, in infobox order."""
    return "\n".join(
        infobox_line(fact.label.name, fact.value, fact.as_of) for fact in facts if editable(fact)
    )


def parse_infobox(text):
    """[(FactLabel, value, as_of)] of each non-empty line, or ValidationError naming the first
    line that is not "Label: value" with a label of the managed list."""
    labels = {label.name.casefold(): label for label in FactLabel.objects.all()}
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = ROW_RE.match(line.strip() + (" " if line.strip().endswith(":") else ""))
        label = labels.get(match["label"].strip().casefold()) if match else None
        if label is None:
            raise ValidationError(
                _(
                    "Line %(number)s of the infobox, “%(line)s”, is not a row: write “Label: "
                    "value”, with one of these labels: %(labels)s."
                )
                % {
                    "number": number,
                    "line": line.strip(),
                    "labels": ", ".join(label.name for label in labels.values()),
                }
            )
        try:
            as_of = date.fromisoformat(match["as_of"]) if match["as_of"] else None
        except ValueError:
            raise ValidationError(
                _("Line %(number)s of the infobox has a date that does not exist: %(date)s.")
                % {"number": number, "date": match["as_of"]}
            ) from None
        rows.append((label, match["value"].strip(), as_of))
    return rows


def facts_from_text(facts, text):
    """The profile's facts with the text's rows in place of the editable ones: unsaved Fact
    instances for save_profile, an existing row reused where its label and value stay, and
    connection rows kept at their places. Raises ValidationError like parse_infobox."""
    rows = parse_infobox(text)
    reusable = [fact for fact in facts if editable(fact)]
    editable_facts = []
    for label, value, as_of in rows:
        same = next(
            (f for f in reusable if f.label_id == label.pk and f.value == value), None
        ) or next((f for f in reusable if f.label_id == label.pk), None)
        if same is not None:
            reusable.remove(same)
            fact = copy.copy(same)  # the caller's rows stay as they were
        else:
            fact = Fact()
        fact.label, fact.value, fact.as_of = label, value, as_of
        editable_facts.append(fact)
    # Connection rows keep their slots among the rows; the text's rows fill the others.
    slots = iter(editable_facts)
    result = []
    for fact in facts:
        if editable(fact):
            following = next(slots, None)
            if following is not None:
                result.append(following)
        else:
            result.append(fact)
    result.extend(slots)
    for position, fact in enumerate(result):
        fact.position = position
    return result


def snapshot_rows(facts, text):
    """The (label, value, as_of) rows a diff compares, for the facts with the text applied."""
    return [(fact.label.name, fact.value, fact.as_of) for fact in facts_from_text(facts, text)]
