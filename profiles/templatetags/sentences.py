from django import template

register = template.Library()

SENTENCE_ENDS = (".", "!", "?", "…")


@register.filter
def sentence(value):
    """The text ending as a sentence does: with a period added, unless it ends with its own
    (a title "Who Fixes the Roof?", an author "Vale, J.")."""
    text = str(value).rstrip()
    return text if text.endswith(SENTENCE_ENDS) else f"{text}."
