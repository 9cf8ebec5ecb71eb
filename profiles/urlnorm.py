"""Normalized source URLs, so that one page cited with different decorations is one source.

url-normalize does the standard part (case of scheme and host, default ports, percent-encoding,
dot segments); we add what it leaves to the caller: dropping tracking parameters and the fragment
and unifying the trailing slash.
"""

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from url_normalize import url_normalize

# Parameters that only say who sent the reader or which campaign they came from, never which
# page it is: the widely kept lists (ClearURLs' global rules, courlan's and url-normalize's)
# agree on these. Names are compared in lower case.
TRACKING_PARAMETERS = frozenset(
    # ad and analytics click ids: Google, Microsoft, Facebook, Yandex, TikTok, X, LinkedIn...
    "gclid gclsrc gbraid wbraid dclid msclkid fbclid yclid ysclid ttclid twclid li_fat_id "
    "rb_clickid srsltid s_kwcid ef_id _ga _gl _openstat "
    # newsletters and marketing automation: Mailchimp, HubSpot, Marketo, Vero, Olytics
    "mc_cid mc_eid _hsenc _hsmi __hstc __hssc __hsfp hsctatracking mkt_tok vero_id vero_conv "
    "oly_anon_id oly_enc_id wickedid "
    # share buttons: Facebook, Instagram, X (Twitter), Alibaba
    "fb_action_ids fb_action_types fb_source fb_ref action_object_map action_type_map "
    "action_ref_map igshid igsh ref_src ref_url __twitter_impression spm".split()
)
TRACKING_PREFIXES = ("utm_", "itm_", "ga_", "hmb_", "pk_campaign", "pk_kwd", "__cft__", "__xts__")

# ``ref`` is tracking on many sites but a real parameter on others (a branch on a code host, an
# article number on some news sites): merging two different pages into one source would be worse
# than keeping a duplicate, so it and the other sites' own share parameters are dropped only
# where those sites are known to use them that way.
SITE_TRACKING_PARAMETERS = {
    site: frozenset(names.split())
    for site, names in {
        "facebook.com": "ref fref __tn__ eid hc_ref hc_location pnref dti paipv sfnsn mibextid "
        "extid acontext comment_tracking __eep__",
        "instagram.com": "ref",
        "twitter.com": "ref s t",
        "x.com": "ref s t",
        "linkedin.com": "ref trk trkinfo lipi midtoken midsig trackingid",
        "youtube.com": "feature si pp",
        "youtu.be": "feature si",
        "nytimes.com": "smid smtyp",
        "theguardian.com": "cmp",
        "reddit.com": "ref ref_source share_id",
    }.items()
}


def site_tracking_parameters(host):
    """The tracking parameters of the site at ``host`` (or one of its sub-domains)."""
    host = (host or "").lower().rstrip(".")
    for site, names in SITE_TRACKING_PARAMETERS.items():
        if host == site or host.endswith(f".{site}"):
            return names
    return frozenset()


def is_tracking_parameter(name, host=""):
    name = name.lower()
    return (
        name in TRACKING_PARAMETERS
        or name.startswith(TRACKING_PREFIXES)
        or name in site_tracking_parameters(host)
    )


@lru_cache(maxsize=8192)  # an import asks for the same URLs several times per page
def normalize_url(url):
    """Return the canonical form of a URL, or "" for an empty one."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url_normalize(url))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not is_tracking_parameter(k, parts.hostname)]
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
    kept = [(k, v) for k, v in query if not is_tracking_parameter(k, parts.hostname)]
    query_string = parts.query if len(kept) == len(query) else urlencode(kept)
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path, query_string, parts.fragment)
    )
