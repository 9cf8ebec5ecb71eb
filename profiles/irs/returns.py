"""One IRS e-file return read into plain data, or refused with one sentence naming the file.

The XML is parsed without resolving entities, loading DTDs or reaching the network, so a
hostile file cannot read local files or make requests (the "billion laughs" and XXE attacks).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from profiles.identifiers import normalize_ein
from profiles.irs.schema import (
    FIGURES,
    FORM_ELEMENTS,
    GRANTS,
    HEADER,
    NAMESPACE,
    OFFICERS,
    family_of,
)

# The object id is the first part of a return's file name in the IRS's downloads.
OBJECT_ID_RE = re.compile(r"(\d{9,30})(?:_public)?\.xml$", re.IGNORECASE)


class ReturnProblem(Exception):
    """A file that cannot be imported; the message names it and says why."""


@dataclass
class Officer:
    name: str
    title: str
    hours: Decimal | None
    pay: Decimal | None


@dataclass
class Grant:
    name: str
    ein: str
    amount: Decimal | None


@dataclass
class ParsedReturn:
    file_name: str
    family: str
    object_id: str
    ein: str
    filer_name: str
    form: str
    tax_year: int
    period_end: date | None
    figures: dict  # revenue, expenses, assets, liabilities, net_assets: Decimal or None
    officers: list = field(default_factory=list)
    grants: list = field(default_factory=list)


def parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def qualified(path):
    """ "Filer/EIN" -> "{ns}Filer/{ns}EIN", for lxml's find()."""
    return "/".join(f"{{{NAMESPACE}}}{part}" for part in path.split("/"))


def text_at(element, path):
    if element is None or not path:
        return ""
    found = element.find(qualified(path))
    return " ".join((found.text or "").split()) if found is not None else ""


def read_return(stream, file_name):
    """The return in ``stream`` (bytes or a binary file), or ReturnProblem."""
    try:
        if isinstance(stream, bytes):
            root = etree.fromstring(stream, parser())
        else:
            root = etree.parse(stream, parser()).getroot()
    except etree.XMLSyntaxError as error:
        raise ReturnProblem(
            _("%(file)s is not well-formed XML (%(error)s); nothing of it was stored.")
            % {"file": file_name, "error": error}
        ) from None
    if root.tag != f"{{{NAMESPACE}}}Return":
        raise ReturnProblem(
            _(
                "%(file)s is not an IRS e-file return: its root element is <%(tag)s>, not "
                "<Return> in the %(namespace)s namespace; nothing of it was stored."
            )
            % {"file": file_name, "tag": etree.QName(root).localname, "namespace": NAMESPACE}
        )
    return ReturnReader(root, file_name).parsed()


class ReturnReader:
    def __init__(self, root, file_name):
        self.root, self.file_name = root, file_name
        self.family = family_of(root.get("returnVersion", ""))
        self.header = root.find(qualified("ReturnHeader"))
        self.data = root.find(qualified("ReturnData"))

    def problem(self, reason):
        return ReturnProblem(
            _("%(file)s: %(reason)s; nothing of it was stored.")
            % {"file": self.file_name, "reason": reason}
        )

    def header_text(self, name):
        return text_at(self.header, HEADER[self.family][name])

    def parsed(self):
        ein = normalize_ein(self.header_text("ein"))
        if not ein:
            raise self.problem(_("the return's header has no EIN"))
        if not re.fullmatch(r"\d{2}-\d{7}", ein):
            raise self.problem(_("the EIN “%(ein)s” is not nine digits") % {"ein": ein})
        form = self.header_text("form").replace("-", "").upper()
        if form not in FORM_ELEMENTS:
            raise self.problem(
                _("it is a return of type “%(form)s”; only Forms 990, 990-EZ and 990-PF are read")
                % {"form": form or _("none")}
            )
        body = self.data.find(qualified(FORM_ELEMENTS[form])) if self.data is not None else None
        if body is None:
            raise self.problem(
                _("its header says Form %(form)s but it has no <%(element)s> element")
                % {"form": form, "element": FORM_ELEMENTS[form]}
            )
        key = (self.family, form)
        return ParsedReturn(
            file_name=self.file_name,
            family=self.family,
            object_id=self.object_id(ein, form),
            ein=ein,
            filer_name=self.header_text("name"),
            form=form,
            tax_year=self.tax_year(),
            period_end=self.period_end(),
            figures={name: self.amount(body, path) for name, path in FIGURES[key].items()},
            officers=self.officers(body, key),
            grants=self.grants(body, key),
        )

    def object_id(self, ein, form):
        found = OBJECT_ID_RE.search(self.file_name)
        if found:
            return found.group(1)
        # A file renamed from the IRS's download: the same return gets the same id again.
        return f"{ein.replace('-', '')}-{self.header_text('tax_year')}-{form}"

    def tax_year(self):
        text = self.header_text("tax_year")
        if not re.fullmatch(r"\d{4}", text):
            raise self.problem(_("its tax year “%(year)s” is not a year") % {"year": text})
        return int(text)

    def period_end(self):
        text = self.header_text("period_end")
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            raise self.problem(
                _("its tax period end “%(date)s” is not a date") % {"date": text}
            ) from None

    def amount(self, element, path):
        """A whole number of dollars at the path, None when absent; a ReturnProblem when it is
        not a number."""
        text = text_at(element, path)
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise self.problem(
                _("the amount in <%(element)s> is “%(text)s”, which is not a number")
                % {"element": path.rsplit("/", 1)[-1], "text": text[:40]}
            )
        return value

    def officers(self, body, key):
        if key not in OFFICERS:
            return []
        repeated, names = OFFICERS[key]
        return [
            Officer(
                name=text_at(row, names["name"]),
                title=text_at(row, names["title"]),
                hours=self.amount(row, names["hours"]),
                pay=self.amount(row, names["pay"]),
            )
            for row in body.iterfind(qualified(repeated))
            if text_at(row, names["name"])
        ]

    def grants(self, body, key):
        if key not in GRANTS:
            return []
        where, repeated, names = GRANTS[key]
        parent = self.data if where == "return" else body
        return [
            Grant(
                name=text_at(row, names["name"]),
                ein=normalize_ein(text_at(row, names["ein"])),
                amount=self.amount(row, names["amount"]),
            )
            for row in parent.iterfind(qualified(repeated))
            if text_at(row, names["name"])
        ]
