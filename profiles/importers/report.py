"""The reports of an import as lines of text: one block per page and the summary. The
command prints them; the admin's page shows the same facts as a table."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from profiles.importers.runner import CREATED, EXISTS, FAILED, SKIPPED, UNCHANGED, UPDATED

# (in a dry run, in a real run)
OUTCOMES = {
    CREATED: (gettext_lazy("new profile"), gettext_lazy("imported")),
    UPDATED: (gettext_lazy("would be updated"), gettext_lazy("updated")),
    UNCHANGED: (gettext_lazy("unchanged"), gettext_lazy("unchanged")),
    EXISTS: (gettext_lazy("exists, left alone"), gettext_lazy("exists, left alone")),
    SKIPPED: (gettext_lazy("skipped"), gettext_lazy("skipped")),
    FAILED: (gettext_lazy("would fail"), gettext_lazy("failed")),
}


def outcome_text(report, *, dry_run):
    return OUTCOMES[report.outcome][0 if dry_run else 1]


def describe_page(report, *, dry_run):
    """The lines that report one page: its outcome, then (in a dry run) what it holds, then
    every problem with its file and line."""
    title = f"“{report.name}”" if report.name else _("(no name)")
    category = f" ({report.category})" if report.category else ""
    lines = [f"{report.filename}: {title}{category}: {outcome_text(report, dry_run=dry_run)}"]
    if report.outcome in {CREATED, UPDATED, UNCHANGED} and (dry_run or report.revisions_read > 1):
        lines.extend(f"  {line}" for line in page_facts(report))
    if report.vocabulary:
        lines.append(
            "  " + _("adds to the vocabulary: %(rows)s") % {"rows": ", ".join(report.vocabulary)}
        )
    lines.extend(f"  {problem}" for problem in report.problems)
    return lines


def page_facts(report):
    sections = [("› " if level > 2 else "") + title for level, title in report.sections]
    facts = [*report.facts]
    if report.location:
        facts.insert(0, _("Location: %(value)s") % {"value": report.location})
    if report.types:
        facts.insert(
            1 if report.location else 0, _("Types: %(value)s") % {"value": "; ".join(report.types)}
        )
    lines = [
        _("infobox: %(facts)s") % {"facts": " | ".join(facts) or "—"},
        _("sections: %(sections)s") % {"sections": ", ".join(sections) or "—"},
        _(
            "markers: %(markers)d; reference entries: %(entries)d; distinct sources: "
            "%(sources)d, of which %(existing)d match existing sources"
        )
        % {
            "markers": report.markers,
            "entries": report.entries,
            "sources": report.distinct_sources,
            "existing": report.sources_existing,
        },
    ]
    if report.revisions_read > 1:
        lines.append(
            _("revisions: %(read)d read, %(written)d to write")
            % {"read": report.revisions_read, "written": report.revisions_written}
        )
    return lines


def describe_summary(summary):
    pages = ngettext("%(count)d page", "%(count)d pages", summary.pages) % {"count": summary.pages}
    counts = {
        "pages": pages,
        "imported": summary.imported,
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "skipped": summary.skipped + summary.exists,
        "failed": summary.failed,
        "sources_created": summary.sources_created,
        "sources_reused": summary.sources_reused,
        "revisions": summary.revisions,
        "seconds": summary.seconds,
    }
    if summary.dry_run:
        lines = [
            _("Dry run: nothing was written."),
            _(
                "%(pages)s: %(imported)d would be imported (%(created)d new, %(updated)d "
                "updated), %(unchanged)d unchanged, %(skipped)d skipped, %(failed)d failed."
            ),
            _(
                "Sources: %(sources_created)d would be created, %(sources_reused)d reused. "
                "Revisions: %(revisions)d."
            ),
        ]
    else:
        lines = [
            _("Import finished."),
            _(
                "%(pages)s: %(imported)d imported (%(created)d new, %(updated)d updated), "
                "%(unchanged)d unchanged, %(skipped)d skipped, %(failed)d failed."
            ),
            _(
                "Sources: %(sources_created)d created, %(sources_reused)d reused. "
                "Revisions: %(revisions)d."
            ),
        ]
    lines.append(_("Time: %(seconds).1f s."))
    return [line % counts if "%(" in line else line for line in lines]
