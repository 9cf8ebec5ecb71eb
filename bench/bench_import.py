"""Benchmark the importers: prints figures, asserts nothing.

    .venv/bin/python bench/bench_import.py [--pages 1000] [--references 20] [--pool 4000]
                                           [--format text|mediawiki]

Generates the pages (fictional text pages of the reference shape, or one MediaWiki dump with
the same pages), each citing ``--references`` sources drawn from a shared pool of ``--pool``
URLs, and imports them with ``import_pages`` into a fresh throw-away database: SQLite in a
temporary directory, or the database in BENCH_DATABASE_URL, which it migrates and fills (so
never point it at real data). Prints pages per second, sources created and reused, and the
process's peak memory (resident set size) before and after the import.
"""

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "tenants organized committees buildings rent repairs council ordinance funding grants "
    "landlord hearing counsel housing campaign members filing report budget city volunteers "
    "office district measure ballot coalition network director board staff harbor library"
).split()
PUBLICATIONS = ["The Harbor Courier", "Westmarch Ledger", "Quay Street Gazette", "R.V. Weekly"]


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
    call_command("flush", "--no-input", verbosity=0)  # a reused database starts empty
    import importlib

    from django.apps import apps

    seed = importlib.import_module("profiles.migrations.0002_seed_categories_and_labels").seed
    seed(apps, None)  # the categories and labels flush removed


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text.capitalize() + "."


def source(rng, number):
    day = 1 + number % 28
    return {
        "authors": f"Vale, Jordan {number % 97}",
        "title": f"{sentence(rng, 6)[:-1].title()} {number}",
        "publication": PUBLICATIONS[number % len(PUBLICATIONS)],
        "date": f"March {day}, 20{10 + number % 14}",
        "url": f"https://news{number % 40}.example/{2010 + number % 14}/story-{number}/",
    }


def text_page(rng, index, cited, pool):
    """A page of the reference page's shape, with one footnote per cited source."""
    lines = [
        "Non-profit",
        "",
        f"Generated Tenants Group {index}",
        "",
        "Location:",
        "",
        f"District {index % 50}, Westmarch",
        "",
        "Type:",
        "",
        "Tenant Advocacy",
        "",
        "Contact Sourcebook with suggested edits or tips for additional profiles.",
        "",
    ]
    footnote = 0
    paragraphs = []
    for section in range(5):
        if section:
            paragraphs.append(f"Section {section} of the record")
        for _ in range(2):
            sentences = []
            for _ in range(2):
                footnote += 1
                marker = f" {footnote}" if footnote <= len(cited) else ""
                sentences.append(sentence(rng) + marker)
            paragraphs.append(" ".join(sentences))
    lines.extend(f"{p}\n" for p in paragraphs)
    lines.append("References\n")
    for number, pool_index in enumerate(cited, 1):
        s = pool[pool_index]
        lines.append(
            f"  {number}. {s['authors']}. “{s['title']}.” {s['publication']}. {s['date']}. "
            f"Accessed May 2, 2024. {s['url']}."
        )
    lines.append("  See an error? Let us know!")
    return "\n".join(lines) + "\n"


def wikitext_page(rng, index, cited, pool):
    parts = [
        f"{{{{Infobox organization\n| location = District {index % 50}, Westmarch\n"
        "| type = Tenant Advocacy\n}}"
    ]
    for number, pool_index in enumerate(cited):
        s = pool[pool_index]
        if number % 4 == 0:
            parts.append(f"\n== Section {number // 4 + 1} ==\n")
        parts.append(
            f"{sentence(rng)}<ref>{{{{cite news |author={s['authors']} |title={s['title']} "
            f"|work={s['publication']} |date={s['date']} |url={s['url']} "
            "|access-date=2024-05-02}}</ref> "
        )
    parts.append("\n[[Category:Non-profits]]")
    return "".join(parts)


def generate(folder, fmt, pages, references, pool_size, seed=7):
    rng = random.Random(seed)
    pool = [source(rng, number) for number in range(pool_size)]
    if fmt == "text":
        for index in range(pages):
            cited = rng.sample(range(pool_size), references)
            (folder / f"page-{index:05d}.txt").write_text(
                text_page(rng, index, cited, pool), encoding="utf-8"
            )
        return folder
    dump = folder / "generated.xml"
    with dump.open("w", encoding="utf-8") as out:
        out.write(
            '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n'
            "<siteinfo><sitename>Bench</sitename></siteinfo>\n"
        )
        for index in range(pages):
            cited = rng.sample(range(pool_size), references)
            text = escape(wikitext_page(rng, index, cited, pool))
            out.write(
                f"<page><title>Generated Tenants Group {index}</title><ns>0</ns><id>{index + 1}"
                f"</id><revision><id>{index + 1}</id><timestamp>2024-05-02T10:00:00Z"
                "</timestamp><contributor><username>Bench</username><id>1</id></contributor>"
                "<model>wikitext</model><format>text/x-wiki</format>"
                f'<text xml:space="preserve">{text}</text></revision></page>\n'
            )
        out.write("</mediawiki>\n")
    return dump


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--references", type=int, default=20)
    parser.add_argument("--pool", type=int, default=4000, help="distinct source URLs to cite")
    parser.add_argument("--format", choices=["text", "mediawiki"], default="text")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="sourcebook-bench-import-")
    try:
        configure(workdir)
        from django.db import connection

        from profiles.importers.runner import ImportOptions, import_pages
        from profiles.models import Profile, Source

        folder = Path(workdir) / "pages"
        folder.mkdir()
        start = time.perf_counter()
        target = generate(folder, args.format, args.pages, args.references, args.pool)
        print(
            f"Generated {args.pages} {args.format} pages with {args.references} references "
            f"each from {args.pool} shared URLs in {time.perf_counter() - start:.1f} s."
        )
        print(
            f"Database: {connection.vendor}. Peak memory before the import: {peak_rss_mb():.0f} MB."
        )
        options = ImportOptions(format=args.format, create_vocabulary=True)
        summary = import_pages([target], options)
        print(
            f"Imported {summary.imported} pages ({summary.failed} failed) in "
            f"{summary.seconds:.1f} s: {summary.imported / summary.seconds:.1f} pages/s."
        )
        print(
            f"Sources: {summary.sources_created} created, {summary.sources_reused} reused; "
            f"{Source.objects.count()} stored, {Profile.objects.count()} profiles."
        )
        print(f"Peak memory after the import: {peak_rss_mb():.0f} MB.")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
