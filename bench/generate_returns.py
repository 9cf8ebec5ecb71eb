"""Fictional IRS e-file returns in either schema family, for the benchmark, the tests' fixture
files and the demo's (written once with ``python -m bench.generate_returns``). The element names
are those profiles.irs.schema reads; every EIN, name and figure is made up."""

from xml.sax.saxutils import escape

from profiles.irs.schema import FIGURES, GRANTS, HEADER, NAMESPACE, NEW, OFFICERS, OLD

VERSIONS = {OLD: "2011v1.2", NEW: "2019v5.1"}
FORM_ELEMENTS = {"990": "IRS990", "990EZ": "IRS990EZ", "990PF": "IRS990PF"}
FORM_CODES = {"990": "990", "990EZ": "990EZ", "990PF": "990PF"}


def nested(path, value):
    """ "A/B" with "1" -> "<A><B>1</B></A>"."""
    parts = path.split("/")
    opening = "".join(f"<{p}>" for p in parts)
    closing = "".join(f"</{p}>" for p in reversed(parts))
    return f"{opening}{escape(str(value))}{closing}"


def row(repeated, fields):
    parts = repeated.split("/")
    inner = "".join(nested(path, value) for path, value in fields if path and value is not None)
    return (
        "".join(f"<{p}>" for p in parts[:-1])
        + f"<{parts[-1]}>{inner}</{parts[-1]}>"
        + "".join(f"</{p}>" for p in reversed(parts[:-1]))
    )


def return_xml(
    *,
    family=NEW,
    form="990",
    ein="00-0000000",
    name="Fictional Example Fund",
    year=2021,
    figures=None,
    officers=(),
    grants=(),
):
    """The XML of one return. ``figures`` maps revenue, expenses, assets, liabilities and
    net_assets to amounts (a value may be any text, to make a bad return); ``officers`` are
    (name, title, hours, pay) and ``grants`` (name, ein, amount)."""
    header = HEADER[family]
    figures = figures or {}
    key = (family, form)
    body = "".join(
        nested(path, figures[name]) for name, path in FIGURES[key].items() if name in figures
    )
    if officers and key in OFFICERS:
        repeated, names = OFFICERS[key]
        if "/" in repeated:  # the 990-PF wraps its officers in one group element
            group, repeated = repeated.split("/")
            inner = "".join(
                row(repeated, zip(names.values(), officer, strict=True)) for officer in officers
            )
            body += f"<{group}>{inner}</{group}>"
        else:
            body += "".join(
                row(repeated, zip(names.values(), officer, strict=True)) for officer in officers
            )
    schedule = ""
    if grants and key in GRANTS:
        where, repeated, names = GRANTS[key]
        group, repeated = repeated.split("/")
        inner = "".join(
            row(repeated, zip(names.values(), (n, e.replace("-", ""), a), strict=True))
            for n, e, a in grants
        )
        if where == "return":
            schedule = f"<{group}>{inner}</{group}>"
        else:
            body += f"<{group}>{inner}</{group}>"
    # The IRS writes EINs as nine digits, without the dash.
    ein_element = nested(header["ein"].split("/", 1)[1], ein.replace("-", "")) if ein else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Return xmlns="{NAMESPACE}" returnVersion="{VERSIONS[family]}">'
        "<ReturnHeader>"
        f"{nested(header['tax_year'], year)}"
        f"{nested(header['period_end'], f'{year}-12-31')}"
        f"{nested(header['form'], FORM_CODES[form])}"
        f"<Filer>{ein_element}{nested(header['name'].split('/', 1)[1], name)}</Filer>"
        "</ReturnHeader>"
        f"<ReturnData><{FORM_ELEMENTS[form]}>{body}</{FORM_ELEMENTS[form]}>{schedule}"
        "</ReturnData></Return>\n"
    )
