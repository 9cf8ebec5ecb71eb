"""The public index of sources, /sources/ and /api/sources/: every source that a published
profile cites (Source.objects.public(): the sources only drafts cite stay private), with how
many published profiles cite it, searchable by title, publication and address (every word
somewhere in them)."""

from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery

from profiles.models import Profile, Source, profiles_citing
from profiles.search import clean_query, query_words

# ?sort= and the order each gives; the last key makes the order stable across pages.
ORDERS = {
    "title": ("title", "pk"),
    "cited": ("-citing_count", "title", "pk"),
    "newest": ("-published_date", "title", "pk"),
}
DEFAULT_ORDER = "title"


def sort_order(text):
    """The ?sort= value if it is one we offer, else the default."""
    return text if text in ORDERS else DEFAULT_ORDER


def citing_count():
    """How many published profiles hold the source in their reference lists (the same
    profiles_citing that decides which sources are public), counted in the database so that
    the index can sort by it."""
    citing = (
        Profile.objects.published()
        .filter(profiles_citing(OuterRef(OuterRef("pk"))))
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )
    return Subquery(citing, output_field=IntegerField())


def public_sources(query="", sort=DEFAULT_ORDER):
    """The public sources with every word of the query in their title, publication or address,
    each with
    its ``citing_count``, in the order ``sort`` names."""
    sources = Source.objects.public().annotate(citing_count=citing_count())
    for word in query_words(clean_query(query)):
        sources = sources.filter(
            Q(title__icontains=word) | Q(publication__icontains=word) | Q(url__icontains=word)
        )
    return sources.order_by(*ORDERS[sort_order(sort)])
