"""Generate fictional published profiles for search benchmarks and ranking tests.

    DATABASE_URL=postgres://... python bench/generate_profiles.py --count 10000

Names share their words the way real ones do (many "... Housing Alliance"s in the same towns),
so ranking has to work. Each profile gets a coined alias and one sentence that no other profile
has ("... a quiet garden on Farrow Street ..."): queries_for() derives from a stored profile
the four queries the benchmark and tests/profiles/test_search_ranking.py ask for it.
Each profile is saved through profiles.services.save_profile, with its revision, like any
writer. ``--bulk`` instead writes the rows straight to the tables, with no revisions (so that
100,000 profiles take minutes, not hours), then rebuilds the SQLite search index: for a
throw-away benchmark database only, since its history is empty.
"""

import argparse
import os
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

SYLLABLES = (
    "ar bel cor dan el fen gar hol ist jor kel lun mar nor os pel quin ros sel tam ur "
    "val wen xan yor zel bra cre dro fal gri"
).split()
TOPICS = (
    "Housing Literacy Water Transit Labor Arts Health Farmland Energy Veterans Youth Seniors "
    "Harbor Forest Justice Voting Schools Parks Library Immigrant Small Business Clean Air "
    "Broadband Childcare Rivers Fisheries Transparency Taxpayers Neighborhood Food Disability "
    "Press Freedom Mining Rail Tourism Heritage"
).split()
ORG_WORDS = (
    "Alliance Fund Council Coalition Network Trust Institute Union League Committee Project "
    "Foundation Association Center Society Partnership Forum Collective Guild Caucus"
).split()
FIRST_NAMES = (
    "Ada Bram Celia Dorian Edith Felix Greta Hollis Ines Jonas Kira Lionel Maren Nadia Oskar "
    "Petra Quentin Rosa Silas Talia Ulric Vera Wendell Xenia Yusuf Zora Amos Beatrix Cyrus Delphine"
).split()
LAST_NAMES = (
    "Ashdown Barrow Calloway Dunmore Everly Farrow Gilchrist Halloran Ingram Jessup Kettering "
    "Lockhart Merriweather Northcott Oakhurst Pembroke Quarles Redfern Stanhope Thackeray "
    "Underhill "
    "Vance Whitlock Yardley Abernathy Blackwood Crane Darrow Ellery Fairweather Greaves Hartwell"
).split()
ADJECTIVES = (
    "quiet busy small vast green narrow open shared free public rural coastal historic new "
    "temporary mobile seasonal volunteer community neighborhood"
).split()
NOUNS = (
    "garden clinic library market shelter workshop kitchen archive school depot pantry "
    "studio hall ferry theater orchard lab museum"
).split()
VERBS = "opened funded rebuilt expanded staffed restored managed founded".split()
FILLER = [
    "The group publishes an annual report on {topic} in {place}.",
    "Its board meets four times a year and its budget grew after {year}.",
    "Critics have questioned its spending on {topic} programs.",
    "Local officials in {place} have cited its research on {topic}.",
    "It has worked with several partners on {topic} and {topic2}.",
    "Volunteers run most of its events in {place} and nearby towns.",
    "The organization reported new grants for {topic} work in {year}.",
    "Its members testified at hearings about {topic} in {year}.",
]
REGIONS = ["Westmarch", "Eastmark", "Northvale"]
CATEGORIES = [
    "non-profit",
    "non-profit",
    "for-profit",
    "labor-union",
    "government-agency",
    "political-party",
    "political-committee",
    "organization",
    "network",
]
DISTINCT_RE = re.compile(r"a (\w+ \w+) on (\w+) Street")


def coined(rng, syllables=3):
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def misspell(name):
    """A typing mistake in the longest word: two letters in its middle swapped."""
    words = name.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    middle = len(word) // 2
    if word[middle - 1] == word[middle]:
        words[index] = word[:middle] + word[middle + 1 :]  # a doubled letter typed once
    else:
        words[index] = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    return " ".join(words)


def queries_for(profile):
    """The four queries that must find this generated profile first."""
    phrase = DISTINCT_RE.search(profile.body)
    return {
        "exact name": profile.name,
        "misspelling": misspell(profile.name),
        "alias": profile.alias_list[0],
        "body phrase": f"{phrase[1]} on {phrase[2]} Street",
    }


# Past these many profiles the simple names, aliases and streets run short (about 48,000
# organization names, 32,768 aliases, 47,000 streets): longer ones are coined from then on.
PLENTY = 20000


