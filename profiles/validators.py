"""Text that can be stored and shown safely: no control characters.

A control character (U+0001, an escape) in a name or a message breaks XML (the Atom feeds
answered 500 until the entry fell off the feed) and shows as nothing in a page. Forms refuse
them in every text field, with a message; what is already stored is cleaned where it is
written out as XML (``xml_safe``). Tab, newline and carriage return are text, not control.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_control_characters(value):
    if isinstance(value, str) and CONTROL_RE.search(value):
        raise ValidationError(
            gettext_lazy(
                "This text contains an invisible control character, which cannot be shown on "
                "a page; it was probably pasted by accident. Remove it and send again."
            ),
            code="control_character",
        )


def xml_safe(text):
    """The text without the characters XML 1.0 cannot hold, for feeds of what is stored."""
    return CONTROL_RE.sub("", text or "")


class RefusesControlCharacters:
    """A form mixin: every text field refuses control characters (see the module docstring)."""

    def full_clean(self):
        # At cleaning time, so that fields a form adds after __init__ are covered too.
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and refuse_control_characters not in (
                field.validators
            ):
                field.validators.append(refuse_control_characters)
        super().full_clean()
