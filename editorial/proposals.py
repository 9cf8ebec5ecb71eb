"""Proposed connections: a suggestion of kind "relationship" carries one connection, new or a
correction to an existing one, for an editor to approve in the review desk.

They come from the public form (with the contributor's source) and from import_filings (the
officers and grants of a return, cited to its filing, with the other profile matched by EIN or
by name). Approving one writes it through profiles.services.save_relationship: one revision of
both profiles. Until then it is nowhere public.

The connection is stored in the suggestion's ``proposed_changes["relationship"]``:
``id`` (the connection corrected, or None), ``type`` (a RelationshipType slug),
``profile_side`` ("subject" or "object": where the suggestion's profile stands), ``other``
({"id", "name", "ein", "match"}: the profile at the other end as matched, "ein", "name" or ""),
``role``, ``start``, ``end`` (partial dates), ``amount`` (a decimal string or "").
A filing's proposal also has ``source_id`` and ``pinpoint``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.connections import amount_display
from profiles.models import (
    Profile,
    Relationship,
    RelationshipCitation,
    RelationshipType,
    Source,
    parse_partial_date,
    partial_date_display,
)

IMPORT_CONTRIBUTOR = "IRS filing import"


def relationship_data(
    *, type_slug, profile_side, other, role="", start="", end="", amount=None, pk=None
):
    return {
        "id": pk,
        "type": type_slug,
        "profile_side": profile_side,
        "other": other,
        "role": role,
        "start": start,
        "end": end,
        "amount": "" if amount is None else str(amount),
    }


def matched(profile, how, name="", ein=""):
    """The "other" of a proposal: the profile found (or None) and how it was found."""
    return {
        "id": profile.pk if profile else None,
        "name": profile.name if profile else name,
        "ein": ein,
        "match": how if profile else "",
    }


# From filings -----------------------------------------------------------------------------------


def match_profiles(names, eins):
    """({ein: profile}, {lower-cased name: profile}) among every profile, in two queries."""
    by_ein = {p.ein: p for p in Profile.objects.filter(ein__in=[e for e in eins if e])}
    lowered = {name.lower() for name in names if name}
    by_name = {
        p.lowered: p
        for p in Profile.objects.annotate(lowered=Lower("name")).filter(lowered__in=lowered)
    }
    return by_ein, by_name


def propose_from_filing(profile, filing, parsed):
    """Put each officer and each grant of a return in the review desk as a proposed
    connection cited to the filing. Returns how many were proposed."""
    from editorial.services import DuplicateSuggestion, submit_suggestion

    names = [o.name for o in parsed.officers] + [g.name for g in parsed.grants]
    by_ein, by_name = match_profiles(names, [g.ein for g in parsed.grants])
    year = str(parsed.tax_year)
    proposals = []
    for officer in parsed.officers:
        other = by_name.get(officer.name.lower())
        data = relationship_data(
            type_slug="officer",
            profile_side="object",
            other=matched(other, "name", officer.name),
            role=officer.title,
            start=year,
            amount=officer.pay if officer.pay else None,
        )
        hours = (
            _(" (%(hours)s hours a week)") % {"hours": f"{officer.hours.normalize():f}"}
            if officer.hours is not None
            else ""
        )
        message = _("%(filing)s lists %(name)s as %(title)s%(hours)s.") % {
            "filing": filing,
            "name": officer.name,
            "title": officer.title or _("an officer"),
            "hours": hours,
        }
        proposals.append((data, message, _("List of officers, directors and key employees")))
    for grant in parsed.grants:
        other = by_ein.get(grant.ein) if grant.ein else None
        how = "ein" if other else "name"
        other = other or by_name.get(grant.name.lower())
        data = relationship_data(
            type_slug="funded",
            profile_side="subject",
            other=matched(other, how, grant.name, grant.ein),
            start=year,
            amount=grant.amount,
        )
        message = _("%(filing)s lists a grant of %(amount)s to %(name)s%(ein)s.") % {
            "filing": filing,
            "amount": f"${grant.amount:,.0f}" if grant.amount is not None else _("an amount"),
            "name": grant.name,
            "ein": f" (EIN {grant.ein})" if grant.ein else "",
        }
        proposals.append((data, message, _("Grants paid")))
    count = 0
    for data, message, pinpoint in proposals:
        try:
            submit_suggestion(
                kind="relationship",
                profile=profile,
                proposed_changes={
                    "relationship": data,
                    "source_id": filing.source_id,
                    "pinpoint": pinpoint,
                },
                message=message,
                contributor_name=IMPORT_CONTRIBUTOR,
            )
        except DuplicateSuggestion:
            continue  # the same line twice in one return
        count += 1
    return count


# What the review page shows -----------------------------------------------------------------


@dataclass
class ProposedConnection:
    """A proposal read for the editor: both ends, the label, the match, the figures."""

    suggestion: object
    data: dict
    kind: RelationshipType
    other: Profile | None

    @property
    def label(self):
        return self.kind.label_for(self.data["profile_side"])

    @property
    def match(self):
        return self.data["other"].get("match", "")

    @property
    def other_name(self):
        return self.data["other"].get("name", "")

    @property
    def other_ein(self):
        return self.data["other"].get("ein", "")

    @property
    def role(self):
        return self.data.get("role", "")

    @property
    def dates(self):
        start, end = (parse_partial_date(self.data.get(n, "")) for n in ("start", "end"))
        shown = [partial_date_display(*start), partial_date_display(*end)]
        return " – ".join(part for part in shown if part)

    @property
    def amount(self):
        text = self.data.get("amount", "")
        return amount_display(Relationship(amount=Decimal(text))) if text else ""

    @property
    def correction_of(self):
        pk = self.data.get("id")
        return Relationship.objects.filter(pk=pk).select_related("subject", "object").first()


def proposed_connection(suggestion):
    data = suggestion.proposed_changes["relationship"]
    kind = RelationshipType.objects.filter(slug=data["type"]).first()
    other_id = data["other"].get("id")
    other = Profile.objects.filter(pk=other_id).first() if other_id else None
    return ProposedConnection(suggestion, data, kind, other)


def proposal_source(suggestion):
    """The proposal's source: the filing's, or the contributor's new one (unsaved)."""
    source_id = suggestion.proposed_changes.get("source_id")
    if source_id:
        return Source.objects.filter(pk=source_id).first()
    if suggestion.new_sources:
        from editorial.services import new_source

        return new_source(suggestion.new_sources[0])
    return None