def profile_data(rng, used_names, used_aliases, used_phrases, places):
    category = rng.choice(CATEGORIES + ["person", "person"])
    while True:
        if category == "person":
            name = f"{rng.choice(FIRST_NAMES)} {coined(rng, 2)} {rng.choice(LAST_NAMES)}"
        elif len(used_names) < PLENTY:
            name = f"{rng.choice(places)} {rng.choice(TOPICS)} {rng.choice(ORG_WORDS)}"
        else:
            topics = " and ".join(rng.sample(TOPICS, 2))
            name = f"{rng.choice(places)} {topics} {rng.choice(ORG_WORDS)}"
        if name not in used_names:
            used_names.add(name)
            break
    syllables = 3 if len(used_aliases) < PLENTY else 4
    while True:
        alias = coined(rng, syllables)
        alias = f"{alias} {rng.choice(ORG_WORDS)}" if category != "person" else alias
        if alias.split()[0] not in used_aliases:
            used_aliases.add(alias.split()[0])
            break
    while True:
        adjective, noun, street = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(LAST_NAMES)
        street = f"{street}{rng.choice(['', 'ton', 'field', 'more'])}"
        if len(used_phrases) >= PLENTY:
            street = coined(rng, 1) + street.lower()
        if (adjective, noun, street) not in used_phrases:
            used_phrases.add((adjective, noun, street))
            break
    place, place2 = rng.choice(places), rng.choice(places)
    values = {
        "topic": rng.choice(TOPICS).lower(),
        "topic2": rng.choice(TOPICS).lower(),
        "place": place,
        "year": rng.randint(1980, 2024),
    }
    sections = []
    for title in ("Background", "Programs", "Funding"):
        sentences = [rng.choice(FILLER).format(**values) for _ in range(rng.randint(3, 7))]
        sections.append(f"## {title}\n\n" + " ".join(sentences) + "[^s1]")
    distinct = (
        f"In {rng.randint(1990, 2024)} it {rng.choice(VERBS)} a {adjective} {noun} on "
        f"{street} Street in {place2}.[^s2]"
    )
    sections[1] += f"\n\n{distinct}"
    kind = "person" if category == "person" else "organization"
    return {
        "name": name,
        "category": category,
        "location": f"{place}, {rng.choice(REGIONS)}",
        "aliases": alias,
        "lead": f"{name} is a {kind} in {place} working on {values['topic']}.[^s1]",
        "body": "\n\n".join(sections),
        "types": [f"{values['topic'].capitalize()} Advocacy"],
        "facts": [
            ("Formation", str(values["year"])),
            ("Website", f"https://{alias.split()[0].lower()}.example"),
        ],
    }


def generate(count, *, seed=5, batch=200, progress=None, bulk=False):
    """Create ``count`` published profiles; returns their slugs."""
    from django.db import transaction
    from django.utils.text import slugify

    from profiles.models import Category, Citation, Fact, FactLabel, Profile, ProfileType, Source
    from profiles.search_index import rebuild_index
    from profiles.services import save_profile, save_source

    write = write_rows if bulk else save_profile

    rng = random.Random(seed)
    places = sorted(
        {
            coined(rng, 2) + rng.choice(["ton", " Falls", "ford", " Harbor", "ville"])
            for _ in range(60)
        }
    )
    categories = {category.slug: category for category in Category.objects.all()}
    labels = {label.name: label for label in FactLabel.objects.all()}
    type_cache = {}
    used_names = set(Profile.objects.values_list("name", flat=True))
    used_aliases, used_phrases = set(), set()
    slugs = []
    sources = []
    for start in range(0, count, batch):
        with transaction.atomic():
            if not sources:
                sources.extend(
                    Source.objects.filter(
                        url=f"https://bench-news.example/story/{seed}-{n}/"
                    ).first()
                    or save_source(
                        Source(
                            url=f"https://bench-news.example/story/{seed}-{n}/",
                            title=f"Report number {n} on civic groups",
                            publication="Bench Courier",
                            published_date=date(2020, 1, 1 + n % 28),
                        ),
                        user=None,
                        comment="A source for generated benchmark profiles.",
                    )
                    for n in range(200)
                )
            for _ in range(min(batch, count - start)):
                data = profile_data(rng, used_names, used_aliases, used_phrases, places)
                for type_name in data["types"]:
                    if type_name not in type_cache:
                        type_cache[type_name] = ProfileType.objects.get_or_create(
                            slug=slugify(type_name), defaults={"name": type_name}
                        )[0]
                profile = Profile(
                    name=data["name"],
                    slug=slugify(data["name"])[:190] + f"-{len(used_names)}",
                    category=categories[data["category"]],
                    location=data["location"],
                    aliases=data["aliases"],
                    lead=data["lead"],
                    body=data["body"],
                )
                write(
                    profile,
                    user=None,
                    comment="Generated profile for benchmarks.",
                    types=[type_cache[name] for name in data["types"]],
                    facts=[
                        Fact(label=labels[label], value=value, position=position)
                        for position, (label, value) in enumerate(data["facts"])
                    ],
                    citations=[
                        Citation(key=key, source=rng.choice(sources)) for key in ("s1", "s2")
                    ],
                )
                slugs.append(profile.slug)
            if bulk:
                write_rows.flush()
        if progress:
            progress(len(slugs))
    if bulk:
        rebuild_index()
    return slugs


class BulkWriter:
    """Profiles rendered as save_profile renders them, written a batch at a time with
    bulk_create (no revisions: benchmark databases only)."""

    def __init__(self):
        self.pending = []

    def __call__(self, profile, *, user, comment, types, facts, citations):
        rendered = profile.render(
            [fact.value for fact in facts], {c.key: c.source.pk for c in citations}
        )
        for fact, html in zip(facts, rendered.fact_html, strict=True):
            fact.value_html = html
        self.pending.append((profile, types, facts, citations))

    def flush(self):
        from profiles.models import Citation, Fact, Profile

        profiles = Profile.objects.bulk_create([row[0] for row in self.pending])
        facts, citations, types = [], [], []
        through = Profile.types.through
        for profile, (_, profile_types, profile_facts, profile_citations) in zip(
            profiles, self.pending, strict=True
        ):
            for row in [*profile_facts, *profile_citations]:
                row.profile = profile
            facts.extend(profile_facts)
            citations.extend(profile_citations)
            types.extend(through(profile=profile, profiletype=t) for t in profile_types)
        Fact.objects.bulk_create(facts)
        Citation.objects.bulk_create(citations)
        through.objects.bulk_create(types)
        self.pending = []


write_rows = BulkWriter()


def setup_django():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="write rows without revisions (fast; throw-away benchmark databases only)",
    )
    args = parser.parse_args()
    setup_django()
    started = time.perf_counter()
    generate(
        args.count,
        seed=args.seed,
        bulk=args.bulk,
        batch=1000 if args.bulk else 200,
        progress=lambda done: print(f"\r{done} profiles", end="", flush=True),
    )
    print(f"\nGenerated {args.count} profiles in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
