"""Importing pages: the dry run, the real run, ``--update``, the summary. The management
command and the admin's "Import pages" page both run an ``ImportRun``.

A page is imported atomically, as one revision (one per original revision with
``--all-revisions``) written by ``profiles.services.save_profile`` with a comment naming the
file. A page with an error is reported and left out; the others are imported. Labels are
mapped to Sourcebook's categories, types and infobox labels through the mapping file; an
unknown one refuses the page unless the run may create vocabulary. Sources are matched to the
stored ones by normalized URL, so every source is stored once, whichever page cites it first.

The dry run goes through the same steps, writes nothing, and predicts what the real run does:
new and existing sources (counting those an earlier page of the same run would create), which
pages are new, changed or unchanged.
"""

import re
import time
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles.importers.mapping import Mapping, load_mapping, normal
from profiles.importers.parsed import Problem, ReadError
from profiles.markup import MARKER_RE, WIKILINK_RE
from profiles.models import (
    Category,
    Citation,
    Fact,
    FactLabel,
    FormerSlug,
    Profile,
    ProfileType,
    Source,
)
from profiles.revisions import latest_revision
from profiles.services import changes, check_profile, save_profile

CREATED, UPDATED, UNCHANGED, EXISTS, SKIPPED, FAILED = (
    "created",
    "updated",
    "unchanged",
    "exists",
    "skipped",
    "failed",
)
FORMATS = ("text", "mediawiki")


@dataclass
class ImportOptions:
    format: str = "text"
    dry_run: bool = False
    user: object = None
    all_revisions: bool = False
    create_vocabulary: bool = False
    update: bool = False
    mapping: Mapping | None = None
    for_review: bool = False  # an editor reviews the plan in the workspace: no command advice
    subsections: tuple = ()  # headings imported as sub-sections on every text page


@dataclass
class PageReport:
    """What the run did (or, in a dry run, would do) with one page."""

    filename: str
    line: int | None = None
    name: str = ""
    slug: str = ""
    category: str = ""
    outcome: str = ""
    facts: list = field(default_factory=list)  # "Label: value" as imported
    location: str = ""
    types: list = field(default_factory=list)
    sections: list = field(default_factory=list)  # (level, title)
    markers: int = 0
    entries: int = 0
    sources_new: int = 0
    sources_existing: int = 0
    revisions_read: int = 0
    revisions_written: int = 0
    vocabulary: list = field(default_factory=list)  # what the page adds to the vocabulary
    problems: list = field(default_factory=list)  # Problem

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.is_error]

    @property
    def distinct_sources(self):
        return self.sources_new + self.sources_existing

    def add_problem(self, problem, *, once_per_page=False):
        """Report the problem, unless it is already reported (at its line, or with
        ``once_per_page`` anywhere: a later revision repeating an earlier one's problem)."""
        if once_per_page:
            known = {p.message for p in self.problems}
            if problem.message in known:
                return
        elif problem in self.problems:
            return
        self.problems.append(problem)


@dataclass
class Summary:
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    exists: int = 0
    skipped: int = 0
    failed: int = 0
    sources_created: int = 0
    sources_reused: int = 0
    revisions: int = 0
    seconds: float = 0.0

    @property
    def imported(self):
        return self.created + self.updated

    @property
    def pages(self):
        return self.imported + self.unchanged + self.exists + self.skipped + self.failed

    def add(self, report):
        setattr(self, report.outcome, getattr(self, report.outcome) + 1)
        if report.outcome in {CREATED, UPDATED}:
            self.sources_created += report.sources_new
            self.sources_reused += report.sources_existing
            self.revisions += report.revisions_written


class PageRefused(Exception):
    """The page cannot be imported; its report says why."""


@dataclass
class PageState:
    """What an import of one page keeps between its revisions."""

    existing: Profile | None = None
    profile: Profile | None = None
    new: bool = True
    seen_sources: set = field(default_factory=set)
    signature: tuple | None = None
    created_vocabulary: dict = field(default_factory=dict)  # (kind, normal name) -> row


