"""Export of the public data (JSON or CSV) and import of a JSON export into another database.

Public data only: published profiles, their facts, citations and the sources they cite, the
connections between them, and the vocabularies they use. Never unpublished profiles,
suggestions, contributors' emails or address hashes, editors' notes on sources, users or
revisions.
"""

import csv
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from profiles.licensing import content_license
from profiles.models import (
    Category,
    Citation,
    Fact,
    FactLabel,
    FormerSlug,
    Profile,
    ProfileType,
    Relationship,
    RelationshipCitation,
    RelationshipType,
    Source,
)
from profiles.services import save_profile, save_relationship

FORMAT = "sourcebook-profiles"
VERSION = 1
SOURCE_FIELDS = [
    "url",
    "title",
    "authors",
    "publication",
    "published_date",
    "date_precision",
    "archive_url",
    "kind",
]
RELATIONSHIP_TYPE_FIELDS = [
    "slug",
    "name",
    "forward_label",
    "reverse_label",
    "subject_kind",
    "object_kind",
    "symmetric",
    "has_amount",
    "requires_citation",
    "schema_subject_property",
    "schema_object_property",
    "position",
]
RELATIONSHIP_FIELDS = [
    "role",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "is_current",
    "currency",
]
FILING_FIGURES = ["revenue", "expenses", "assets", "liabilities", "net_assets"]
CSV_COLUMNS = [
    "slug",
    "name",
    "category",
    "location",
    "types",
    "aliases",
    "lead",
    "body",
    "facts",
    "sources",
    "created",
    "updated",
    # Every row names the content licence's address: the file stays one plain table that any
    # CSV reader takes, and a row copied out of it still says under what terms it may be used.
    "license",
]


class ImportRefused(Exception):
    """The file cannot be imported here; the message says why."""


def public_profiles():
    return (
        Profile.objects.published()
        .select_related("category")
        .prefetch_related(
            "types", "facts__label", "citations__source", "former_slugs", "filings__source"
        )
        .order_by("pk")
    )


def iso(value):
    return value.isoformat() if value else None


def public_relationships():
    """Connections between published profiles, with their citations' sources."""
    return (
        Relationship.objects.filter(subject__published=True, object__published=True)
        .select_related("type", "subject", "object")
        .prefetch_related(
            Prefetch("citations", RelationshipCitation.objects.select_related("source"))
        )
        .order_by("pk")
    )


def export_data():
    """Everything public, as one JSON-ready dict."""
    profiles = list(public_profiles())
    relationships = list(public_relationships())
    sources = {c.source.pk: c.source for p in profiles for c in p.citations.all()}
    sources.update((f.source.pk, f.source) for p in profiles for f in p.filings.all())
    sources.update((c.source.pk, c.source) for r in relationships for c in r.citations.all())
    relationship_types = {r.type.pk: r.type for r in relationships}
    categories = {p.category.pk: p.category for p in profiles}
    types = {t.pk: t for p in profiles for t in p.types.all()}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "license": content_license().as_data(),
        "categories": [
            {
                "slug": c.slug,
                "name": c.name,
                "plural_name": c.plural_name,
                "is_person": c.is_person,
                "position": c.position,
            }
            for c in sorted(categories.values(), key=lambda c: c.pk)
        ],
        "types": [
            {"slug": t.slug, "name": t.name} for t in sorted(types.values(), key=lambda t: t.pk)
        ],
        "sources": [
            {"id": s.pk, **{name: _plain(getattr(s, name)) for name in SOURCE_FIELDS}}
            for s in sorted(sources.values(), key=lambda s: s.pk)
        ],
        "profiles": [_profile_data(profile) for profile in profiles],
        "relationship_types": [
            {name: getattr(kind, name) for name in RELATIONSHIP_TYPE_FIELDS}
            for kind in sorted(relationship_types.values(), key=lambda kind: kind.pk)
        ],
        "relationships": [_relationship_data(r) for r in relationships],
    }


