"""Search of published profiles: /search/ calls search_profiles(), which branches on the database.

PostgreSQL: a weighted document (name and aliases A, lead B, body C; infobox values through
their own index) matched with a prefix or web-search query and ranked by ts_rank, plus the
trigram similarity of the name (so an exact name comes first) and a bonus when the words stand
side by side as typed (a phrase). When nothing matches, names that look like the query (trigram
word similarity) are shown with a "did you mean". The indexes are made by migration 0003.

Other databases (SQLite, the zero-setup install): a ranked field search. Every word must appear
somewhere in the profile; a word in the name counts most, then aliases, lead, body and infobox;
the whole query in the name or the text counts more. When nothing matches, the closest name
(difflib) is the "did you mean".
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)

from profiles.models import Fact, Profile
from profiles.snippets import highlighted_snippet

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
CONFIG = "english"
WORD_RE = re.compile(r"[^\W_]+")
# Web-search syntax: "a phrase", -excluded, or. Anything else is read as words to prefix-match.
OPERATORS_RE = re.compile(r'"|(^|\s)-\w|\sor\s', re.IGNORECASE)
QUOTED_RE = re.compile(r'"\s*([^"]*?[^"\s])\s*"')
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass
class SearchResults:
    query: str
    page_obj: object  # a Paginator page of profiles, each with a .snippet
    suggestion: str = ""  # a profile name, when the words as typed matched nothing


def clean_query(text):
    """The query as we search it: no control characters (PostgreSQL refuses NUL), one space
    between words, at most MAX_QUERY_LENGTH characters."""
    text = CONTROL_RE.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query):
    return WORD_RE.findall(query.lower())[:MAX_TERMS]


def search_profiles(query, *, filters, page=1, per_page=20):
    """Published profiles matching the query and the filters, best first, one page of them.

    When the words as typed match nothing, the profiles whose names look most like the query
    are shown instead, with the best one as "did you mean".
    """
    query = clean_query(query)
    words = query_words(query)
    profiles = filters.apply(Profile.objects.published()).select_related("category")
    profiles = profiles.defer("lead", "body", "toc", "references")
    if not words and filters.connected_to:
        # Its connections, without words to rank them by: by name.
        page_obj = Paginator(profiles.order_by("name", "pk"), per_page).get_page(page)
        for profile in page_obj:
            profile.snippet = highlighted_snippet(profile, [])
        return SearchResults(query, page_obj)
    if not words:
        return SearchResults(query, Paginator(Profile.objects.none(), per_page).get_page(1))
    on_postgresql = connection.vendor == "postgresql"
    search = _postgresql if on_postgresql else _field_search
    page_obj = Paginator(search(profiles, query, words), per_page).get_page(page)
    suggestion = ""
    if not page_obj.paginator.count:
        if on_postgresql:
            similar = _similar_names(profiles, query)
            if not similar.exists():
                similar = _loosely_similar_names(profiles, query)
        else:
            closest = _closest_name(query)
            similar = profiles.filter(name=closest) if closest else profiles.none()
        page_obj = Paginator(similar, per_page).get_page(page)
        if page_obj.object_list:
            suggestion = page_obj.object_list[0].name
            words = query_words(suggestion)
    for profile in page_obj:
        profile.snippet = highlighted_snippet(profile, words)
    return SearchResults(query, page_obj, suggestion)


# PostgreSQL ----------------------------------------------------------------------------------


def profile_vector():
    """The weighted document; the same expression as the index profiles_profile_search_gin."""
    return (
        SearchVector("name", "aliases", config=CONFIG, weight="A")
        + SearchVector("lead", config=CONFIG, weight="B")
        + SearchVector("body", config=CONFIG, weight="C")
    )


def text_query(query, words):
    if OPERATORS_RE.search(query):
        return SearchQuery(query, search_type="websearch", config=CONFIG)
    # Every word as a prefix: "River" finds Riverton. The words are letters and digits only,
    # so the raw tsquery syntax cannot be broken by what was typed.
    prefixes = " & ".join(f"'{word}':*" for word in words)
    return SearchQuery(prefixes, search_type="raw", config=CONFIG)


def _postgresql(profiles, query, words):
    tsquery = text_query(query, words)
    fact_hits = Fact.objects.annotate(document=SearchVector("value", config=CONFIG)).filter(
        document=tsquery
    )
    matching = (
        Profile.objects.annotate(document=profile_vector()).filter(document=tsquery).values("pk")
    )
    phrase_bonus = Value(0.0)
    if len(words) > 1 and not OPERATORS_RE.search(query):
        # The words side by side, as typed, count more than the same words apart.
        phrase = SearchQuery(query, search_type="phrase", config=CONFIG)
        phrase_hits = (
            Profile.objects.annotate(document=profile_vector()).filter(document=phrase).values("pk")
        )
        phrase_bonus = Case(
            When(pk__in=phrase_hits, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
        )
    return (
        profiles.filter(Q(pk__in=matching) | Q(pk__in=fact_hits.values("profile")))
        .annotate(
            score=SearchRank(profile_vector(), tsquery)
            + Case(
                When(Exists(fact_hits.filter(profile=OuterRef("pk"))), then=Value(0.05)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + TrigramSimilarity("name", query)
            + phrase_bonus
        )
        .order_by("-score", "name", "pk")
    )


def _similar_names(profiles, query):
    """Profiles whose names look like the query (trigram word similarity), most alike first."""
    return (
        profiles.filter(name__trigram_word_similar=query)
        .annotate(score=TrigramWordSimilarity(query, "name") + TrigramSimilarity("name", query))
        .order_by("-score", "name", "pk")
    )


# Below pg_trgm's default threshold (0.6) but still a likely misspelling of one word of a
# name ("rivrside" scores 0.58 against "Riverside Tenants Alliance"). Without the operator the
# index is not used, so this runs only when the indexed query found nothing.
LOOSE_WORD_SIMILARITY = 0.45


def _loosely_similar_names(profiles, query):
    return (
        profiles.annotate(score=TrigramWordSimilarity(query, "name"))
        .filter(score__gte=LOOSE_WORD_SIMILARITY)
        .order_by("-score", "name", "pk")
    )


# Other databases -----------------------------------------------------------------------------

FIELD_WEIGHTS = [("name", 10), ("aliases", 8), ("lead", 4), ("body", 2)]


def _contains(field, text):
    return Q(**{f"{field}__icontains": text})


def _field_search(profiles, query, words):
    def fact_contains(text):
        return Exists(Fact.objects.filter(profile=OuterRef("pk"), value__icontains=text))

    def points(condition, weight):
        return Case(
            When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField()
        )

    score = points(Q(name__iexact=query), 100) + points(_contains("name", query), 20)
    score += points(_contains("aliases", query), 15)
    # The words side by side, as typed, outweigh the same words scattered through names.
    score += points(_contains("lead", query) | _contains("body", query), 40)
    for word in words:
        for field, weight in FIELD_WEIGHTS:
            score += points(_contains(field, word), weight)
        score += points(fact_contains(word), 1)
        found = Q()
        for field, _weight in FIELD_WEIGHTS:
            found |= _contains(field, word)
        profiles = profiles.filter(found | Q(fact_contains(word)))
    # "Quoted words" must stand together, as PostgreSQL's web-search syntax has it.
    for phrase in QUOTED_RE.findall(query):
        found = Q(fact_contains(phrase))
        for field, _weight in FIELD_WEIGHTS:
            found |= _contains(field, phrase)
        profiles = profiles.filter(found)
    return profiles.annotate(score=score).order_by("-score", "name", "pk")


def _closest_name(query):
    """The published profile name most like the query (difflib), or "".

    A name is compared whole and word by word, so that "rivertn tenents" finds "Riverton
    Tenants Alliance" as well as a misspelled full name does.
    """
    words = query_words(query)
    best_name, best_score = "", 0.0
    for name in Profile.objects.published().values_list("name", flat=True):
        score = max(_likeness(query.casefold(), name.casefold()), _word_likeness(words, name))
        if score > best_score:
            best_name, best_score = name, score
    return best_name if best_score >= 0.75 else ""


def _likeness(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


def _word_likeness(words, name):
    """How well each query word matches its closest word of the name, on average."""
    name_words = query_words(name)
    if not words or not name_words:
        return 0.0
    return sum(max(_likeness(w, n) for n in name_words) for w in words) / len(words)
