"""Plain helpers that make test data: fictional organizations, in our own words."""

import itertools
from datetime import date

from django.utils.text import slugify

from editorial.edits import profile_field, section_text
from editorial.merging import normalize_text
from editorial.services import submit_suggestion
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
from profiles.revisions import latest_revision_id
from profiles.services import save_profile, save_relationship, save_source

_counter = itertools.count(1)


def make_source(**fields):
    number = next(_counter)
    fields.setdefault("url", f"https://news.example/story-{number}/")
    fields.setdefault("title", f"Local Groups Gather for Annual Review {number}")
    fields.setdefault("publication", "The Harbor Courier")
    fields.setdefault("authors", "Jordan Vale")
    fields.setdefault("published_date", date(2020, 5, 17))
    return save_source(Source(**fields), user=None, comment="Test source.")


def make_profile(
    name="Harbor Literacy Fund",
    *,
    category="non-profit",
    lead=None,
    body=None,
    facts=(),
    citations=None,
    types=(),
    user=None,
    comment="Test profile.",
    **fields,
):
    """Make a rendered profile inside one revision.

    ``citations`` maps keys to sources (made on demand); by default one citation "first",
    which the default lead and body cite when the profile has it. ``facts`` is a list of
    (label, value) pairs.
    """
    if citations is None:
        citations = {"first": make_source()}
    marker = "[^first]" if "first" in citations else ""
    if lead is None:
        lead = f"The Harbor Literacy Fund runs reading programs.{marker}"
    if body is None:
        body = f"## Background\n\nIt began in a library basement.{marker}"
    fields.setdefault("slug", slugify(name))
    profile = Profile(
        name=name, category=Category.objects.get(slug=category), lead=lead, body=body, **fields
    )
    return save_profile(
        profile,
        user=user,
        comment=comment,
        types=[ProfileType.objects.get_or_create(name=type_name)[0] for type_name in types],
        facts=[
            Fact(label=FactLabel.objects.get(name=label), value=value, position=position)
            for position, (label, value) in enumerate(facts)
        ],
        citations=[
            Citation(key=key, source=source, accessed=date(2026, 10, 1))
            for key, source in citations.items()
        ],
    ).profile


def make_profile_with_citations(count, name=None):
    """A profile whose body cites ``count`` distinct sources, one paragraph each."""
    name = name or f"Coastal Trust {count}"
    sources = {f"s{i}": make_source() for i in range(count)}
    body = "## Record\n\n" + "\n\n".join(
        f"Paragraph {i} says something.[^s{i}]" for i in range(count)
    )
    lead = "A coastal trust, allied with [[Linked Org]] and [[Unwritten Org]].[^s0]"
    return make_profile(name, lead=lead, body=body, citations=sources)


def make_suggestion(
    profile,
    *,
    message="The text is out of date; the annual report says otherwise.",
    section="",
    new_sources=(),
    contributor_name="",
    contributor_email="",
    **proposed,
):
    """A pending edit suggestion written against the profile as it is now.

    ``proposed`` maps fields (name, lead, infobox, body, location, aliases) to their new
    text; with a ``section`` anchor, ``body`` is the new text of that section only.
    """
    changes = {}
    for name, text in proposed.items():
        base = normalize_text(profile_field(profile, name))
        if name == "body" and section:
            base = section_text(base, section)
        changes[name] = {"base": base, "proposed": normalize_text(text)}
    return submit_suggestion(
        kind="edit",
        profile=profile,
        base_revision_id=latest_revision_id(profile),
        section_anchor=section,
        proposed_changes=changes,
        new_sources=list(new_sources),
        message=message,
        contributor_name=contributor_name,
        contributor_email=contributor_email,
    )


def make_tip(name="Eastmark Reading Circle", *, category="non-profit", sources=None, **fields):
    if sources is None:
        sources = [
            {
                "key": "source-1",
                "url": "https://courier.example/reading-circle/",
                "title": "A Reading Circle Grows Up",
                "authors": "",
                "publication": "The Harbor Courier",
                "date": "2022-03",
            }
        ]
    fields.setdefault("message", "It runs book clubs in every branch library of Eastmark.")
    return submit_suggestion(
        kind="tip",
        proposed_changes={"name": name, "category": category},
        new_sources=sources,
        **fields,
    )


def make_error_report(profile, *, message="The founding year is wrong.", **fields):
    return submit_suggestion(
        kind="error",
        profile=profile,
        base_revision_id=latest_revision_id(profile),
        message=message,
        **fields,
    )


def rerender(profile):
    """Re-render a profile whose rows a test changed by hand inside a revision of its own.

    The application writes through profiles.services.save_profile; tests that build unusual
    revisions row by row (swapped keys, dangling markers) finish them with this.
    """
    facts = list(profile.facts.all())
    citations = list(profile.citations.all())
    rendered = profile.render([f.value for f in facts], {c.key: c.source_id for c in citations})
    profile.save(update_fields=["lead_html", "body_html", "toc", "references", "updated"])
    for fact, html in zip(facts, rendered.fact_html, strict=True):
        fact.value_html = html
        fact.save(update_fields=["value_html"])
    profile.replace_mentions(rendered.mentions)
    return rendered


def make_relationship(
    subject,
    object,
    type="funded",
    *,
    role="",
    start="",
    end="",
    amount=None,
    sources=None,
    user=None,
    comment="Test connection.",
    **fields,
):
    """A cited connection from subject to object, saved as one revision of both profiles.

    ``start`` and ``end`` are partial dates ("2019", "2019-03"); ``sources`` the Sources that
    cite it (by default one new source).
    """
    start_date, start_precision = parse_partial_date(start)
    end_date, end_precision = parse_partial_date(end)
    relationship = Relationship(
        subject=subject,
        object=object,
        type=RelationshipType.objects.get(slug=type),
        role=role,
        start_date=start_date,
        start_precision=start_precision,
        end_date=end_date,
        end_precision=end_precision,
        is_current=not end_date,
        amount=amount,
        **fields,
    )
    sources = [make_source()] if sources is None else sources
    citations = [
        RelationshipCitation(source=source, accessed=date(2026, 10, 1)) for source in sources
    ]
    save_relationship(relationship, user=user, comment=comment, citations=citations)
    return relationship


def confirmed(suggestion):
    """The suggestion with its contributor's address confirmed, as the emailed link does."""
    from editorial.services import confirm_email, email_confirmation_key

    assert confirm_email(suggestion=suggestion, key=email_confirmation_key(suggestion))
    return suggestion
