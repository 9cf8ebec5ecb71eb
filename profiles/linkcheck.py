"""Link health: what one check of a source's address found, and what the source's state becomes.

A check reads one page through the careful fetcher (profiles.fetcher) and comes to one
outcome:

- live: the page answered 2xx and looks like the page cited;
- gone: 404 or 410. A link is only called dead after it was gone at two checks at least
  ``LINK_CHECK_CONFIRM_DAYS`` apart; in between it is "not found once";
- soft 404: a 2xx page that says it is not found ("Page not found" in its title or heading),
  or a deep link that now redirects to the site's home page;
- blocked: the site refused the checker (401, 403, 429, 451), which says nothing of the page;
- could not check: a network failure, a time-out, a server error, an address that is not
  public. Never counted towards dead: an offline machine (the demo) shows "could not check".

The state lives in LinkCheck (see its docstring for why it is not part of the source's
revisions). ``check_sources`` fetches a batch of sources at once, several threads sharing one
fetcher (and so its per-host limit); only the calling thread writes to the database.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles import archive
from profiles import fetcher as fetching
from profiles.models import Citation, LinkCheck, Source
from profiles.page_generation import page_data_changed

Status = LinkCheck.Status

LIVE, GONE, SOFT_404, BLOCKED, ERROR = "live", "gone", "soft_404", "blocked", "error"
BLOCKED_CODES = {401, 403, 407, 429, 451, 999}  # 999: LinkedIn's "not for robots"
GONE_CODES = {404, 410}
# Read enough of the page for its <title> and first heading; the rest is never needed.
CHECK_MAX_BYTES = 256 * 1024
NOT_FOUND_WORDS = re.compile(
    r"\b(404|page not found|not found|page (cannot|can't|could not) be found|"
    r"(page|article|story) (does not|doesn't|no longer) exists?|no longer available|"
    r"page (is )?missing|error 404)\b",
    re.IGNORECASE,
)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
FIRST_HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.php", "/home", "/default.aspx"}


@dataclass(frozen=True)
class Outcome:
    """What one check found."""

    kind: str
    http_status: int | None = None
    final_url: str = ""
    detail: str = ""


def page_heading_text(html):
    """The page's title and first heading as plain text."""
    parts = [
        match.group(1) for pattern in (TITLE, FIRST_HEADING) if (match := pattern.search(html))
    ]
    return " ".join(TAGS.sub(" ", part) for part in parts).strip()


def is_home_page(url):
    path = urlsplit(url).path.lower()
    path = re.sub(r"^/[a-z]{2}(-[a-z]{2})?/?$", "/", path)  # /en/, /en-us/
    return path in HOME_PATHS and not urlsplit(url).query


def moved_to_home_page(page):
    """A deep link that now redirects to the home page of the site: the page is gone."""
    return bool(page.redirects) and not is_home_page(page.url) and is_home_page(page.final_url)


def classify(url, fetch):
    """The Outcome of fetching ``url`` with ``fetch`` (a callable returning a FetchedPage)."""
    try:
        page = fetch(url)
    except fetching.FetchError as error:
        return Outcome(ERROR, detail=str(error)[:300])
    status = page.status_code
    final_url = page.final_url[:2000]
    if status in GONE_CODES:
        detail = _("The site answered %(status)s: the page is not there.") % {"status": status}
        return Outcome(GONE, status, final_url, detail)
    if status in BLOCKED_CODES:
        detail = _("The site refused the checker (%(status)s).") % {"status": status}
        return Outcome(BLOCKED, status, final_url, detail)
    if not 200 <= status < 300:
        detail = _("The site answered %(status)s.") % {"status": status}
        return Outcome(ERROR, status, final_url, detail)
    if moved_to_home_page(page):
        detail = _("The address now leads to the site's home page.")
        return Outcome(SOFT_404, status, final_url, detail)
    if page.is_html:
        heading = page_heading_text(page.text)
        if heading and NOT_FOUND_WORDS.search(heading):
            detail = _("The page says “%(heading)s”.") % {"heading": heading[:200]}
            return Outcome(SOFT_404, status, final_url, detail)
    return Outcome(LIVE, status, final_url)


def apply_outcome(check, outcome, now):
    """Update the source's LinkCheck (unsaved) with one check's outcome.

    Gone twice, at least LINK_CHECK_CONFIRM_DAYS apart, is dead; a failure to check changes
    nothing that earlier checks concluded about a dead or failing link.
    """
    check.checked_at = now
    check.detail = outcome.detail
    if outcome.kind == ERROR:
        if check.status not in (Status.DEAD, Status.FAILING):
            check.status = Status.ERROR
        check.http_status = outcome.http_status
        return check
    check.http_status = outcome.http_status
    check.final_url = outcome.final_url
    if outcome.kind == GONE:
        check.failures += 1
        if check.first_failed_at is None:
            check.first_failed_at = now
        confirmed = now - check.first_failed_at >= timedelta(days=settings.LINK_CHECK_CONFIRM_DAYS)
        check.status = Status.DEAD if confirmed and check.failures >= 2 else Status.FAILING
        return check
    check.failures, check.first_failed_at = 0, None
    if outcome.kind == LIVE:
        check.status, check.live_at = Status.LIVE, now
    elif outcome.kind == SOFT_404:
        check.status = Status.SOFT_404
    else:
        check.status = Status.BLOCKED
    return check


def checks_for(sources):
    """Each source's LinkCheck (unsaved if new), started afresh when its address changed."""
    stored = LinkCheck.objects.in_bulk([source.pk for source in sources])
    checks = []
    for source in sources:
        check = stored.get(source.pk)
        if check is None or check.checked_url != source.url:
            check = LinkCheck(source=source, checked_url=source.url)
        checks.append(check)
    return checks