def _relationship_data(relationship):
    return {
        "subject": relationship.subject.slug,
        "object": relationship.object.slug,
        "type": relationship.type.slug,
        **{name: _plain(getattr(relationship, name)) for name in RELATIONSHIP_FIELDS},
        "amount": str(relationship.amount) if relationship.amount is not None else None,
        "citations": [
            {"source": c.source_id, "accessed": iso(c.accessed), "pinpoint": c.pinpoint}
            for c in relationship.citations.all()
        ],
    }


def whole_dollars(amount):
    return None if amount is None else int(amount)


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def _profile_data(profile):
    return {
        "slug": profile.slug,
        "name": profile.name,
        "category": profile.category.slug,
        "location": profile.location,
        "types": [t.slug for t in profile.types.all()],
        "aliases": profile.alias_list,
        "ein": profile.ein,
        "fec_id": profile.fec_id,
        "wikidata_id": profile.wikidata_id,
        "lead": profile.lead,
        "body": profile.body,
        "created": iso(profile.created),
        "updated": iso(profile.updated),
        "former_slugs": sorted(former.slug for former in profile.former_slugs.all()),
        "facts": [
            {
                "label": fact.label.name,
                "value": fact.value,
                "as_of": iso(fact.as_of),
                "position": fact.position,
            }
            for fact in profile.facts.all()
        ],
        "citations": [
            {
                "key": citation.key,
                "source": citation.source_id,
                "accessed": iso(citation.accessed),
                "pinpoint": citation.pinpoint,
            }
            for citation in profile.citations.all()
        ],
        "filings": [
            {
                "object_id": filing.object_id,
                "form": filing.form,
                "tax_year": filing.tax_year,
                "tax_period_end": iso(filing.tax_period_end),
                **{name: whole_dollars(getattr(filing, name)) for name in FILING_FIGURES},
                "source": filing.source_id,
            }
            for filing in profile.filings.all()
        ],
    }


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) can
# send the reader's data away). OWASP's advice: start such a cell with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(stream):
    """One row per published profile, for spreadsheets: facts and source URLs one a line."""
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    license_url = content_license().url
    for profile in public_profiles():
        writer.writerow(
            spreadsheet_safe(cell)
            for cell in [
                profile.slug,
                profile.name,
                profile.category.name,
                profile.location,
                "; ".join(t.name for t in profile.types.all()),
                "; ".join(profile.alias_list),
                profile.lead,
                profile.body,
                "\n".join(f"{fact.label.name}: {fact.value}" for fact in profile.facts.all()),
                "\n".join(c.source.url or c.source.title for c in profile.citations.all()),
                iso(profile.created),
                iso(profile.updated),
                license_url,
            ]
        )


def contains_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False


