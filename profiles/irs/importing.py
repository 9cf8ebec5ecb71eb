"""Storing the returns import_filings read: each one matched to its profile by EIN, written as a
source of kind "filing" and a row of the profile's yearly finances (one revision of the profile
for all of its new returns), and its officers and grants proposed as connections for an editor
to review. A return stored already (same object id) is skipped, so a second import of the same
files changes nothing; a return whose EIN no profile has is reported and stores nothing.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from profiles.irs.files import returns_in
from profiles.irs.returns import ReturnProblem
from profiles.models import Filing, Profile, Source
from profiles.services import save_filings

PUBLISHER = "Internal Revenue Service"
FORM_TITLES = {"990": "Form 990", "990EZ": "Form 990-EZ", "990PF": "Form 990-PF"}


def filing_url(ein, object_id):
    """The return's public page, built from the EIN and object id (never fetched)."""
    return (
        f"https://projects.propublica.org/nonprofits/organizations/{ein.replace('-', '')}/"
        f"{object_id}/full"
    )


def filing_source(parsed):
    return Source(
        url=filing_url(parsed.ein, parsed.object_id),
        title=_("%(form)s for tax year %(year)s")
        % {"form": FORM_TITLES[parsed.form], "year": parsed.tax_year},
        publication=PUBLISHER,
        kind=Source.Kind.FILING,
        notes=_("Imported from the IRS e-file return %(id)s.") % {"id": parsed.object_id},
    )


def filing_of(parsed):
    return Filing(
        object_id=parsed.object_id,
        form=parsed.form,
        tax_year=parsed.tax_year,
        tax_period_end=parsed.period_end,
        source=filing_source(parsed),
        **parsed.figures,
    )


@dataclass
class FilingsReport:
    returns: int = 0
    stored: int = 0
    unchanged: int = 0
    unknown: int = 0
    failed: int = 0
    proposed: int = 0
    seconds: float = 0.0
    messages: list = field(default_factory=list)


def import_filings(paths, *, user=None, dry_run=False, on_message=None):
    """Import the returns in the paths (files, folders, zip archives). Returns a FilingsReport;
    ``on_message`` hears each problem and each unknown EIN as it is found."""
    from editorial.proposals import propose_from_filing  # editorial builds on profiles

    started = time.perf_counter()
    report = FilingsReport()

    def tell(message):
        report.messages.append(message)
        if on_message:
            on_message(message)

    by_profile = defaultdict(list)
    for item in returns_in(paths):
        if isinstance(item, ReturnProblem):
            report.failed += 1
            tell(str(item))
            continue
        report.returns += 1
        by_profile[item.ein].append(item)
    profiles = {p.ein: p for p in Profile.objects.filter(ein__in=list(by_profile))}
    stored_ids = set(
        Filing.objects.filter(
            object_id__in=[r.object_id for rows in by_profile.values() for r in rows]
        ).values_list("object_id", flat=True)
    )
    for ein, parsed_returns in by_profile.items():
        profile = profiles.get(ein)
        if profile is None:
            report.unknown += len(parsed_returns)
            for parsed in parsed_returns:
                tell(unknown_ein_message(parsed))
            continue
        new = [p for p in unique_returns(parsed_returns) if p.object_id not in stored_ids]
        report.unchanged += len(parsed_returns) - len(new)
        if dry_run or not new:
            report.stored += len(new) if dry_run else 0
            continue
        # A profile's filings and the connections they propose are stored together or not
        # at all (and in one commit, which is most of the time an import takes on SQLite).
        with transaction.atomic():
            saved = save_filings(
                profile, [filing_of(p) for p in new], user=user, comment=import_comment(new)
            )
            parsed_by_id = {p.object_id: p for p in new}
            for filing in saved:
                report.proposed += propose_from_filing(
                    profile, filing, parsed_by_id[filing.object_id]
                )
        report.stored += len(saved)
    report.seconds = time.perf_counter() - started
    return report


def unique_returns(parsed_returns):
    """The same return named twice (a file and a zip holding it) is imported once."""
    seen = {}
    for parsed in parsed_returns:
        seen.setdefault(parsed.object_id, parsed)
    return sorted(seen.values(), key=lambda p: (p.tax_year, p.object_id))


def import_comment(new):
    years = sorted({p.tax_year for p in new})
    return ngettext(
        "Imported %(count)d IRS filing (tax year %(years)s).",
        "Imported %(count)d IRS filings (tax years %(years)s).",
        len(new),
    ) % {"count": len(new), "years": ", ".join(map(str, years))}


def unknown_ein_message(parsed):
    return _(
        "%(file)s: no profile has the EIN %(ein)s (%(name)s, %(form)s for %(year)s), so nothing "
        "of it was stored. Give a profile this EIN, or tip a new profile, and import it again."
    ) % {
        "file": parsed.file_name,
        "ein": parsed.ein,
        "name": parsed.filer_name or _("no name given"),
        "form": FORM_TITLES[parsed.form],
        "year": parsed.tax_year,
    }
