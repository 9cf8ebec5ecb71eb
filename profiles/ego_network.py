"""A picture of a profile and its direct connections: an SVG drawn on the server.

The profile sits in the middle and its connections around it, one spoke each, coloured by the
type of connection, with a legend. No script and no layout library: a radial layout of an ego
network is a few lines of trigonometry (see bench/bench_ego_network.py). The page shows the
same data as a table, with the links, for screen readers and for anyone who cannot tell the
colours apart; the picture itself is one image with a title. Styling is in presentation
attributes, not a stylesheet, so the SVG reads the same on its own and under a strict
Content-Security-Policy.
"""

import math

from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import ngettext

# Colours readable on white and on the dark theme's card colour, and distinct for the common
# colour-vision deficiencies (Okabe & Ito's palette, darkened where it was too light on white).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#444444"]
WIDTH = 760
LABEL_LIMIT = 40  # beyond this many nodes the labels would overlap: names are in the tooltips


TEXT = 'font-family="system-ui, sans-serif" font-size="13" fill="#212529"'


def group_colours(groups):
    """One colour per group ("Board members", "Funded by"), in page order."""
    colours = {}
    for group in groups:
        colours.setdefault(group.label, PALETTE[len(colours) % len(PALETTE)])
    return colours


def ego_network_svg(profile, groups, *, title_id="connections-picture-title"):
    """The SVG markup (escaped, safe to insert) of the profile and its connections."""
    connections = [(group, c) for group in groups for c in group.connections]
    colours = group_colours(groups)
    count = len(connections)
    labelled = count <= LABEL_LIMIT
    radius = 90 + min(count, 60) * 3
    legend_height = 22 * len(colours) + 10
    size = int(2 * radius + 70)
    centre_x, centre_y = WIDTH / 2, size / 2
    height = size + legend_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ego-network" viewBox="0 0 {WIDTH} '
        f'{height}" role="img" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{escape(picture_title(profile, count))}</title>',
        # Its own light background, so the picture reads the same in the dark colour scheme.
        f'<rect width="{WIDTH}" height="{height}" rx="8" fill="#ffffff"/>',
    ]
    nodes = []
    for index, (group, connection) in enumerate(connections):
        angle = 2 * math.pi * index / max(count, 1) - math.pi / 2
        x = centre_x + radius * math.cos(angle)
        y = centre_y + radius * math.sin(angle)
        colour = colours[group.label]
        parts.append(
            f'<line x1="{centre_x:.1f}" y1="{centre_y:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        nodes.append((x, y, angle, colour, group, connection))
    for x, y, angle, colour, group, connection in nodes:
        other = connection.other
        name = f"{group.label}: {other.name}"
        parts.append(f"<g><title>{escape(name)}</title>")
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}" stroke="#ffffff" '
            'stroke-width="2"/>'
        )
        if labelled:
            anchor = "start" if math.cos(angle) >= 0 else "end"
            offset = 11 if anchor == "start" else -11
            label = Truncator(other.name).chars(28)
            parts.append(
                f'<text x="{x + offset:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" {TEXT}>'
                f"{escape(label)}</text>"
            )
        parts.append("</g>")
    parts.append(
        f'<circle cx="{centre_x:.1f}" cy="{centre_y:.1f}" r="14" fill="#212529"/>'
        f'<text x="{centre_x:.1f}" y="{centre_y + 32:.1f}" text-anchor="middle" {TEXT} '
        f'font-weight="bold">{escape(Truncator(profile.name).chars(40))}</text>'
    )
    for row, (label, colour) in enumerate(colours.items()):
        y = size + 16 + 22 * row
        parts.append(
            f'<rect x="16" y="{y - 10}" width="14" height="14" fill="{colour}"/>'
            f'<text x="38" y="{y + 2}" {TEXT}>{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def picture_title(profile, count):
    return ngettext(
        "%(name)s and its %(count)s connection",
        "%(name)s and its %(count)s connections",
        count,
    ) % {"name": profile.name, "count": count}
