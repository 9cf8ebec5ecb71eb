"""A source's details (title, authors, publication, date) read from its page's metadata.

What a page says about itself, in order of trust: schema.org JSON-LD and microdata (extruct),
the scholarly ``citation_*`` meta tags, Open Graph (extruct), plain HTML meta tags and the
``<title>`` element; the date from those, else htmldate (metadata markup and the URL only, no
guessing from the text). Nothing is made up: a detail the page does not give stays empty, and
``found`` names the ones it gave. The result is for a person to confirm (the contributor's new
source box, the editor's workspace); nothing here saves anything.
"""

import re
from datetime import date

import extruct
from django.utils.translation import gettext as _
from htmldate import find_date
from lxml import html as lxml_html

from profiles import fetcher as fetching

FIELDS = ("title", "authors", "publication", "published_date")
MAX_LENGTHS = {"title": 500, "authors": 500, "publication": 300}
PAGE_MAX_BYTES = 2 * 1024 * 1024
ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "pressrelease",
    "book",
    "webpage",
    "creativework",
    "dataset",
    "governmentservice",
}
ISO_DATE = re.compile(r"^\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
SPACES = re.compile(r"\s+")


def empty_details(url=""):
    return {
        "url": url,
        "title": "",
        "authors": "",
        "publication": "",
        "published_date": "",
        "date_precision": "",
        "found": [],
        "error": "",
    }


def source_details_from_url(url, *, fetcher=None):
    """Details of the source at ``url`` from its page, for a person to confirm.

    Returns a dict: ``title``, ``authors`` (separated by semicolons), ``publication``,
    ``published_date`` (text at its precision: YYYY-MM-DD, YYYY-MM or YYYY) and
    ``date_precision`` ("day", "month", "year" or ""), ``found`` (the names of the fields the
    page gave), ``url`` (where the page ended up after redirects) and ``error`` (a sentence when
    the page could not be read, else ""). Fetches through the careful fetcher; never raises for
    a bad page or site.
    """
    own = fetcher is None
    fetcher = fetcher or fetching.default_fetcher()
    try:
        page = fetcher.get(url, max_bytes=PAGE_MAX_BYTES)
    except fetching.FetchError as error:
        return {**empty_details(url), "error": str(error)}
    finally:
        if own:
            fetcher.close()
    if not 200 <= page.status_code < 300:
        return {
            **empty_details(url),
            "error": _("The page answered %(status)s, so nothing could be read from it.")
            % {"status": page.status_code},
        }
    if not page.is_html:
        return {
            **empty_details(page.final_url),
            "error": _("The address is not a web page, so its details must be typed in."),
        }
    return source_details_from_html(page.text, page.final_url)


def source_details_from_html(html, url=""):
    """The same from a page's HTML (no fetching)."""
    details = empty_details(url)
    if not html.strip():
        return details
    try:
        data = extruct.extract(
            html,
            base_url=url or None,
            syntaxes=["json-ld", "microdata", "opengraph"],
            uniform=True,
            errors="ignore",
        )
    except Exception:  # extruct raises whatever its parsers raise on broken markup
        data = {}
    items = schema_items(data.get("json-ld", []) + data.get("microdata", []))
    article = best_item(items)
    opengraph = {}
    for item in data.get("opengraph", []):
        opengraph.update({k: v for k, v in item.items() if isinstance(v, str)})
    meta = meta_tags(html)

    title = first(
        article.get("headline"),
        article.get("name"),
        meta.get("citation_title"),
        opengraph.get("og:title"),
        meta.get("twitter:title"),
        meta.get("dc.title"),
        meta.get("<title>"),
    )
    authors = person_names(article.get("author")) or person_names(article.get("creator"))
    authors = authors or meta.getlist("citation_author") or meta.getlist("author")
    authors = authors or meta.getlist("dc.creator")
    publication = first(
        name_of(article.get("publisher")),
        name_of(article.get("isPartOf")),
        meta.get("citation_journal_title"),
        opengraph.get("og:site_name"),
        meta.get("application-name"),
    )
    published = partial_date(
        first(
            article.get("datePublished"),
            meta.get("citation_publication_date"),
            meta.get("citation_date"),
            opengraph.get("article:published_time"),
            meta.get("article:published_time"),
            meta.get("date"),
            meta.get("dc.date"),
            meta.get("dcterms.date"),
        )
    )
    if published is None:
        published = htmldate_guess(html, url)

    details["title"] = clip(title, "title")
    details["authors"] = clip("; ".join(unique(authors)), "authors")
    details["publication"] = clip(publication, "publication")
    if published is not None:
        details["published_date"], details["date_precision"] = published
    details["found"] = [name for name in FIELDS if details[name]]
    return details


# Reading the markup --------------------------------------------------------------------------


class MetaTags(dict):
    """Meta tags by lower-cased name or property; several values for repeated ones."""

    def getlist(self, name):
        return [value for value in self.get(f"{name}[]", []) if value]


def meta_tags(html):
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return MetaTags()
    tags = MetaTags()
    for element in tree.iter("meta"):
        name = (element.get("name") or element.get("property") or "").strip().lower()
        content = clean(element.get("content"))
        if name and content:
            tags.setdefault(name, content)
            tags.setdefault(f"{name}[]", []).append(content)
    title = tree.find(".//title")
    if title is not None and clean(title.text_content()):
        tags["<title>"] = clean(title.text_content())
    return tags


def schema_items(items):
    """Every schema.org item, with the ones inside an @graph brought up to the top."""
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        if isinstance(graph, list):
            found.extend(schema_items(graph))
        found.append(item)
    return found


def item_types(item):
    types = item.get("@type", [])
    types = types if isinstance(types, list) else [types]
    return {str(kind).rsplit("/", 1)[-1].lower() for kind in types}


def best_item(items):
    """The item that describes the page itself: an article first, then any web page."""
    for wanted in (ARTICLE_TYPES - {"webpage", "creativework"}, {"webpage", "creativework"}):
        for item in items:
            if item_types(item) & wanted:
                return item
    return {}


def name_of(value):
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return clean(value) if isinstance(value, str) else ""


def person_names(value):
    values = value if isinstance(value, list) else [value]
    names = [name_of(item) for item in values]
    return [name for name in names if name and not re.match(r"^https?://", name)]


def partial_date(text):
    """('2021-06-30', 'day'), ('2021-06', 'month') or ('2021', 'year') from an ISO date."""
    match = ISO_DATE.match(text or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return year, "year"


def htmldate_guess(html, url):
    """The date htmldate reads from the page's markup and address, without guessing from its
    text (a bare page would otherwise get the date of whatever it mentions)."""
    try:
        found = find_date(
            html,
            url=url or None,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # htmldate's parsers raise on odd markup; no date is the honest answer
        return None
    return partial_date(found) if found else None


def clean(value):
    return SPACES.sub(" ", value).strip() if isinstance(value, str) else ""


def first(*values):
    return next((clean(value) for value in values if clean(value)), "")


def unique(values):
    seen, kept = set(), []
    for value in values:
        if value.lower() not in seen:
            seen.add(value.lower())
            kept.append(value)
    return kept


def clip(value, name):
    return value[: MAX_LENGTHS[name]]
