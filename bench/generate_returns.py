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


# The demo's returns ----------------------------------------------------------------------------
# Three demo organizations over several years, our own numbers; the latest year of each agrees
# with the figures its demo profile gives in the text.


def figures(revenue, expenses, assets, liabilities):
    return {
        "revenue": revenue,
        "expenses": expenses,
        "assets": assets,
        "liabilities": liabilities,
        "net_assets": assets - liabilities,
    }


RIVERTON = ("00-1047729", "Riverton Tenants Alliance")
FOUNDATION = ("00-2211952", "Alder Falls Community Foundation")
CENTER = ("00-3390512", "Center for Westmarch Housing Policy")

DEMO_RETURNS = [
    # object id, family, form, (ein, name), year, figures, officers, grants
    ("201200110001", OLD, "990EZ", RIVERTON, 2011, figures(96400, 88150, 41200, 3900), (), ()),
    ("201300110002", OLD, "990EZ", RIVERTON, 2012, figures(171900, 160300, 63800, 5200), (), ()),
    ("202000110003", NEW, "990", RIVERTON, 2019, figures(884500, 842300, 702100, 96400), (), ()),
    ("202100110004", NEW, "990", RIVERTON, 2020, figures(1120300, 1013800, 845600, 104900), (), ()),
    ("202200110005", NEW, "990", RIVERTON, 2021, figures(1248900, 1174200, 918700, 113300), (), ()),
    (
        "202300110006",
        NEW,
        "990",
        RIVERTON,
        2022,
        figures(1382114, 1209870, 1046300, 121800),
        (("Rafael Okonjo-Lind", "Executive Director", 40, 78400),),
        (),
    ),
    (
        "202100220001",
        NEW,
        "990PF",
        FOUNDATION,
        2020,
        figures(24100000, 21950000, 288600000, 2100000),
        (),
        (),
    ),
    (
        "202200220002",
        NEW,
        "990PF",
        FOUNDATION,
        2021,
        figures(26480000, 23310000, 301200000, 2250000),
        (),
        (),
    ),
    (
        "202300220003",
        NEW,
        "990PF",
        FOUNDATION,
        2022,
        figures(27905000, 24770000, 311480000, 2310000),
        (),
        (
            ("Riverton Tenants Alliance", "", 150000),
            ("Center for Westmarch Housing Policy", "", 90000),
            ("Eastside Community Pantry", "", 12500),
        ),
    ),
    ("202100330001", NEW, "990", CENTER, 2020, figures(1604200, 1552900, 988000, 140500), (), ()),
    ("202200330002", NEW, "990", CENTER, 2021, figures(1781500, 1690400, 1040300, 151200), (), ()),
    (
        "202300330003",
        NEW,
        "990",
        CENTER,
        2022,
        figures(1912400, 1847300, 1102500, 158900),
        (("Lucia Ferreira-Banks", "Executive Director", 40, 112000),),
        (("Riverton Tenants Alliance", "00-1047729", 20000),),
    ),
]


def write_demo_returns(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for object_id, family, form, (ein, name), year, amounts, officers, grants in DEMO_RETURNS:
        (folder / f"{object_id}_public.xml").write_text(
            return_xml(
                family=family,
                form=form,
                ein=ein,
                name=name,
                year=year,
                figures=amounts,
                officers=officers,
                grants=grants,
            )
        )


if __name__ == "__main__":
    import os
    from pathlib import Path

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    write_demo_returns(Path(__file__).resolve().parent.parent / "demo" / "filings")
