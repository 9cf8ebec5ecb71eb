"""The public index of sources, /sources/ and /api/sources/: every source that a published
profile cites (Source.objects.public(): the sources only drafts cite stay private), with how
many published profiles cite it, searchable by title, publication and address (every word
somewhere in them)."""

from django.db.models import IntegerField, Q
from django.db.models.expressions import RawSQL

from profiles.models import Citation, Filing, Profile, Relationship, RelationshipCitation, Source
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
    """How many published profiles hold the source in their reference lists (Source.
    citing_profiles), counted in the database so that the index can sort by it: the profiles
    citing it in their text, in their filings, or at either end of a connection between two
    published profiles, each once."""
    tables = {
        "profile": Profile._meta.db_table,
        "citation": Citation._meta.db_table,
        "filing": Filing._meta.db_table,
        "relationship": Relationship._meta.db_table,
        "relationship_citation": RelationshipCitation._meta.db_table,
        "source": Source._meta.db_table,
    }
    connection_ends = """
        SELECT r.{end}_id FROM {relationship_citation} rc
        JOIN {relationship} r ON r.id = rc.relationship_id
        JOIN {profile} s ON s.id = r.subject_id
        JOIN {profile} o ON o.id = r.object_id
        WHERE rc.source_id = {source}.id AND s.published AND o.published"""
    sql = (
        """(SELECT COUNT(*) FROM (
            SELECT c.profile_id FROM {citation} c JOIN {profile} p ON p.id = c.profile_id
            WHERE c.source_id = {source}.id AND p.published
            UNION SELECT f.profile_id FROM {filing} f JOIN {profile} p ON p.id = f.profile_id
            WHERE f.source_id = {source}.id AND p.published
            UNION """
        + connection_ends.replace("{end}", "subject")
        + " UNION "
        + connection_ends.replace("{end}", "object")
        + ") citing)"
    )
    return RawSQL(sql.format(**tables), (), output_field=IntegerField())


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