def save_checks(checks):
    """Write the checks in one query (an upsert, so two workers checking the same source at
    once do not collide). LinkCheck is bookkeeping, not a versioned model."""
    fields = [f.name for f in LinkCheck._meta.concrete_fields if not f.primary_key]
    LinkCheck.objects.bulk_create(
        checks, update_conflicts=True, unique_fields=["source"], update_fields=fields
    )
    page_data_changed(LinkCheck)  # an upsert sends no post_save; reference lists show health


def accessed_dates(source_ids):
    """{source id: the latest accessed date among the citations of each source}."""
    rows = (
        Citation.objects.filter(source_id__in=source_ids, accessed__isnull=False)
        .values("source_id")
        .annotate(latest=Max("accessed"))
    )
    return {row["source_id"]: row["latest"] for row in rows}


def check_sources(source_ids, *, fetcher=None, threads=None):
    """Check the sources' addresses, several at once, and store what each check found.

    Returns a tally {status: count} of the sources' new states. Threads only fetch; this
    thread writes, so it works inside a test's transaction and on SQLite.
    """
    sources = list(Source.objects.with_links_to_check().filter(pk__in=source_ids))
    own_fetcher = fetcher is None
    fetcher = fetcher or fetching.default_fetcher()
    threads = threads or settings.LINK_CHECK_THREADS

    def fetch(url):
        return fetcher.get(url, max_bytes=CHECK_MAX_BYTES)

    try:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            outcomes = list(pool.map(lambda source: classify(source.url, fetch), sources))
        now = timezone.now()
        checks = [
            apply_outcome(check, outcome, now)
            for check, outcome in zip(checks_for(sources), outcomes, strict=True)
        ]
        find_archived_copies(sources, checks, fetcher, pool_size=threads, now=now)
        save_checks(checks)
        tally = {}
        for check in checks:
            tally[check.status] = tally.get(check.status, 0) + 1
        return tally
    finally:
        if own_fetcher:
            fetcher.close()


def find_archived_copies(sources, checks, fetcher, *, pool_size, now):
    """Look up the Wayback Machine for the links that are gone and have no archived copy yet;
    and, when ARCHIVE_SAVE_NEW_SOURCES is on, ask it to save live sources checked first now."""
    wanting = [
        (source, check)
        for source, check in zip(sources, checks, strict=True)
        if check.status in LinkCheck.GONE
        and not source.archive_url
        and not check.archive_url
        and (check.archive_checked_at is None or now - check.archive_checked_at > timedelta(days=7))
    ]
    to_save = [
        (source, check)
        for source, check in zip(sources, checks, strict=True)
        if settings.ARCHIVE_SAVE_NEW_SOURCES
        and check.status == Status.LIVE
        and check.archive_requested_at is None
        and not source.archive_url
    ]
    if not wanting and not to_save:
        return
    accessed = accessed_dates([source.pk for source, _check in wanting])

    def look_up(pair):
        source, _check = pair
        return archive.closest_copy(source.url, before=accessed.get(source.pk), fetcher=fetcher)

    with ThreadPoolExecutor(max_workers=pool_size) as pool:
        copies = list(pool.map(look_up, wanting))
        saved = list(
            pool.map(lambda pair: archive.request_save(pair[0].url, fetcher=fetcher), to_save)
        )
    for (_source, check), copy in zip(wanting, copies, strict=True):
        check.archive_checked_at = now
        if copy is not None:
            check.archive_url, check.archive_date = copy.url, copy.date
    for (_source, check), requested in zip(to_save, saved, strict=True):
        if requested:
            check.archive_requested_at = now


def due_sources(*, now=None, older_than_days=None):
    """Sources whose link is due a check, never-checked first, then the longest unchecked.

    Due: never checked (or checked at another address); checked more than ``older_than_days``
    ago (default LINK_CHECK_EVERY_DAYS); not found once and LINK_CHECK_CONFIRM_DAYS passed;
    or could not be checked a day ago.
    """
    now = now or timezone.now()
    every = settings.LINK_CHECK_EVERY_DAYS if older_than_days is None else older_than_days
    never = Q(link_check__isnull=True) | ~Q(link_check__checked_url=F("url"))
    never |= Q(link_check__checked_at__isnull=True)
    due = never | Q(link_check__checked_at__lte=now - timedelta(days=every))
    if older_than_days is None:
        confirm = now - timedelta(days=settings.LINK_CHECK_CONFIRM_DAYS)
        due |= Q(link_check__status=Status.FAILING, link_check__checked_at__lte=confirm)
        due |= Q(link_check__status=Status.ERROR, link_check__checked_at__lte=now - timedelta(1))
    return (
        Source.objects.with_links_to_check()
        .filter(due)
        .order_by(F("link_check__checked_at").asc(nulls_first=True), "pk")
    )


def in_batches(sources, size):
    """Source ids from (id, url) pairs, in batches of ``size``, with the hosts taken in turn:
    the threads of a batch then fetch from different hosts at once while the fetcher's per-host
    limit keeps any one host to a few requests."""
    by_host = {}
    for pk, url in sources:
        by_host.setdefault(urlsplit(url).hostname or "", []).append(pk)
    queues = [list(reversed(ids)) for _host, ids in sorted(by_host.items())]
    ordered = []
    while queues:
        ordered.extend(queue.pop() for queue in queues)
        queues = [queue for queue in queues if queue]
    return [ordered[start : start + size] for start in range(0, len(ordered), size)]