def import_data(data, *, user=None, comment):
    """Create the exported profiles, one revision each (by ``user``, with ``comment``).

    Sources are matched to existing ones by normalized URL, so importing never duplicates a
    source. Refuses a file that is not an export, whose profiles' slugs are already taken, or
    that the database or the citation rules refuse; a refused file imports nothing.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("This file is not a Sourcebook profiles export.")
    if data.get("version") != VERSION:
        raise ImportRefused(
            f"This file is export version {data.get('version')}; expected {VERSION}."
        )
    if contains_nul(data):
        # PostgreSQL refuses NUL characters and SQLite would store them: refuse on both.
        raise ImportRefused(
            "The export contains a NUL character, which a profile cannot hold; nothing was "
            "imported."
        )
    try:
        return _import_profiles(data, user=user, comment=comment)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportRefused(
            f"The export is incomplete or damaged ({type(error).__name__}: {error}); "
            "nothing was imported."
        ) from error
    except (IntegrityError, DataError) as error:
        # A duplicate citation key or slug in the file, or a value the database cannot store.
        reason = " ".join(str(error).split())  # PostgreSQL adds a DETAIL line
        raise ImportRefused(
            f"The database refused the export ({reason}); nothing was imported."
        ) from error


def _import_profiles(data, *, user, comment):
    slugs = [p["slug"] for p in data["profiles"]]
    taken = sorted(
        set(Profile.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        | set(FormerSlug.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    )
    if taken:
        raise ImportRefused(f"These profiles already exist: {', '.join(taken[:10])}.")
    sources_by_id = {source["id"]: source for source in data["sources"]}
    with transaction.atomic():
        categories = {c["slug"]: _category(c) for c in data["categories"]}
        types = {
            t["slug"]: ProfileType.objects.get_or_create(
                slug=t["slug"], defaults={"name": t["name"]}
            )[0]
            for t in data["types"]
        }
        for item in data["profiles"]:
            _create_profile(item, categories, types, sources_by_id, user=user, comment=comment)
        kinds = {
            kind["slug"]: RelationshipType.objects.get_or_create(slug=kind["slug"], defaults=kind)[
                0
            ]
            for kind in data.get("relationship_types", [])
        }
        for item in data.get("relationships", []):
            _create_relationship(item, kinds, sources_by_id, user=user, comment=comment)
    return len(data["profiles"])


def _create_relationship(item, kinds, sources_by_id, *, user, comment):
    profiles = Profile.objects.in_bulk([item["subject"], item["object"]], field_name="slug")
    relationship = Relationship(
        subject=profiles[item["subject"]],
        object=profiles[item["object"]],
        type=kinds[item["type"]],
        amount=Decimal(item["amount"]) if item["amount"] is not None else None,
        **{name: item[name] for name in RELATIONSHIP_FIELDS if not name.endswith("_date")},
        start_date=date.fromisoformat(item["start_date"]) if item["start_date"] else None,
        end_date=date.fromisoformat(item["end_date"]) if item["end_date"] else None,
    )
    citations = [
        RelationshipCitation(
            source=_source(sources_by_id[citation["source"]]),
            accessed=date.fromisoformat(citation["accessed"]) if citation["accessed"] else None,
            pinpoint=citation["pinpoint"],
        )
        for citation in item["citations"]
    ]
    try:
        save_relationship(relationship, user=user, comment=comment, citations=citations)
    except ValidationError as error:
        raise ImportRefused(
            f"The connection “{relationship}”: {' '.join(error.messages)} Nothing was imported."
        ) from error


def _category(data):
    return Category.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "plural_name": data["plural_name"],
            "is_person": data["is_person"],
            "position": data["position"],
        },
    )[0]


def _source(data):
    """An unsaved source; save_profile cites the stored one with the same URL if there is one."""
    fields = {name: data[name] for name in SOURCE_FIELDS}
    if fields["published_date"]:
        fields["published_date"] = date.fromisoformat(fields["published_date"])
    return Source(**fields)


def _create_profile(item, categories, types, sources_by_id, *, user, comment):
    profile = Profile(
        name=item["name"],
        slug=item["slug"],
        category=categories[item["category"]],
        location=item["location"],
        aliases="\n".join(item["aliases"]),
        ein=item.get("ein", ""),
        fec_id=item.get("fec_id", ""),
        wikidata_id=item.get("wikidata_id", ""),
        lead=item["lead"],
        body=item["body"],
        created=datetime.fromisoformat(item["created"]) if item.get("created") else timezone.now(),
    )
    facts = [
        Fact(
            label=FactLabel.objects.get_or_create(name=fact["label"])[0],
            value=fact["value"],
            as_of=date.fromisoformat(fact["as_of"]) if fact["as_of"] else None,
            position=fact["position"],
        )
        for fact in item["facts"]
    ]
    citations = [
        Citation(
            key=citation["key"],
            source=_source(sources_by_id[citation["source"]]),
            accessed=date.fromisoformat(citation["accessed"]) if citation["accessed"] else None,
            pinpoint=citation["pinpoint"],
        )
        for citation in item["citations"]
    ]
    try:
        saved = save_profile(
            profile,
            user=user,
            comment=comment,
            types=[types[slug] for slug in item["types"]],
            facts=facts,
            citations=citations,
        )
    except ValidationError as error:
        # The editors' form refuses such a save (ProfileAdmin); so does the import.
        raise ImportRefused(
            f"The profile “{profile.slug}”: {' '.join(error.messages)} Nothing was imported."
        ) from error
    for slug in item.get("former_slugs", []):
        FormerSlug.objects.create(slug=slug, profile=saved.profile)
    return saved.profile


def find_user(username):
    if not username:
        return None
    User = get_user_model()
    try:
        return User.objects.get(**{User.USERNAME_FIELD: username})
    except User.DoesNotExist:
        raise ImportRefused(f"There is no user “{username}”.") from None
