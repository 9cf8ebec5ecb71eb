"""A profile's connections as its page shows them: grouped by type and side, in a fixed order,
each with the markers of its citations.

The same order numbers the connections' citations into the reference list when the profile is
rendered (``connection_markers``) and lays out the section when it is shown
(``connection_groups``), so every marker links to the entry that was numbered for it.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from profiles.models import Relationship, RelationshipCitation


def relationships_of(profile):
    """Every relationship of the profile, from both sides, with what a page needs of it."""
    return (
        Relationship.objects.filter(Q(subject=profile) | Q(object=profile))
        .select_related("type", "subject__category", "object__category")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=RelationshipCitation.objects.select_related("source").order_by("pk"),
            )
        )
    )


def is_shown(profile, relationship):
    """A connection shows on a profile when the profile at its other end is published."""
    return relationship.other(profile).published


def sort_key(profile, relationship):
    side = relationship.side_of(profile)
    started = relationship.start_date or date.min
    return (
        relationship.type.position,
        relationship.type_id,
        0 if side == "subject" or relationship.type.symmetric else 1,
        not relationship.is_current,
        -started.toordinal(),
        relationship.pk,
    )


def shown_in_order(profile, relationships):
    return sorted(
        (r for r in relationships if is_shown(profile, r)), key=lambda r: sort_key(profile, r)
    )


def connection_markers(profile, relationships):
    """(marker key, source id) for each citation of each shown connection, in page order."""
    return [
        (citation.marker_key, citation.source_id)
        for relationship in shown_in_order(profile, relationships)
        for citation in relationship.citations.all()
    ]


@dataclass
class Connection:
    """One row of the Connections section."""

    relationship: Relationship
    other: object
    markers: list = field(default_factory=list)  # [{"number", "anchor"}]

    @property
    def role(self):
        return self.relationship.role

    @property
    def dates(self):
        return date_range(self.relationship)

    @property
    def amount(self):
        return amount_display(self.relationship)


@dataclass
class ConnectionGroup:
    """The connections of one type on one side: "Board members (4)"."""

    label: str
    type_slug: str
    side: str
    connections: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.connections)

    @property
    def has_roles(self):
        return any(c.role for c in self.connections)

    @property
    def has_amounts(self):
        return any(c.relationship.amount is not None for c in self.connections)


def connection_groups(profile, relationships):
    """The shown connections as groups, each row with its markers' numbers and anchors, read
    from the profile's stored references (so an old revision shows its own numbering)."""
    anchors = {
        marker["key"]: {"number": reference["number"], "anchor": marker["anchor"]}
        for reference in profile.references
        for marker in reference["markers"]
    }
    groups = []
    for relationship in shown_in_order(profile, relationships):
        side = relationship.side_of(profile)
        label = relationship.type.label_for(side)
        if not groups or (groups[-1].type_slug, groups[-1].label) != (
            relationship.type.slug,
            label,
        ):
            groups.append(ConnectionGroup(label, relationship.type.slug, side))
        markers = [
            anchors[citation.marker_key]
            for citation in relationship.citations.all()
            if citation.marker_key in anchors
        ]
        groups[-1].connections.append(
            Connection(relationship, relationship.other(profile), markers)
        )
    return groups


def date_range(relationship):
    """ "2015–2019", "since March 2021", "until 2019", or "" when no date is known."""
    start, end = relationship.start_display, relationship.end_display
    if start and end:
        return _("%(start)s – %(end)s") % {"start": start, "end": end}
    if start:
        if relationship.is_current:
            return _("since %(start)s") % {"start": start}
        return start  # something that happened then: a grant, a statement
    if end:
        return _("until %(end)s") % {"end": end}
    return ""


def amount_display(relationship):
    """ "$25,000" (or "25,000 EUR"), or "" when the relationship has no amount."""
    amount = relationship.amount
    if amount is None:
        return ""
    whole = amount == amount.to_integral_value()
    text = number_format(
        amount.quantize(Decimal(1)) if whole else amount,
        decimal_pos=0 if whole else 2,
        use_l10n=True,
        force_grouping=True,
    )
    currency = relationship.currency or "USD"
    return f"${text}" if currency == "USD" else f"{text} {currency}"