@dataclass
class Plan:
    """One revision of a page as Sourcebook rows, ready for save_profile."""

    profile: Profile
    types: list
    facts: list
    citations: list
    signature: tuple


def page_items(paths, options, mapping):
    """The PageItems of the files, read as their format says."""
    if options.format == "mediawiki":
        from profiles.importers.mediawiki import dump_items

        return dump_items(paths, mapping=mapping, all_revisions=options.all_revisions)
    from profiles.importers.text import text_items

    return text_items(paths, drop_lines=mapping.drop_lines, subsections=options.subsections)


def import_pages(paths, options, *, on_page=None):
    """Import (or, with ``options.dry_run``, try) the pages in the files; return the Summary."""
    mapping = options.mapping or load_mapping()
    run = ImportRun(options, mapping, on_page=on_page)
    return run.run(page_items(paths, options, mapping))


# What an editor reviewing a pasted page is told of a word Sourcebook does not have.
REVIEW_ADVICE = {
    "category": gettext_lazy(
        "“%(label)s” is not one of Sourcebook's categories, so none was chosen: choose one."
    ),
    "label": gettext_lazy(
        "The infobox label “%(label)s” is not one of Sourcebook's labels, so its row was left "
        "out: add the row under one of ours."
    ),
    "type": gettext_lazy(
        "“%(label)s” is not one of Sourcebook's types, so it was left out: tick the types that fit."
    ),
}


def plan_for_review(parsed):
    """What importing one parsed page would write, without writing anything: the plan (unsaved
    rows, stored sources where the URLs match) and every problem met, for an editor to review
    in the workspace ("paste a page")."""
    report = PageReport(parsed.filename, line=parsed.line, name=parsed.name)
    for problem in parsed.problems:
        report.add_problem(problem)
    run = ImportRun(ImportOptions(dry_run=True, for_review=True))
    return run.plan(parsed, report, PageState()), report.problems


