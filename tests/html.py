"""Reading pages the way a browser would: parse the HTML, never search the string."""

import json

from bs4 import BeautifulSoup


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "lxml")


def text_of(element):
    """The element's text as a browser shows it: each run of whitespace reads as one space."""
    return " ".join(element.get_text().split())


def live_markup(soup):
    """Every element or attribute in the page that would run script or load from a bad URL."""
    found = []
    for tag in soup.find_all(True):
        if tag.name in {"script", "iframe", "object", "embed", "style", "form", "svg", "math"}:
            if tag.name == "script" and tag.get("src", "").startswith("/static/"):
                continue
            if tag.name == "script" and tag.get("type") == "application/ld+json":
                json.loads(tag.string)  # data, not code: it must parse, whatever it holds
                continue
            if tag.name == "form" and tag.get("action", "").startswith("/"):
                continue
            found.append(str(tag)[:80])
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on"):
                found.append(f"{tag.name} {name}")
            if name in {"href", "src", "action", "formaction"}:
                scheme = value.strip().lower().split(":", 1)[0] if ":" in value else ""
                if scheme and scheme not in {"http", "https", "mailto"}:
                    found.append(f"{tag.name} {name}={value[:40]}")
    return found
