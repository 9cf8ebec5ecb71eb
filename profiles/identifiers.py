"""Typed identifiers of a profile: its EIN (US tax id), FEC committee or candidate id and
Wikidata item. Each is checked, stored in one canonical spelling, unique among profiles, shown
in the infobox with a link to the record it names, and found by the search box.

Links are built here and never fetched.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EIN_RE = re.compile(r"^\d{2}-\d{7}$")
FEC_RE = re.compile(r"^(C\d{8}|[HSP]\d[A-Z0-9]{2}\d{5})$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")


def normalize_ein(text):
    """ "123456789", "12-3456789" or " 12 3456789 " -> "12-3456789"; anything else as typed."""
    digits = re.sub(r"[\s-]", "", text or "")
    if re.fullmatch(r"\d{9}", digits):
        return f"{digits[:2]}-{digits[2:]}"
    return (text or "").strip()


def normalize_fec_id(text):
    return (text or "").strip().upper()


def normalize_wikidata_id(text):
    """ "q42", "Q42" or a Wikidata item address -> "Q42"."""
    text = (text or "").strip()
    found = re.fullmatch(r"(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?([qQ]\d+)/?", text)
    return found.group(1).upper() if found else text


def validate_ein(value):
    if not EIN_RE.match(value):
        raise ValidationError(
            _("An EIN has nine digits written NN-NNNNNNN, for example 12-3456789."),
            code="ein",
        )


def validate_fec_id(value):
    if not FEC_RE.match(value):
        raise ValidationError(
            _(
                "An FEC id is a committee id (C and eight digits, such as C00123456) or a "
                "candidate id (H, S or P, a digit, two letters or digits and five digits, such "
                "as H0XX12345)."
            ),
            code="fec",
        )


def validate_wikidata_id(value):
    if not WIKIDATA_RE.match(value):
        raise ValidationError(
            _("A Wikidata item is Q followed by its number, for example Q42."), code="wikidata"
        )


@dataclass
class IdentifierKind:
    field: str  # the Profile field that holds it
    label: str
    schema_name: str  # the PropertyValue's propertyID in JSON-LD
    normalize: object
    link_format: str
    link_text: str  # where the link leads, shown after the value

    def link(self, value):
        if self.field == "ein":
            value = value.replace("-", "")
        elif self.field == "fec_id":
            kind = "committee" if value.startswith("C") else "candidate"
            return self.link_format.format(kind=kind, value=value)
        return self.link_format.format(value=value)


KINDS = [
    IdentifierKind(
        "ein",
        gettext_lazy("Tax ID (EIN)"),
        "EIN",
        normalize_ein,
        "https://projects.propublica.org/nonprofits/organizations/{value}",
        gettext_lazy("Nonprofit Explorer"),
    ),
    IdentifierKind(
        "fec_id",
        gettext_lazy("FEC ID"),
        "FEC",
        normalize_fec_id,
        "https://www.fec.gov/data/{kind}/{value}/",
        gettext_lazy("FEC"),
    ),
    IdentifierKind(
        "wikidata_id",
        gettext_lazy("Wikidata item"),
        "Wikidata",
        normalize_wikidata_id,
        "https://www.wikidata.org/wiki/{value}",
        gettext_lazy("Wikidata"),
    ),
]


@dataclass
class Identifier:
    """One identifier of a profile as the infobox, the API and JSON-LD show it."""

    kind: IdentifierKind
    value: str

    @property
    def label(self):
        return self.kind.label

    @property
    def url(self):
        return self.kind.link(self.value)

    @property
    def link_text(self):
        return self.kind.link_text

    def as_json(self):
        return {"kind": self.kind.schema_name.lower(), "value": self.value, "url": self.url}

    def as_json_ld(self):
        return {
            "@type": "PropertyValue",
            "propertyID": self.kind.schema_name,
            "value": self.value,
            "url": self.url,
        }


def identifiers_of(profile):
    """The profile's identifiers that are set, in infobox order."""
    return [
        Identifier(kind, getattr(profile, kind.field))
        for kind in KINDS
        if getattr(profile, kind.field, "")
    ]


def normalize_identifiers(profile):
    for kind in KINDS:
        setattr(profile, kind.field, kind.normalize(getattr(profile, kind.field)))


def identifier_lookup(query):
    """{field: value} that the search box's text names, when it is an identifier; else None."""
    text = (query or "").strip()
    ein = normalize_ein(text)
    if EIN_RE.match(ein):
        return {"ein": ein}
    wikidata = normalize_wikidata_id(text)
    if WIKIDATA_RE.match(wikidata):
        return {"wikidata_id": wikidata}
    fec = normalize_fec_id(text)
    if FEC_RE.match(fec):
        return {"fec_id": fec}
    return None


def profile_with_identifier(query, profiles):
    """The profile among ``profiles`` whose EIN, FEC id or Wikidata item the query is, or None
    (the search view sends the reader straight to it)."""
    lookup = identifier_lookup(query)
    return profiles.filter(**lookup).first() if lookup else None
