"""A profile's yearly finances as its page shows them: a table by year whose figures are cited
to their filings, a small chart of revenue and expenses, and the latest revenue for the infobox.

The filings' markers number into the reference list after the connections' (``filing_markers``,
used when the profile is rendered), and the table reads its markers' numbers from the stored
references, so every figure links to the entry numbered for its filing.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

FIGURES = ("revenue", "expenses", "assets", "liabilities")
# The infobox label whose hand-typed row the latest filing's revenue replaces.
REVENUE_LABEL = "Revenue"


def fact_values(facts, filings):
    """The infobox values to render: a hand-typed "Revenue" row gives way to the latest
    filing's revenue (rendered empty, so it neither shows nor numbers a reference)."""
    if not filings:
        return [fact.value for fact in facts]
    return ["" if fact.label.name == REVENUE_LABEL else fact.value for fact in facts]


def figure_key(filing, name):
    return f"{filing.marker_key}-{name}"


def latest_filing(filings):
    return max(filings, key=lambda filing: (filing.tax_year, filing.pk), default=None)


def filing_markers(filings):
    """(marker key, source id) of each figure of each filing, by year, then of the latest
    revenue in the infobox: they follow the connections' markers, and each has its own
    back-link in the filing's reference entry."""
    filings = list(filings)
    markers = [
        (figure_key(filing, name), filing.source_id)
        for filing in filings
        for name in FIGURES
        if getattr(filing, name) is not None
    ]
    latest = latest_filing(filings)
    if latest is not None and latest.revenue is not None:
        markers.append((figure_key(latest, "infobox"), latest.source_id))
    return markers


def filing_marker_keys(filing):
    """Every marker key a filing may have, for the reference list to find the filing by."""
    return [figure_key(filing, name) for name in (*FIGURES, "infobox")]


def dollars(amount):
    """ "$1,250,000", "−$3,400" for a loss, "" for no figure."""
    if amount is None:
        return ""
    text = number_format(abs(amount).quantize(Decimal(1)), decimal_pos=0, force_grouping=True)
    return f"−${text}" if amount < 0 else f"${text}"


@dataclass
class FinanceCell:
    text: str
    markers: list  # [{"number", "anchor"}]: the figure's marker


@dataclass
class FinanceRow:
    """One filing's line of the table."""

    filing: object
    cells: list = field(default_factory=list)  # FinanceCell per figure


@dataclass
class Finances:
    rows: list
    chart_svg: str = ""
    latest: object = None  # the latest Filing, for the infobox
    latest_markers: list = field(default_factory=list)

    def infobox_row(self):
        """(value HTML, as-of date) of the infobox's revenue: the latest filing's figure with
        its marker, as of the end of its tax period."""
        markers = format_html_join(
            "",
            '<sup class="reference" id="{}"><a href="#cite-note-{}">[{}]</a></sup>',
            ((m["anchor"], m["number"], m["number"]) for m in self.latest_markers),
        )
        text = dollars(self.latest.revenue) or _("not given")
        as_of = self.latest.tax_period_end or date(self.latest.tax_year, 12, 31)
        return format_html("{}{}", text, markers), as_of


def finances(profile, filings):
    """The Finances section of the profile: its filings (oldest first) with their markers."""
    anchors = {
        marker["key"]: {"number": reference["number"], "anchor": marker["anchor"]}
        for reference in profile.references
        for marker in reference["markers"]
    }

    def markers(filing, name):
        found = anchors.get(figure_key(filing, name))
        return [found] if found else []

    rows = [
        FinanceRow(
            filing,
            [FinanceCell(dollars(getattr(filing, n)), markers(filing, n)) for n in FIGURES],
        )
        for filing in filings
    ]
    latest = latest_filing(filings)
    return Finances(
        rows,
        # Escaped by revenue_and_expenses_svg, which writes only numbers and escaped text.
        mark_safe(revenue_and_expenses_svg(rows)) if rows else "",
        latest,
        markers(latest, "infobox") if latest else [],
    )


