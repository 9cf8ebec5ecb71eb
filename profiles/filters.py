"""The filters shared by browse, search and the API: ?category= &type= &location= &letter=
&connected_to= (a profile's slug: the profiles it has a connection with, on either side).

Reading them makes no query: the slugs are checked against the facet lists the pages load
anyway, or by the API against the database.
"""

import re
import string
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import Left, Upper

from profiles.models import Category, Profile, ProfileType, Relationship

LETTERS = string.ascii_uppercase
FILTERS = ("category", "type", "location", "letter", "connected_to")
MAX_LOCATION_LENGTH = 200
PAGE_RE = re.compile(r"[1-9][0-9]{0,5}")


def page_number(params):
    """The ?page= number if it is a plain positive number of reasonable size, else 1."""
    text = params.get("page", "")
    return int(text) if PAGE_RE.fullmatch(text) else 1


@dataclass(frozen=True)
class ProfileFilters:
    category: str = ""  # a Category slug
    type: str = ""  # a ProfileType slug
    location: str = ""
    letter: str = ""
    connected_to: str = ""  # a Profile slug

    @classmethod
    def from_query(cls, params):
        """Filters from request.GET; a value that cannot be right is dropped, never an error."""

        def value(name, limit=MAX_LOCATION_LENGTH):
            text = params.get(name, "")
            return "" if "\x00" in text else " ".join(text.split())[:limit]

        letter = value("letter").upper()
        return cls(
            category=value("category"),
            type=value("type"),
            location=value("location"),
            letter=letter if len(letter) == 1 and letter in LETTERS else "",
            connected_to=value("connected_to"),
        )

    def condition(self, *, without="", prefix=""):
        """The filters as a Q over profiles (``prefix`` for a relation to them), leaving out
        one filter: the counts of its facet."""
        lookups = {
            "category": ("category__slug", self.category),
            "type": ("types__slug", self.type),
            "location": ("location", self.location),
            "letter": ("name__istartswith", self.letter),
        }
        condition = Q()
        for name, (lookup, value) in lookups.items():
            if value and name != without:
                condition &= Q(**{prefix + lookup: value})
        if self.connected_to and without != "connected_to":
            # Subqueries rather than joins: a profile connected twice is listed once.
            to = Relationship.objects.filter(object__slug=self.connected_to).values("subject")
            by = Relationship.objects.filter(subject__slug=self.connected_to).values("object")
            condition &= Q(**{f"{prefix}pk__in": to}) | Q(**{f"{prefix}pk__in": by})
        return condition

    def apply(self, profiles):
        return profiles.filter(self.condition())

    def items(self, **changes):
        """The filters as query parameters in canonical order, empty ones left out."""
        values = {**self.__dict__, **changes}
        return [(name, values[name]) for name in FILTERS if values[name]]

    def query_string(self, page=1, **changes):
        items = self.items(**changes)
        if page and page != 1:
            items.append(("page", page))
        return urlencode(items)

    def __bool__(self):
        return bool(self.items())


@dataclass
class Choice:
    """One choice of a facet: its label, how many profiles it shows and its link."""

    value: str
    label: str
    count: int
    query_string: str
    selected: bool


@dataclass
class Facets:
    categories: list
    types: list
    locations: list
    letters: list
    clear: dict  # facet name -> the query string without that filter

    def selected(self, facet):
        return next((choice for choice in getattr(self, facet) if choice.selected), None)


def facet_counts(filters):
    """Each filter's choices with the number of published profiles it would show, given the
    other filters: four queries, whatever the number of choices."""

    def count_on(without):
        condition = Q(profiles__published=True)
        condition &= filters.condition(without=without, prefix="profiles__")
        return Count("profiles", filter=condition, distinct=True)

    def choices(facet, rows):
        current = getattr(filters, facet)
        return [
            Choice(value, label, count, filters.query_string(**{facet: value}), value == current)
            for value, label, count in rows
        ]

    published = Profile.objects.published()
    categories = Category.objects.annotate(profile_count=count_on("category"))
    types = ProfileType.objects.annotate(profile_count=count_on("type"))
    locations = (
        published.filter(filters.condition(without="location"))
        .exclude(location="")
        .values_list("location")
        .annotate(Count("pk", distinct=True))
        .order_by("location")
    )
    initials = dict(
        published.filter(filters.condition(without="letter"))
        .annotate(initial=Upper(Left("name", 1)))
        .values_list("initial")
        .annotate(Count("pk", distinct=True))
        .order_by()
    )
    return Facets(
        categories=choices(
            "category", [(c.slug, c.plural_name, c.profile_count) for c in categories]
        ),
        types=choices("type", [(t.slug, t.name, t.profile_count) for t in types]),
        locations=choices("location", [(name, name, count) for name, count in locations]),
        letters=choices(
            "letter", [(letter, letter, initials.get(letter, 0)) for letter in LETTERS]
        ),
        clear={facet: filters.query_string(**{facet: ""}) for facet in FILTERS},
    )
