"""Plain text of stored HTML, and search snippets with the matched words in <mark>.

The snippet is escaped first and marked after, so nothing a contributor wrote is ever passed
to the page unescaped.
"""

import html
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

REFERENCE_RE = re.compile(r'<sup class="reference[^"]*"[^>]*>.*?</sup>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]*>")
BLOCK_END_RE = re.compile(r"</(p|h[1-6]|li|td|th|blockquote|pre)>")
WORD_RE = re.compile(r"[^\W_]+")
SUFFIXES = ("ing", "es", "ed", "ly", "s")
SNIPPET_WORDS = 32


def plain_text(stored_html):
    """The text a reader sees, without reference markers: for snippets and descriptions."""
    text = REFERENCE_RE.sub("", stored_html or "")
    text = BLOCK_END_RE.sub(" ", text)
    return " ".join(html.unescape(TAG_RE.sub("", text)).split())


def stem(word):
    """A rough English stem, enough to mark "tenants" for the query "tenant"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def matches(token, stems):
    folded = token.casefold()
    return any(folded.startswith(s) for s in stems)


def window(text, stems):
    """About SNIPPET_WORDS words around the first matched word (or from the start):
    (text, cut before, cut after, matched)."""
    tokens = text.split(" ")
    start, found = 0, False
    for index, token in enumerate(tokens):
        if any(matches(word, stems) for word in WORD_RE.findall(token)):
            start, found = max(0, index - SNIPPET_WORDS // 3), True
            break
    end = start + SNIPPET_WORDS
    return " ".join(tokens[start:end]), start > 0, end < len(tokens), found


def mark(text, stems):
    """Escape the text, then wrap each word that matches a stem in <mark>."""
    parts, position = [], 0
    for match in WORD_RE.finditer(text):
        if matches(match[0], stems):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match[0])}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def highlighted_snippet(profile, words):
    """A short excerpt of the lead, or of the body when the lead does not match, marked up."""
    stems = {stem(word.casefold()) for word in words if word}
    text, cut_before, cut_after, found = window(plain_text(profile.lead_html), stems)
    if not found:
        in_body = window(plain_text(profile.body_html), stems)
        if in_body[3]:
            text, cut_before, cut_after, found = in_body
    snippet = ("… " if cut_before else "") + mark(text, stems) + (" …" if cut_after else "")
    return mark_safe(snippet)  # escaped by mark()