class ImportRun:
    def __init__(self, options, mapping=None, *, on_page=None):
        self.options = options
        self.mapping = mapping or options.mapping or load_mapping()
        self.on_page = on_page or (lambda report: None)
        self.summary = Summary(dry_run=options.dry_run)
        # What earlier pages of a dry run would have created.
        self.planned_urls, self.planned_slugs = set(), set()
        self.vocabulary = None

    def run(self, items):
        start = time.monotonic()
        for item in items:
            report = self.import_item(item)
            self.summary.add(report)
            self.on_page(report)
        self.summary.seconds = time.monotonic() - start
        return self.summary

    # One page ---------------------------------------------------------------------------------

    def import_item(self, item):
        report = PageReport(item.filename, line=item.line, name=item.title)
        if item.problem is not None:
            report.add_problem(item.problem)
            report.outcome = FAILED
            return report
        if item.skipped:
            report.outcome = SKIPPED
            report.add_problem(Problem(item.filename, item.line, item.skipped))
            return report
        state = PageState()
        try:
            with transaction.atomic():
                self.import_revisions(item, report, state)
                if self.options.dry_run:
                    transaction.set_rollback(True)
        except PageRefused:
            report.outcome = FAILED
        except ReadError as error:
            report.add_problem(error.problem)
            report.outcome = FAILED
        except (IntegrityError, DataError) as error:
            reason = " ".join(str(error).split())
            report.add_problem(
                Problem(
                    item.filename,
                    item.line,
                    _("The database refused the page (%(reason)s); nothing of it was imported.")
                    % {"reason": reason},
                    is_error=True,
                )
            )
            report.outcome = FAILED
        if report.outcome == FAILED:
            report.revisions_written = 0
        elif self.options.dry_run:
            self.remember_planned(report, state)
        elif self.vocabulary is not None:
            self.vocabulary.update(state.created_vocabulary)
        return report

    def import_revisions(self, item, report, state):
        after = None
        for parsed in item.revisions:
            report.revisions_read += 1
            for problem in parsed.problems:
                report.add_problem(problem, once_per_page=report.revisions_read > 1)
            if parsed.errors:
                raise PageRefused
            if state.profile is None and state.existing is None:
                state.existing = self.existing_profile(parsed, report)
                if state.existing is not None:
                    if not self.options.update:
                        report.outcome = EXISTS
                        report.add_problem(
                            Problem(
                                parsed.filename,
                                parsed.line,
                                _(
                                    "A profile at /profiles/%(slug)s/ already exists; it was "
                                    "left alone (run with --update to bring it up to date)."
                                )
                                % {"slug": report.slug},
                            )
                        )
                        return
                    state.new = False
                    if self.options.all_revisions and state.existing.pk:
                        after = getattr(latest_revision(state.existing), "date_created", None)
            if after is not None and parsed.timestamp and parsed.timestamp <= after:
                continue  # imported before
            plan = self.plan(parsed, report, state)
            if report.errors:
                raise PageRefused
            self.write(plan, parsed, report, state)
        if not report.outcome and not state.new:
            report.outcome = UNCHANGED
        if not report.outcome:
            report.add_problem(
                Problem(
                    item.filename,
                    item.line,
                    _("The page has no revision that could be imported."),
                    is_error=True,
                )
            )
            raise PageRefused

    def existing_profile(self, parsed, report):
        report.slug = slugify(parsed.name)[:200]
        if not report.slug:
            return None
        if report.slug in self.planned_slugs:
            return Profile(slug=report.slug, name=parsed.name)  # an earlier page of this run
        found = Profile.objects.filter(slug=report.slug).first()
        if found is None:
            former = FormerSlug.objects.filter(slug=report.slug).select_related("profile").first()
            found = former.profile if former else None
        return found

    # From a parsed page to rows -----------------------------------------------------------------

    def plan(self, parsed, report, state):
        def error(line, message):
            report.add_problem(Problem(parsed.filename, line, message, is_error=True))

        name = " ".join(parsed.name.split())
        if len(name) > 200:
            error(parsed.line, _("The name is longer than 200 characters."))
        slug = slugify(name)[:200]
        if not slug:
            error(
                parsed.line,
                _("No web address can be made from the name “%(name)s”.") % {"name": name},
            )
        category = self.resolve_category(parsed, report, state)
        location, aliases, type_labels, facts = self.resolve_facts(parsed, report, state)
        types = self.resolve_types(parsed, type_labels, report, state)
        citations = self.resolve_citations(parsed, report, state)
        if state.existing is not None and state.existing.pk:
            profile = Profile.objects.get(pk=state.existing.pk)
            slug = profile.slug  # found at a former address: it keeps its current one
            reuse_row_ids(profile, facts, citations)
        elif state.profile is not None and state.profile.pk:
            profile = Profile.objects.get(pk=state.profile.pk)
            reuse_row_ids(profile, facts, citations)
        else:
            profile = Profile()
            if parsed.timestamp:
                profile.created = parsed.timestamp
        profile.name, profile.slug, profile.category = name, slug, category
        profile.location = location[:200]
        profile.aliases = "\n".join(aliases)
        profile.lead, profile.body = parsed.lead, parsed.body
        report.name, report.slug = name, slug
        report.category = category.name if category else ""
        report.location = profile.location
        report.types = [t.name for t in types]
        report.facts = [f"{fact.label.name}: {fact.value}" for fact in facts]
        report.sections, report.markers = parsed.sections, parsed.markers
        report.entries = len(parsed.references)
        signature = (
            name,
            slug,
            getattr(category, "pk", None),
            profile.location,
            profile.aliases,
            profile.lead,
            profile.body,
            tuple(sorted(t.name for t in types)),
            tuple((f.position, f.label.name, f.value) for f in facts),
            tuple(
                (c.key, c.source.normalized_url or c.source.title, c.accessed, c.pinpoint)
                for c in citations
            ),
        )
        return Plan(profile, types, facts, citations, signature)

    def write(self, plan, parsed, report, state):
        if self.options.dry_run:
            self.check_in_dry_run(plan, parsed, report, state)
            return
        try:
            saved = save_profile(
                plan.profile,
                user=self.options.user,
                comment=self.comment(parsed, state),
                types=plan.types,
                facts=plan.facts,
                citations=plan.citations,
                date_created=parsed.timestamp if self.options.all_revisions else None,
            )
        except ValidationError as refusal:
            report.add_problem(
                Problem(parsed.filename, parsed.line, " ".join(refusal.messages), is_error=True)
            )
            raise PageRefused from refusal
        state.profile = saved.profile
        if saved.changed:
            report.revisions_written += 1
            report.outcome = CREATED if state.new else UPDATED

    def check_in_dry_run(self, plan, parsed, report, state):
        """What save_profile would refuse, and whether it would write a revision."""
        try:
            check_profile(plan.profile, facts=plan.facts, citations=plan.citations)
        except ValidationError as refusal:
            report.add_problem(
                Problem(parsed.filename, parsed.line, " ".join(refusal.messages), is_error=True)
            )
            raise PageRefused from refusal
        if state.existing is not None and state.existing.pk and state.signature is None:
            stored = Profile.objects.get(pk=state.existing.pk)
            plan.profile.normalize_fields()
            changed = changes(stored, plan.profile, plan.types, plan.facts, plan.citations)
        else:
            changed = plan.signature != state.signature
        state.signature = plan.signature
        if changed:
            report.revisions_written += 1
            report.outcome = CREATED if state.new else UPDATED

    def comment(self, parsed, state):
        filename = parsed.filename.rsplit("/", 1)[-1]
        if parsed.revision_id is None:
            text = _("Imported from %(file)s") if state.new else _("Updated from %(file)s")
            return text % {"file": filename}
        details = {
            "file": filename,
            "revision": parsed.revision_id,
            "title": parsed.name,
            "author": parsed.author or _("an unknown author"),
            "date": parsed.timestamp.date().isoformat() if parsed.timestamp else "?",
        }
        if self.options.all_revisions:
            text = _("Imported from %(file)s: revision %(revision)s by %(author)s, %(date)s")
            if parsed.comment:
                return (text % details) + f": “{parsed.comment[:300]}”"
            return text % details
        if state.new:
            return _("Imported from %(file)s: revision %(revision)s of “%(title)s”") % details
        return _("Updated from %(file)s: revision %(revision)s of “%(title)s”") % details

    def remember_planned(self, report, state):
        if report.outcome in {CREATED, UPDATED}:
            self.planned_urls.update(url for url in state.seen_sources if isinstance(url, str))
            if report.outcome == CREATED:
                self.planned_slugs.add(report.slug)
            if self.vocabulary is not None:
                self.vocabulary.update(state.created_vocabulary)

    # Vocabulary ---------------------------------------------------------------------------------

    def load_vocabulary(self):
        if self.vocabulary is not None:
            return
        vocabulary = {}
        for category in Category.objects.all():
            for name in (category.name, category.plural_name, category.slug):
                vocabulary.setdefault(("category", normal(name)), category)
        for label in FactLabel.objects.all():
            vocabulary[("label", normal(label.name))] = label
        for profile_type in ProfileType.objects.all():
            vocabulary[("type", normal(profile_type.name))] = profile_type
            vocabulary.setdefault(("type", normal(profile_type.slug)), profile_type)
        self.vocabulary = vocabulary

    def lookup(self, kind, name, state):
        self.load_vocabulary()
        key = (kind, normal(name))
        return state.created_vocabulary.get(key) or self.vocabulary.get(key)

    def create(self, kind, name, state, report):
        """A new category, label or type: created now (inside the page's transaction) or, in
        a dry run, an unsaved row standing for it."""
        name = " ".join(name.split())
        key = (kind, normal(name))
        if kind == "category":
            row = Category(name=name[:80], slug=slugify(name)[:80], plural_name=name[:80])
            what = _("the category “%(name)s”")
        elif kind == "label":
            if name == name.lower():  # a template parameter: "key_people" -> "Key people"
                name = name.replace("_", " ").capitalize()
            row = FactLabel(name=name[:80], position=100)
            what = _("the infobox label “%(name)s”")
        else:
            row = ProfileType(name=name[:120], slug=slugify(name)[:120])
            what = _("the type “%(name)s”")
        if not self.options.dry_run:
            row.save()
        state.created_vocabulary[key] = row
        report.vocabulary.append(what % {"name": name})
        return row

    def vocabulary_row(self, kind, name, state, report, *, line, filename, refusal):
        row = self.lookup(kind, name, state)
        if row is not None:
            return row
        if self.options.create_vocabulary and slugify(name):
            return self.create(kind, name, state, report)
        if self.options.for_review:
            refusal = REVIEW_ADVICE[kind] % {"label": name}
        report.add_problem(Problem(filename, line, refusal, is_error=True))
        return None

    def resolve_category(self, parsed, report, state):
        mapping = self.mapping
        if parsed.category:
            slug = mapping.category_slug(parsed.category)
            name = slug or parsed.category
            return self.vocabulary_row(
                "category",
                name,
                state,
                report,
                line=parsed.line,
                filename=parsed.filename,
                refusal=self.unknown_category_message(parsed.category, slug),
            )
        for wiki_category in parsed.wiki_categories:
            target = mapping.wiki_category(wiki_category) or ""
            if target.startswith("category:"):
                return self.vocabulary_row(
                    "category",
                    target.removeprefix("category:"),
                    state,
                    report,
                    line=parsed.line,
                    filename=parsed.filename,
                    refusal=self.unknown_category_message(wiki_category, target),
                )
            if not target and self.lookup("category", wiki_category, state):
                return self.lookup("category", wiki_category, state)
        slug = mapping.infobox_categories.get(normal(parsed.infobox)) if parsed.infobox else None
        if slug and self.lookup("category", slug, state):
            return self.lookup("category", slug, state)
        default = mapping.default_category
        if default and self.lookup("category", default, state):
            category = self.lookup("category", default, state)
            report.add_problem(
                Problem(
                    parsed.filename,
                    parsed.line,
                    _(
                        "None of the page's wiki categories or its infobox names a category, so "
                        "it was given the mapping's default category, “%(category)s”."
                    )
                    % {"category": category.name},
                )
            )
            return category
        report.add_problem(
            Problem(
                parsed.filename,
                parsed.line,
                _(
                    "The page has no category: map one of its wiki categories to a category in "
                    "the mapping file, or set its default_category."
                ),
                is_error=True,
            )
        )
        return None

    def unknown_category_message(self, label, target):
        if target:
            return _(
                "The mapping file maps “%(label)s” to the category “%(target)s”, which "
                "Sourcebook does not have; correct the mapping file or run with "
                "--create-vocabulary."
            ) % {"label": label, "target": target}
        return _(
            "“%(label)s” is not one of Sourcebook's categories: map it to one in the mapping "
            "file ([categories]) or run with --create-vocabulary."
        ) % {"label": label}

    def resolve_facts(self, parsed, report, state):
        location, aliases, type_labels, facts = [], [], [], []
        for index, (label, value) in enumerate(parsed.facts):
            line = parsed.fact_lines[index] if index < len(parsed.fact_lines) else parsed.line
            target = self.mapping.label_target(label) or label
            if target == "@ignore" or not value.strip():
                continue
            if target == "@location":
                location.append(plain_text(value))
            elif target == "@types":
                type_labels.extend((label, line) for label in split_list(plain_text(value)))
            elif target == "@aliases":
                aliases.extend(split_list(plain_text(value), commas=False))
            else:
                row = self.vocabulary_row(
                    "label",
                    target,
                    state,
                    report,
                    line=line,
                    filename=parsed.filename,
                    refusal=_(
                        "The infobox label “%(label)s” is not one of Sourcebook's labels: map "
                        "it in the mapping file ([labels]) or run with --create-vocabulary."
                    )
                    % {"label": label},
                )
                if row is not None:
                    facts.append(Fact(label=row, value=value.strip(), position=len(facts)))
        return "; ".join(location), aliases, type_labels, facts

    def resolve_types(self, parsed, type_labels, report, state):
        labels = list(type_labels)  # (label, line)
        for wiki_category in parsed.wiki_categories:
            target = self.mapping.wiki_category(wiki_category) or ""
            if target.startswith("type:"):
                labels.append((target.removeprefix("type:"), parsed.line))
            elif not target and not self.lookup("category", wiki_category, state):
                labels.append((wiki_category, parsed.line))
        types = []
        for label, line in labels:
            name = self.mapping.type_name(label)
            if name == "@ignore":
                continue
            row = self.vocabulary_row(
                "type",
                name,
                state,
                report,
                line=line,
                filename=parsed.filename,
                refusal=_(
                    "“%(label)s” is not one of Sourcebook's types: map it in the mapping file "
                    "([types] or [wiki_categories]) or run with --create-vocabulary."
                )
                % {"label": label},
            )
            if row is not None and row not in types:
                types.append(row)
        return types

    def resolve_citations(self, parsed, report, state):
        urls = {ref.normalized_url for ref in parsed.references if ref.url}
        stored = {}
        if urls:
            found = Source.objects.at_normalized_urls(urls)
            stored = {source.normalized_url: source for source in found}
        earlier = {}
        if state.existing is not None and state.existing.pk:
            earlier = {c.key: c for c in state.existing.citations.select_related("source")}
        elif state.profile is not None:
            earlier = {c.key: c for c in state.profile.citations.select_related("source")}
        citations = []
        for reference in parsed.references:
            url = reference.normalized_url
            source = stored.get(url) if url else None
            if source is None and not url:
                source = next(
                    (
                        earlier[key].source
                        for key in reference.keys
                        if key in earlier
                        and not earlier[key].source.url
                        and earlier[key].source.title == reference.title
                    ),
                    None,
                )
            identity = url or ("untitled", reference.title, source.pk if source else None)
            if identity not in state.seen_sources:
                state.seen_sources.add(identity)
                known = source is not None or (url and url in self.planned_urls)
                if known:
                    report.sources_existing += 1
                else:
                    report.sources_new += 1
            if source is None:
                source = Source(
                    url=reference.url,
                    title=reference.title,
                    authors=reference.authors,
                    publication=reference.publication,
                    published_date=reference.published,
                    date_precision=reference.precision,
                    archive_url=reference.archive_url,
                    kind=reference.kind,
                )
                source.normalized_url = url
            for citation in reference.citations:
                citations.append(
                    Citation(
                        key=citation.key,
                        source=source,
                        accessed=citation.accessed,
                        pinpoint=citation.pinpoint,
                    )
                )
        return citations


def reuse_row_ids(profile, facts, citations):
    """Give the new rows the ids of the stored rows they replace (facts by position,
    citations by key), so that an update changes rows rather than replacing them."""
    stored_facts = {fact.position: fact.pk for fact in profile.facts.all()}
    for fact in facts:
        fact.pk = stored_facts.get(fact.position)
    stored_citations = {citation.key: citation.pk for citation in profile.citations.all()}
    for citation in citations:
        citation.pk = stored_citations.get(citation.key)


ESCAPE_RE = re.compile(r"\\([\\`*_\[\]<>~|#>+=.)&-])")
LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain_text(markdown):
    """A one-line Markdown value as plain text (for the location, types and aliases): no
    markers, links as their labels, escapes undone."""
    text = MARKER_RE.sub("", markdown)
    text = WIKILINK_RE.sub(lambda m: (m.group(2) or m.group(1)).strip(), text)
    text = LINK_RE.sub(r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)
    return " ".join(ESCAPE_RE.sub(r"\1", text).split())


def split_list(text, *, commas=True):
    parts = re.split(r"[;,]" if commas else r";", text)
    return [part.strip() for part in parts if part.strip()]
