"""Search quality and latency on generated profiles (see bench/generate_profiles.py).

    DATABASE_URL=postgres://... python bench/search_benchmark.py --targets 200

For each of --targets random generated profiles it asks the four queries of queries_for()
(exact name, a misspelling, an alias, a phrase from the body), checks that the profile comes
first, and times search_profiles() (queries, ranking and snippets of the first page) and the
whole /search/ page through Django's test client. Prints hit rates, median and p95 latency.
"""

import argparse
import random
import statistics
import time

from generate_profiles import TOPICS, queries_for, setup_django


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
    timings, page_timings, hits, misses = {}, [], {}, []
    for profile in targets:
        queries = queries_for(profile)
        # A broad query matching hundreds of profiles: timed, no single right answer.
        queries["broad word"] = rng.choice(TOPICS).lower()
        for kind, query in queries.items():
            started = time.perf_counter()
            results = search_profiles(query, filters=ProfileFilters(), per_page=20)
            first = [result.slug for result in results.page_obj][:1]
            timings.setdefault(kind, []).append(time.perf_counter() - started)
            if kind == "broad word":
                continue
            hits.setdefault(kind, []).append(first == [profile.slug])
            if first != [profile.slug]:
                misses.append((kind, query, profile.name, first))
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            page_timings.append(time.perf_counter() - started)
            assert response.status_code == 200
    everything = [t for kind, values in timings.items() if kind in hits for t in values]
    print(
        f"Database: {connection.vendor}, {Profile.objects.published().count()} published profiles"
    )
    print(f"{'query kind':<14} {'first':>9} {'median ms':>10} {'p95 ms':>8}")
    for kind, kind_timings in timings.items():
        rate = f"{sum(hits[kind])}/{len(hits[kind])}" if kind in hits else "-"
        median, p95 = statistics.median(kind_timings) * 1000, percentile(kind_timings, 0.95) * 1000
        print(f"{kind:<14} {rate:>9} {median:>10.1f} {p95:>8.1f}")
    median, p95 = statistics.median(everything) * 1000, percentile(everything, 0.95) * 1000
    print(f"{'four kinds':<14} {'':>9} {median:>10.1f} {p95:>8.1f}  search_profiles()")
    median, p95 = statistics.median(page_timings) * 1000, percentile(page_timings, 0.95) * 1000
    print(f"{'all, as pages':<14} {'':>9} {median:>10.1f} {p95:>8.1f}  GET /search/")
    for miss in misses[:20]:
        print("missed:", *miss)


if __name__ == "__main__":
    main()