# The chart --------------------------------------------------------------------------------------

WIDTH, HEIGHT = 360, 180
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 14, 34
# Told apart by line style and marker shape, not colour alone: a solid line with dots for
# revenue, a dashed line with squares for expenses.
SERIES = (
    ("revenue", "chart-revenue", ""),
    ("expenses", "chart-expenses", ' stroke-dasharray="6 4"'),
)


def short_dollars(amount):
    """ "$1.2M", "$350K", "$900" for the chart's axis."""
    amount = float(amount)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(amount) >= size:
            return f"${amount / size:.1f}{suffix}".replace(".0", "")
    return f"${amount:.0f}"


def revenue_and_expenses_svg(rows):
    """A line chart of revenue and expenses by tax year, drawn on the server (no script).

    Writes only numbers and translated, escaped text. Its data is the table beside it, so
    the picture is hidden from screen readers' tables but named by its title.
    """
    points = [r.filing for r in rows if r.filing.revenue is not None or r.filing.expenses]
    values = [
        getattr(f, name) for f in points for name, *_ in SERIES if getattr(f, name) is not None
    ]
    top = max([*values, Decimal(1)])
    years = [f.tax_year for f in points]
    span = max(len(points) - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index):
        return LEFT + (plot_w * index / span if len(points) > 1 else plot_w / 2)

    def y(value):
        return TOP + plot_h - float(value) / float(top) * plot_h

    title = escape(_("Revenue and expenses by tax year"))
    parts = [
        f'<svg class="finance-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" role="img" aria-labelledby="finance-chart-title">',
        f'<title id="finance-chart-title">{title}</title>',
        f'<line class="chart-axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{TOP + plot_h}"/>',
        f'<line class="chart-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>',
    ]
    for value in (top, top / 2):
        parts.append(
            f'<text class="chart-label" x="{LEFT - 6}" y="{y(value) + 4:.1f}" '
            f'text-anchor="end">{escape(short_dollars(value))}</text>'
        )
    parts.append(
        f'<text class="chart-label" x="{LEFT - 6}" y="{TOP + plot_h + 4}" text-anchor="end">$0'
        "</text>"
    )
    for index, year in enumerate(years):
        parts.append(
            f'<text class="chart-label" x="{x(index):.1f}" y="{HEIGHT - 16}" '
            f'text-anchor="middle">{year}</text>'
        )
    for name, css, dash in SERIES:
        line = [
            (x(i), y(getattr(f, name)))
            for i, f in enumerate(points)
            if getattr(f, name) is not None
        ]
        if len(line) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in line)
            parts.append(f'<polyline class="{css}" fill="none" points="{path}"{dash}/>')
        for px, py in line:
            if name == "revenue":
                parts.append(f'<circle class="{css}" cx="{px:.1f}" cy="{py:.1f}" r="3.5"/>')
            else:
                parts.append(
                    f'<rect class="{css}" x="{px - 3.5:.1f}" y="{py - 3.5:.1f}" width="7" '
                    'height="7"/>'
                )
    legend_y = HEIGHT - 3
    parts += [
        f'<line class="chart-revenue" x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 20}" '
        f'y2="{legend_y - 4}"/>',
        f'<circle class="chart-revenue" cx="{LEFT + 10}" cy="{legend_y - 4}" r="3.5"/>',
        f'<text class="chart-label" x="{LEFT + 26}" y="{legend_y}">{escape(_("Revenue"))}</text>',
        f'<line class="chart-expenses" x1="{LEFT + 110}" y1="{legend_y - 4}" '
        f'x2="{LEFT + 130}" y2="{legend_y - 4}" stroke-dasharray="6 4"/>',
        f'<rect class="chart-expenses" x="{LEFT + 116.5}" y="{legend_y - 7.5}" width="7" '
        'height="7"/>',
        f'<text class="chart-label" x="{LEFT + 136}" y="{legend_y}">{escape(_("Expenses"))}</text>',
        "</svg>",
    ]
    return "".join(parts)