# Approving ------------------------------------------------------------------------------------


def proposed_relationship(suggestion, other):
    """The connection as approved (unsaved) with its citations: the corrected one changed, or a
    new one between the suggestion's profile and ``other``."""
    data = suggestion.proposed_changes["relationship"]
    kind = RelationshipType.objects.get(slug=data["type"])
    if data.get("id"):
        relationship = Relationship.objects.filter(pk=data["id"]).first()
        if relationship is None:
            raise ValidationError(
                _("The connection this suggestion corrects has been deleted; reject it instead.")
            )
        citations = list(relationship.citations.all())
    else:
        relationship, citations = Relationship(), []
    profile = suggestion.profile
    relationship.subject, relationship.object = (
        (profile, other) if data["profile_side"] == "subject" else (other, profile)
    )
    (start, start_precision), (end, end_precision) = (
        parse_partial_date(data.get("start", "")),
        parse_partial_date(data.get("end", "")),
    )
    relationship.type = kind
    relationship.role = data.get("role", "")
    relationship.start_date, relationship.start_precision = start, start_precision
    relationship.end_date, relationship.end_precision = end, end_precision
    # A year from a filing is a fact of that year, not a tenure still running.
    relationship.is_current = end is None and not suggestion.proposed_changes.get("source_id")
    relationship.amount = Decimal(data["amount"]) if data.get("amount") else None
    source = proposal_source(suggestion)
    if source is not None and not any(c.source_id == source.pk and source.pk for c in citations):
        citations.append(
            RelationshipCitation(
                source=source,
                accessed=timezone.localdate(suggestion.created),
                pinpoint=suggestion.proposed_changes.get("pinpoint", ""),
            )
        )
    return relationship, citations
