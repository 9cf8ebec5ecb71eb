"""Search of published profiles: /search/ calls search_profiles(), which branches on the database.

PostgreSQL: a weighted document (name and aliases A, lead B, body C; infobox values through
their own index) matched with a prefix or web-search query and ranked by ts_rank, plus the
trigram similarity of the name (so an exact name comes first) and a bonus when the words stand
side by side as typed (a phrase). When nothing matches, names that look like the query (trigram
word similarity) are shown with a "did you mean". The indexes are made by migrations 0003 and
0010 (which stores the document in a column, so that ranking reads it rather than computing it).

SQLite (the zero-setup install): the FTS5 table of profiles.search_index, ranked by bm25 with
the name weighted most (then aliases, lead, body, infobox), plus the same bonuses for the whole
query as the name, in the name or as a phrase in the text; the same web-search syntax ("a
phrase", -word, or). When nothing matches, the closest of the names that start like the query's
words (difflib) is the "did you mean".
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import (
    Case,
    Exists,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper

from profiles.models import Fact, Profile
from profiles.search_index import TABLE as FTS_TABLE
from profiles.search_index import WEIGHTS as FTS_WEIGHTS
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

    @property
    def found_nothing(self):
        """The words as typed matched no profile (the page may show similar names)."""
        return bool(self.query) and (self.suggestion or not self.page_obj.paginator.count)


def clean_query(text):
    """The query as we search it: no control characters (PostgreSQL refuses NUL), one space
    between words, at most MAX_QUERY_LENGTH characters."""
    text = CONTROL_RE.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query):
    return WORD_RE.findall(query.lower())[:MAX_TERMS]


def profile_named(query):
    """The published profile with exactly this name (ignoring case); None when none or two
    have it. Index profiles_profile_upper_name serves it on both databases."""
    named = Profile.objects.published().alias(upper_name=Upper("name"))
    found = list(named.filter(upper_name=Upper(Value(query))).only("slug")[:2])
    return found[0] if len(found) == 1 else None


# What a query may name exactly, so that /search/ goes straight to that profile: each takes
# the cleaned query and returns a profile or None, and the first that finds one wins.
DIRECT_LOOKUPS = [profile_named]


def direct_hit(query):
    """The profile that the query names exactly, if one does (see DIRECT_LOOKUPS)."""
    query = clean_query(query)
    for lookup in DIRECT_LOOKUPS if query else ():
        profile = lookup(query)
        if profile is not None:
            return profile
    return None


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
    search = _postgresql if on_postgresql else _fts5
    page_obj = Paginator(search(profiles, query, words), per_page).get_page(page)
    suggestion = ""
    if not page_obj.paginator.count:
        if on_postgresql:
            page_obj = _similar_names_page(profiles, query, per_page, page)
        else:
            closest = _closest_name(profiles, query)
            similar = profiles.filter(name=closest) if closest else profiles.none()
            page_obj = Paginator(similar, per_page).get_page(page)
        if page_obj.object_list:
            suggestion = page_obj.object_list[0].name
            words = query_words(suggestion)
    for profile in page_obj:
        profile.snippet = highlighted_snippet(profile, words)
    return SearchResults(query, page_obj, suggestion)


# PostgreSQL ----------------------------------------------------------------------------------


def profile_document():
    """The weighted document of a profile (name and aliases A, lead B, body C), stored by
    PostgreSQL in the column search_document (migration 0010, which indexes it). Unqualified:
    only profiles have that column, whether in the outer query or a subquery of profiles."""
    return RawSQL('"search_document"', [], output_field=SearchVectorField())


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
    # A union rather than "in one or in the other", so that both GIN indexes are read instead
    # of every profile.
    in_document = Profile.objects.alias(document=profile_document()).filter(document=tsquery)
    matching = in_document.values("pk").union(fact_hits.values("profile"))
    phrase_bonus = Value(0.0)
    if len(words) > 1 and not OPERATORS_RE.search(query):
        # The words side by side, as typed, count more than the same words apart.
        phrase = SearchQuery(query, search_type="phrase", config=CONFIG)
        phrase_bonus = Case(When(document=phrase, then=Value(1.0)), default=Value(0.0))
    return (
        profiles.filter(pk__in=matching)
        .alias(document=profile_document())
        .annotate(
            score=SearchRank(profile_document(), tsquery)
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
# name ("rivrside" scores 0.58 against "Riverside Tenants Alliance"): tried when the default
# finds nothing.
LOOSE_WORD_SIMILARITY = 0.45


def _similar_names_page(profiles, query, per_page, page):
    """A page of the names most like the query, at pg_trgm's threshold or else at the looser
    one. The threshold is set for this transaction only, so that the trigram index serves
    both (comparing the query with every name instead takes most of a second at 100,000)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for threshold in (None, LOOSE_WORD_SIMILARITY):
            if threshold is not None:
                cursor.execute(
                    "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                    [str(threshold)],
                )
            page_obj = Paginator(_similar_names(profiles, query), per_page).get_page(page)
            if page_obj.paginator.count:
                page_obj.object_list = list(page_obj.object_list)  # read at this threshold
                return page_obj
    return page_obj


