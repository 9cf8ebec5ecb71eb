"""Search quality and latency on generated profiles (see bench/generate_profiles.py).

    DATABASE_URL=postgres://... python bench/search_benchmark.py --targets 200

For each of --targets random generated profiles it asks the four queries of queries_for()
(exact name, a misspelling, an alias, a phrase from the body), checks that the profile comes
first, and times search_profiles() (queries, ranking and snippets of the first page) and the
whole /search/ page through Django's test client: an exact name there answers with a redirect
to the profile, which counts as found. Three more kinds are timed without a right answer: a
broad word (hundreds to thousands of matches), a word with another left out ("housing
-transit") and a word nothing has (the "did you mean" path). Then /sources/, whole and
searched. Prints hit rates, median and p95 latency per kind.
"""

import argparse
import random
import statistics
import time

from generate_profiles import TOPICS, queries_for, setup_django

KNOWN_ANSWER = ("exact name", "misspelling", "alias", "body phrase")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    from profiles.filters import ProfileFilters
    from profiles.models import Profile
    from profiles.search import search_profiles

    generated = Profile.objects.published().filter(slug__regex=r"-[0-9]+$")
    slugs = list(generated.values_list("slug", flat=True))
    rng = random.Random(args.seed)
    targets = Profile.objects.filter(slug__in=rng.sample(slugs, min(args.targets, len(slugs))))
    client = Client(HTTP_HOST="localhost")
    client.get("/search/", {"q": "warm up"})
    timings, page_timings, hits, misses = {}, {}, {}, []
    for profile in targets:
        queries = queries_for(profile)
        # Timed, with no single right answer.
        broad, other = rng.sample(TOPICS, 2)
        queries["broad word"] = broad.lower()
        queries["excluding"] = f"{broad.lower()} -{other.lower()}"
        queries["no match"] = "".join(rng.sample("bcdfghjklmnpqrstvwxz", 7))
        for kind, query in queries.items():
            started = time.perf_counter()
            results = search_profiles(query, filters=ProfileFilters(), per_page=20)
            first = [result.slug for result in results.page_obj][:1]
            timings.setdefault(kind, []).append(time.perf_counter() - started)
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            page_timings.setdefault(kind, []).append(time.perf_counter() - started)
            if response.status_code == 302:
                first = [response["Location"].strip("/").split("/")[-1]]
            else:
                assert response.status_code == 200, (query, response.status_code)
            if kind not in KNOWN_ANSWER:
                continue
            hits.setdefault(kind, []).append(first == [profile.slug])
            if first != [profile.slug]:
                misses.append((kind, query, profile.name, first))
    source_timings = {"/sources/": [], "/sources/?q=": []}
    # (An older Sourcebook, measured for comparison, has no /sources/.)
    has_index = client.get("/sources/").status_code == 200
    for word in rng.choices(["report", "civic", "number 1", "bench"], k=50 if has_index else 0):
        for path, params in (("/sources/", {}), ("/sources/?q=", {"q": word})):
            started = time.perf_counter()
            assert client.get("/sources/", params).status_code == 200
            source_timings[path].append(time.perf_counter() - started)
    print(
        f"Database: {connection.vendor}, {Profile.objects.published().count()} published profiles"
    )
    print(f"{'query kind':<14} {'first':>9} {'median ms':>10} {'p95 ms':>8} {'page p95':>9}")
    for kind, kind_timings in timings.items():
        rate = f"{sum(hits[kind])}/{len(hits[kind])}" if kind in hits else "-"
        median, p95 = statistics.median(kind_timings) * 1000, percentile(kind_timings, 0.95) * 1000
        page_p95 = percentile(page_timings[kind], 0.95) * 1000
        print(f"{kind:<14} {rate:>9} {median:>10.1f} {p95:>8.1f} {page_p95:>9.1f}")
    everything = [t for kind in KNOWN_ANSWER for t in timings[kind]]
    median, p95 = statistics.median(everything) * 1000, percentile(everything, 0.95) * 1000
    print(f"{'four kinds':<14} {'':>9} {median:>10.1f} {p95:>8.1f}  search_profiles()")
    pages = [t for values in page_timings.values() for t in values]
    median, p95 = statistics.median(pages) * 1000, percentile(pages, 0.95) * 1000
    print(f"{'all, as pages':<14} {'':>9} {median:>10.1f} {p95:>8.1f}  GET /search/")
    for path, values in source_timings.items() if has_index else ():
        median, p95 = statistics.median(values) * 1000, percentile(values, 0.95) * 1000
        print(f"{path:<14} {'':>9} {median:>10.1f} {p95:>8.1f}  GET")
    for miss in misses[:20]:
        print("missed:", *miss)


if __name__ == "__main__":
    main()
