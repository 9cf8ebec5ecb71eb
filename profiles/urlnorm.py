"""Normalized source URLs, so that one page cited with different decorations is one source.

url-normalize does the standard part (case of scheme and host, default ports, percent-encoding,
dot segments); we add what it leaves to the caller: dropping tracking parameters and the fragment
and unifying the trailing slash.
"""

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from url_normalize import url_normalize

TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_ga",
    "ref_src",
}
TRACKING_PREFIXES = ("utm_",)


def is_tracking_parameter(name):
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=8192)  # an import asks for the same URLs several times per page
def normalize_url(url):
    """Return the canonical form of a URL, or "" for an empty one."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url_normalize(url))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not is_tracking_parameter(k)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def readable_url(url):
    """The URL as typed, but without tracking parameters and with a lower-case scheme and host:
    what a reference shows and links to. Unlike normalize_url it keeps the path as given."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if not is_tracking_parameter(k)]
    query_string = parts.query if len(kept) == len(query) else urlencode(kept)
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path, query_string, parts.fragment)
    )