# SQLite ----------------------------------------------------------------------------------

# Web-search syntax, read as PostgreSQL's websearch_to_tsquery reads it: "a phrase", -word or
# -"a phrase" left out, "or" between alternatives; any other word is matched as a prefix.
TERM_RE = re.compile(r'(-?)"([^"]*)"|(\S+)')


def fts_groups(query):
    """The query as alternatives (split at "or"), each a pair of lists of FTS5 terms:
    (required, excluded). Terms are double-quoted words, so nothing typed is FTS5 syntax."""
    groups, required, excluded = [], [], []
    for match in TERM_RE.finditer(query):
        minus, phrase, bare = match[1], match[2], match[3]
        if bare is not None and bare.lower() == "or":
            groups.append((required, excluded))
            required, excluded = [], []
            continue
        if bare is not None:
            minus, bare = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        words = query_words(phrase if phrase is not None else bare)
        if not words:
            continue
        if minus:
            excluded.append(f'"{" ".join(words)}"')
        elif phrase is not None:
            required.append(f'"{" ".join(words)}"')
        else:
            required.extend(f'"{word}"*' for word in words)
    groups.append((required, excluded))
    return [group for group in groups if group[0] or group[1]]


def fts_expression(groups):
    """The FTS5 MATCH expression: each alternative's required terms, NOT its excluded ones."""
    alternatives = [
        "(" + " ".join(required) + "".join(f" NOT {term}" for term in excluded) + ")"
        for required, excluded in groups
        if required
    ]
    return " OR ".join(alternatives)


def _fts5(profiles, query, words):
    groups = fts_groups(query)
    expression = fts_expression(groups)
    if not expression:
        # Only words to leave out ("-harbor"): every profile without them, as on PostgreSQL.
        excluded = " OR ".join(term for _required, terms in groups for term in terms)
        matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [excluded])
        return profiles.exclude(pk__in=matching).order_by("name", "pk")
    weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
    # A join with the virtual table, which no model maps: bm25() needs the MATCH in the same
    # query, and FTS5 then reads only the matching rows.
    matched = profiles.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = profiles_profile.id", f"{FTS_TABLE} MATCH %s"],
        params=[expression],
    )
    # bm25() is lower for better matches. The whole query as the name, in the name or side by
    # side in the text (a phrase) counts more than its words apart, as on PostgreSQL.
    score = RawSQL(f"-bm25({FTS_TABLE}, {weights})", [], output_field=FloatField())
    score += _bonus(Q(name__iexact=query), 100) + _bonus(Q(name__icontains=query), 20)
    score += _bonus(Q(aliases__icontains=query), 15)
    if len(words) > 1:
        score += _bonus(Q(lead__icontains=query) | Q(body__icontains=query), 40)
    return matched.annotate(score=score).order_by("-score", "name", "pk")


def _bonus(condition, points):
    return Case(When(condition, then=Value(float(points))), default=Value(0.0))


# Candidates for "did you mean" share the first letters of the query's words (a typing mistake
# is rarely in the first three): with every word's first, else with any word's, the best matches.
PREFIX_LETTERS = 3
MAX_CANDIDATES = 500


def _closest_name(profiles, query):
    """The published profile name most like the query (difflib), or "".

    A name is compared whole and word by word, so that "rivertn tenents" finds "Riverton
    Tenants Alliance" as well as a misspelled full name does.
    """
    words = query_words(query)
    best_name, best_score = "", 0.0
    for joiner in (" ", " OR "):
        for name in _names_starting_like(profiles, words, joiner):
            score = max(_likeness(query.casefold(), name.casefold()), _word_likeness(words, name))
            if score > best_score:
                best_name, best_score = name, score
        if best_score >= 0.75:
            return best_name
    return ""


def _names_starting_like(profiles, words, joiner):
    prefixes = joiner.join(f'"{word[:PREFIX_LETTERS]}"*' for word in words)
    in_names = RawSQL(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s",
        [f"name : ({prefixes})", MAX_CANDIDATES],
    )
    return profiles.filter(pk__in=in_names).values_list("name", flat=True)


def _likeness(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


def _word_likeness(words, name):
    """How well each query word matches its closest word of the name, on average."""
    name_words = query_words(name)
    if not words or not name_words:
        return 0.0
    return sum(max(_likeness(w, n) for n in name_words) for w in words) / len(words)
