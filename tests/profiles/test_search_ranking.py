"""Ranking on realistic data, on whichever database the suite runs against.

PostgreSQL: a few hundred generated profiles whose names share words; the right profile must
come first for its exact name, a misspelling, an alias and a phrase from its body, and the
queries must be able to use the indexes of migration 0003. SQLite (its FTS5 index, migration
0008) promises the same first results on the same profiles. Nothing is skipped.
"""

import random

import pytest
from django.db import connection

from bench.generate_profiles import generate, queries_for
from profiles.filters import ProfileFilters
from profiles.models import Profile
from profiles.search import _postgresql, _similar_names, query_words, search_profiles

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"

# Demo profiles and a phrase from each one's text that no other demo profile has.
DEMO_PHRASES = {
    "riverton-tenants-alliance": "basement of an Eastside church",
    "westmarch-service-workers-local-417": "former hospital janitor",
    "westmarch-civic-party": "permanent ballot line",
    "alder-falls-community-foundation": "bequests from local families",
    "anjali-desrosiers": "paralegal at a legal aid office",
    "gideon-farraday": "too costly to repair",
    "homes-for-westmarch": "regional unions representing teachers",
    "center-for-westmarch-housing-policy": "disproportionate share of cases",
    "westmarch-property-owners-council": "legal referral service",
    "tobias-renner": "executive board since 2008",
}


def first_result(query):
    page = search_profiles(query, filters=ProfileFilters()).page_obj
    return page.object_list[0].slug if page.object_list else None


def test_every_demo_profile_comes_first_for_its_exact_name(demo):
    for profile in demo:
        assert first_result(profile.name) == profile.slug, profile.name


@pytest.mark.parametrize("slug, phrase", DEMO_PHRASES.items())
def test_a_phrase_from_a_demo_profile_finds_that_profile_first(demo, slug, phrase):
    assert first_result(phrase) == slug


def test_the_right_generated_profile_ranks_first_for_name_misspelling_alias_and_phrase(db):
    slugs = generate(300 if ON_POSTGRESQL else 120, seed=3)
    if ON_POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE profiles_profile, profiles_fact")  # plan as in production
    targets = Profile.objects.filter(slug__in=random.Random(1).sample(slugs, 12))
    kinds = ["exact name", "misspelling", "alias", "body phrase"]
    misses = [
        (kind, query, profile.name)
        for profile in targets
        for kind, query in queries_for(profile).items()
        if kind in kinds and first_result(query) != profile.slug
    ]
    assert misses == []


def test_the_search_can_use_the_indexes_made_for_it(db):
    index_names = {
        "profiles_profile_search_gin",
        "profiles_fact_search_gin",
        "profiles_profile_name_trgm",
    }
    with connection.cursor() as cursor:
        constraints = {
            **connection.introspection.get_constraints(cursor, "profiles_profile"),
            **connection.introspection.get_constraints(cursor, "profiles_fact"),
        }
    if not ON_POSTGRESQL:
        assert index_names.isdisjoint(constraints), "the indexes are made on PostgreSQL only"
        return
    assert index_names <= set(constraints)
    query = "Riverton tenants"
    ranked = _postgresql(Profile.objects.published(), query, query_words(query))
    similar = _similar_names(Profile.objects.all(), "Riverton tenents")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = ranked.explain() + similar.explain()
    for name in index_names:
        assert name in plan, f"{name} is not used:\n{plan}"
