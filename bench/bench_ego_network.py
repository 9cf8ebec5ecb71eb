"""Time the connections picture (profiles.ego_network) for a profile with many connections.

Run: .venv/bin/python bench/bench_ego_network.py [--connections 100] [--runs 200]

No database: the profiles and connections are built in memory, as a page would pass them.
Prints the median and p95 time to draw the SVG, and its size.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from profiles.connections import Connection, ConnectionGroup  # noqa: E402
from profiles.ego_network import ego_network_svg  # noqa: E402
from profiles.models import Category, Profile, Relationship, RelationshipType  # noqa: E402

LABELS = ["Board members", "Funded by", "Members", "Staff", "Funded", "Projects", "Founders"]


def network(count):
    category = Category(name="Non-profit", slug="non-profit", is_person=False)
    hub = Profile(pk=1, name="Westmarch Housing Justice Network", slug="hub", category=category)
    groups = []
    for number in range(count):
        label = LABELS[number * len(LABELS) // count]
        if not groups or groups[-1].label != label:
            groups.append(ConnectionGroup(label, label.lower().replace(" ", "-"), "object"))
        other = Profile(
            pk=number + 2, name=f"Member Organization {number}", slug=f"m{number}",
            category=category,
        )  # fmt: skip
        relationship = Relationship(
            pk=number + 1, subject=other, object=hub, type=RelationshipType(name=label),
            start_date=date(2020, 1, 1), amount=Decimal(number * 1000),
        )  # fmt: skip
        groups[-1].connections.append(Connection(relationship, other, []))
    return hub, groups


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--runs", type=int, default=200)
    options = parser.parse_args()
    hub, groups = network(options.connections)
    ego_network_svg(hub, groups)  # warm up
    timings = []
    for _ in range(options.runs):
        started = time.perf_counter()
        svg = ego_network_svg(hub, groups)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"ego_network_svg, {options.connections} connections in {len(groups)} groups: "
        f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, {len(svg):,} bytes"
    )


if __name__ == "__main__":
    main()
