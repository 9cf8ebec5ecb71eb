"""Archived copies of sources in the Internet Archive's Wayback Machine.

``closest_copy`` asks the availability API for the copy closest to the citation's accessed
date and, when that copy is newer than the date, the CDX API for the last good copy made
before it (the page as the editor read it); with no copy before, the closest one is used.
``request_save`` asks the archive to save a page now (only when ARCHIVE_SAVE_NEW_SOURCES is on).
Everything goes through the careful fetcher; a failure is no copy, never an error.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from django.conf import settings

from profiles import fetcher as fetching
from profiles.models import wayback_date

AVAILABILITY_API = "https://archive.org/wayback/available"
CDX_API = "https://web.archive.org/cdx/search/cdx"
SAVE_URL = "https://web.archive.org/save/"
COPY_URL = re.compile(r"^https?://web\.archive\.org/web/([0-9]{14})/(.+)$")
API_MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class Copy:
    url: str
    date: date


def as_copy(url):
    """A Copy for a Wayback Machine address (made https), or None for anything else."""
    match = COPY_URL.match(url or "")
    if not match or len(url) > 2000:
        return None
    url = "https://web.archive.org/web/" + match.group(1) + "/" + match.group(2)
    copy_date = wayback_date(url)
    return Copy(url, copy_date) if copy_date else None


def read_json(fetcher, url):
    try:
        page = fetcher.get(url, max_bytes=API_MAX_BYTES)
    except fetching.FetchError:
        return None
    if page.status_code != 200 or page.truncated:
        return None
    try:
        return json.loads(page.content)
    except ValueError:
        return None


def available_copy(url, stamp, fetcher):
    query = {"url": url, **({"timestamp": stamp} if stamp else {})}
    data = read_json(fetcher, f"{AVAILABILITY_API}?{urlencode(query)}")
    try:
        closest = data["archived_snapshots"]["closest"]
    except (KeyError, TypeError):
        return None
    if not isinstance(closest, dict) or not closest.get("available"):
        return None
    if not str(closest.get("status", "200")).startswith("2"):
        return None
    return as_copy(str(closest.get("url", "")))


def last_copy_before(url, stamp, fetcher):
    query = {
        "url": url,
        "to": stamp,
        "filter": "statuscode:200",
        "limit": "-1",
        "output": "json",
        "fl": "timestamp,original",
    }
    rows = read_json(fetcher, f"{CDX_API}?{urlencode(query)}")
    # The CDX API answers with a header row, then the rows: [["timestamp", "original"], [...]].
    if not isinstance(rows, list) or len(rows) < 2 or not isinstance(rows[-1], list):
        return None
    try:
        timestamp, original = (str(value) for value in rows[-1][:2])
    except ValueError:
        return None
    return as_copy(f"https://web.archive.org/web/{timestamp}/{original}")


def closest_copy(url, *, before=None, fetcher=None):
    """The archived copy of ``url`` closest before the date ``before`` (or the closest one at
    all), as a Copy, or None when the archive has none or cannot be asked."""
    own = fetcher is None
    fetcher = fetcher or fetching.default_fetcher()
    stamp = before.strftime("%Y%m%d") if before else ""
    try:
        copy = available_copy(url, stamp, fetcher)
        if copy is not None and before is not None and copy.date > before:
            copy = last_copy_before(url, stamp, fetcher) or copy
        return copy
    finally:
        if own:
            fetcher.close()


def request_save(url, *, fetcher=None):
    """Ask the Wayback Machine to save the page now; True when it accepted the request."""
    if not settings.ARCHIVE_SAVE_NEW_SOURCES:
        return False
    own = fetcher is None
    fetcher = fetcher or fetching.default_fetcher()
    try:
        page = fetcher.get(SAVE_URL + quote(url, safe=":/?&=%#"), max_bytes=API_MAX_BYTES)
    except fetching.FetchError:
        return False
    finally:
        if own:
            fetcher.close()
    return 200 <= page.status_code < 400
