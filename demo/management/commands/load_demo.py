import secrets
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from demo import content as demo_content
from demo.activity import add_demo_activity
from editorial.permissions import editors_group
from profiles.irs.importing import import_filings
from profiles.models import (
    Category,
    Citation,
    Fact,
    FactLabel,
    Profile,
    ProfileType,
    Relationship,
    RelationshipCitation,
    RelationshipType,
    Source,
    parse_partial_date,
)
from profiles.services import save_profile, save_relationships

DEMO_EDITOR = "editor"
# Fictional IRS returns of three demo organizations (written by bench/generate_returns.py).
DEMO_FILINGS = Path(demo_content.__file__).resolve().parent / "filings"


def demo_source(data):
    """An unsaved source; save_profile cites the stored one when its URL is already known."""
    published, precision = parse_partial_date(data.get("published", ""))
    return Source(
        url=data["url"],
        title=data["title"],
        authors=data.get("authors", ""),
        publication=data.get("publication", ""),
        published_date=published,
        date_precision=precision,
        archive_url=data.get("archive_url", ""),
        kind=data.get("kind", Source.Kind.WEB),
    )


def create_profile(data, accessed, editor):
    profile = Profile(
        name=data["name"],
        slug=data["slug"],
        category=Category.objects.get(slug=data["category"]),
        location=data.get("location", ""),
        ein=data.get("ein", ""),
        aliases="\n".join(data.get("aliases", [])),
        lead=data.get("lead", "").strip(),
        body=data.get("body", "").strip(),
    )
    types = [
        ProfileType.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in data.get("types", [])
    ]
    facts = [
        Fact(
            label=FactLabel.objects.get(name=label),
            value=value,
            as_of=date.fromisoformat(as_of) if as_of else None,
            position=position,
        )
        for position, (label, value, as_of) in enumerate(data.get("facts", []))
    ]
    citations = [
        Citation(
            key=key,
            source=demo_source(demo_content.SOURCES[source_key]),
            accessed=accessed,
            pinpoint=pinpoint,
        )
        for key, (source_key, pinpoint) in data.get("citations", {}).items()
    ]
    return save_profile(
        profile,
        user=editor,
        comment=f"Created {data['name']} (demo content).",
        types=types,
        facts=facts,
        citations=citations,
    ).profile


def demo_relationship(data, accessed):
    """One demo connection with its citations, or None if it is there already (the loader may
    run again) or one of its profiles is missing."""
    subject_slug, type_slug, object_slug, role, start, end, amount, sources = data
    profiles = Profile.objects.in_bulk([subject_slug, object_slug], field_name="slug")
    if len(profiles) < 2:
        return None
    kind = RelationshipType.objects.get(slug=type_slug)
    subject, object_ = profiles[subject_slug], profiles[object_slug]
    if Relationship.objects.filter(subject=subject, object=object_, type=kind, role=role).exists():
        return None
    start_date, start_precision = parse_partial_date(start)
    end_date, end_precision = parse_partial_date(end)
    relationship = Relationship(
        subject=subject,
        object=object_,
        type=kind,
        role=role,
        start_date=start_date,
        start_precision=start_precision,
        end_date=end_date,
        end_precision=end_precision,
        # A grant, a statement, a founding happened once; a post lasts until it ends.
        is_current=not end_date and type_slug not in {"funded", "co-signed", "founder-of"},
        amount=Decimal(amount) if amount else None,
    )
    citations = [
        RelationshipCitation(
            source=demo_source(demo_content.SOURCES[key]), accessed=accessed, pinpoint=pinpoint
        )
        for key, pinpoint in sources
    ]
    return relationship, citations


def demo_editor():
    """The demo's editor account; returns (user, password or None if it already existed)."""
    User = get_user_model()
    user = User.objects.filter(username=DEMO_EDITOR).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            DEMO_EDITOR, email="editor@localhost", password=password, is_staff=True
        )
        user.first_name, user.last_name = "Demo", "Editor"
        user.save()
    user.groups.add(editors_group())
    return user, password


class Command(BaseCommand):
    help = "Load the fictional demo profiles and create the demo editor account (safe to rerun)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG off (never do this on a public site).",
        )
        parser.add_argument(
            "--with-activity",
            action="store_true",
            help="Also add a later revision and suggestions waiting in the review queue.",
        )

    def handle(self, *args, force=False, with_activity=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "The demo creates an editor account with a printed password, so it refuses to "
                "run with DEBUG off. Pass --force if this really is a private test site."
            )
        editor, password = demo_editor()
        accessed = date.fromisoformat(demo_content.ACCESSED)
        created = 0
        for data in demo_content.PROFILES:
            if Profile.objects.filter(slug=data["slug"]).exists():
                continue
            create_profile(data, accessed, editor)
            created += 1
        total = len(demo_content.PROFILES)
        self.stdout.write(f"Demo content: {created} profiles created, {total - created} present.")
        connections = [demo_relationship(data, accessed) for data in demo_content.RELATIONSHIPS]
        connected = save_relationships(
            [connection for connection in connections if connection],
            user=editor,
            comment="Connected the demo profiles (demo content).",
        )
        self.stdout.write(f"Demo connections: {len(connected)} created.")
        filings = import_filings([DEMO_FILINGS], user=editor)
        self.stdout.write(
            f"Demo filings: {filings.stored} returns imported, {filings.proposed} connections "
            "proposed for review."
        )
        if with_activity:
            for added in add_demo_activity(editor):
                self.stdout.write(f"Demo activity: {added}.")
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo editor login: username '{DEMO_EDITOR}', password '{password}' "
                    "(admin at /admin/)."
                )
            )
        else:
            self.stdout.write(
                f"The demo editor '{DEMO_EDITOR}' exists; reset its password with "
                f"'python manage.py changepassword {DEMO_EDITOR}'."
            )
