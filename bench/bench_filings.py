"""Benchmark import_filings: prints figures, asserts nothing.

    .venv/bin/python bench/bench_filings.py [--returns 10000] [--organizations 1000]
                                            [--officers 2] [--grants 3] [--zip]

Generates fictional IRS returns (both schema families, Forms 990, 990-EZ and 990-PF, every
organization filing one a year) into a temporary folder (or one zip archive), makes a profile
for each organization's EIN, and imports them into a fresh throw-away database: SQLite in a
temporary directory, or the database in BENCH_DATABASE_URL, which it migrates and empties (so
never point it at real data). Prints returns per second for reading alone and for the whole
import (filings, sources, revisions, proposed connections).
"""

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMS = ["990", "990", "990EZ", "990PF"]


def configure(workdir):
    os.environ["SOURCEBOOK_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ein_of(number):
    return f"{10 + number // 10_000_000:02d}-{number % 10_000_000:07d}"


def write_returns(folder, *, returns, organizations, officers, grants, zipped):
    from bench.generate_returns import return_xml

    folder.mkdir()
    archive = zipfile.ZipFile(folder / "returns.zip", "w") if zipped else None
    for number in range(returns):
        org, year = number % organizations, 2008 + number // organizations
        form = FORMS[org % len(FORMS)]
        xml = return_xml(
            family="2009-2012" if year < 2013 else "2013+",
            form=form,
            ein=ein_of(org),
            name=f"Generated Civic Fund {org}",
            year=year,
            figures={
                "revenue": 100_000 + org * 10 + year,
                "expenses": 90_000 + org,
                "assets": 500_000 + org,
                "liabilities": 20_000,
                "net_assets": 480_000 + org,
            },
            officers=[(f"Officer {org}-{i}", "Director", 5, 1000 * i) for i in range(officers)],
            grants=[
                (f"Generated Civic Fund {(org + i + 1) % organizations}", ein_of(org + i + 1), 500)
                for i in range(grants)
            ],
        )
        name = f"{year}{org:08d}{number:06d}_public.xml"
        if archive:
            archive.writestr(name, xml)
        else:
            (folder / name).write_text(xml)
    if archive:
        archive.close()
        return folder / "returns.zip"
    return folder


def make_profiles(organizations):
    from profiles.models import Category, Profile
    from profiles.services import save_profile

    category = Category.objects.get(slug="non-profit")
    for org in range(organizations):
        profile = Profile(
            name=f"Generated Civic Fund {org}",
            slug=f"generated-civic-fund-{org}",
            category=category,
            ein=ein_of(org),
            lead="A generated organization for the benchmark.",
        )
        save_profile(profile, user=None, comment="Benchmark profile.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--returns", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=1000)
    parser.add_argument("--officers", type=int, default=2)
    parser.add_argument("--grants", type=int, default=3)
    parser.add_argument("--zip", action="store_true", help="One zip archive, not a folder.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        configure(workdir)
        from django.core.management import call_command

        call_command("flush", "--no-input", verbosity=0)
        import importlib

        from django.apps import apps

        for name in ("0002_seed_categories_and_labels", "0005_seed_relationship_types"):
            importlib.import_module(f"profiles.migrations.{name}").seed(apps, None)
        path = write_returns(
            Path(workdir) / "returns",
            returns=args.returns,
            organizations=args.organizations,
            officers=args.officers,
            grants=args.grants,
            zipped=args.zip,
        )
        make_profiles(args.organizations)

        from profiles.irs.files import returns_in
        from profiles.irs.importing import import_filings

        started = time.perf_counter()
        read = sum(1 for _ in returns_in([path]))
        reading = time.perf_counter() - started
        report = import_filings([path])
        print(
            f"{read} returns ({args.organizations} organizations, {args.officers} officers and "
            f"{args.grants} grants each, {'one zip' if args.zip else 'a folder'})"
        )
        print(f"reading alone: {read / reading:,.0f} returns/s ({reading:.1f} s)")
        print(
            f"import: {report.returns / report.seconds:,.0f} returns/s ({report.seconds:.1f} s): "
            f"{report.stored} stored, {report.proposed} connections proposed, "
            f"{report.failed} refused"
        )


if __name__ == "__main__":
    main()
