"""What a profile page's stored fragments (the article and its head metadata, cached by
profile_detail.html) depend on, as one key: a fragment is rendered once and reused by every
request until something it shows changes, while writes elsewhere leave it alone.

The article shows the profile row and its revision (its facts, citations and connections are
written in the same revisions), the sources it cites with their link health, the names of the
profiles it is connected to and of those mentioning it, which of its links have no profile
yet, and the vocabularies' names. Each appears below as a stamp read in one small query.
"""

import hashlib

from django.db.models import F, Q, Subquery

from profiles.models import Profile, Relationship, RelationshipCitation, Source
from profiles.page_generation import vocabulary_generation


def latest(queryset, field):
    """The newest value of a date-time field over the queryset, as a subquery."""
    ordered = queryset.order_by(F(field).desc(nulls_last=True)).values(field)[:1]
    return Subquery(ordered)


def stamps(profile):
    """When any source the profile or its connections cite last changed or was checked, and
    when any profile at the other end of a connection last changed (a rename, a draft): one
    query."""
    connections = Relationship.objects.filter(Q(subject=profile) | Q(object=profile))
    cited = Source.objects.filter(
        Q(pk__in=profile.citations.values("source"))
        | Q(
            pk__in=RelationshipCitation.objects.filter(relationship__in=connections).values(
                "source"
            )
        )
    )
    connected = Profile.objects.filter(
        Q(relationships_as_subject__object=profile) | Q(relationships_as_object__subject=profile)
    )
    return (
        Profile.objects.filter(pk=profile.pk)
        .annotate(
            sources=latest(cited, "updated"),
            checked=latest(cited, "link_check__checked_at"),
            archive=latest(cited, "link_check__archive_checked_at"),
            connected=latest(connected, "updated"),
        )
        .values_list("sources", "checked", "archive", "connected")
        .first()
    )


def article_key(request, profile, revision, *, mentioned_in, missing, can_edit):
    parts = [
        request.scheme,
        request.get_host(),
        profile.pk,
        profile.updated,
        getattr(revision, "pk", None),
        stamps(profile),
        [(other.pk, other.updated) for other in mentioned_in],
        sorted(missing.items()),
        can_edit,
        vocabulary_generation(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
