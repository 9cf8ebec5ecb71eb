"""What of a revision a reader may see: its text, its comment and its author, unless an editor
hid them (RevisionRedaction). Every page, feed and API answer that shows a revision asks here.

Readers see that a part was hidden, never the part. Editors who may redact see it, marked.
"""

from dataclasses import dataclass

from profiles.permissions import can_redact


def hidden_parts(revision):
    """The parts of the revision hidden from readers: a set of "text", "comment", "user"."""
    redaction = getattr(revision, "redaction", None) if revision is not None else None
    return redaction.hidden_parts if redaction is not None else set()


@dataclass(frozen=True)
class Shown:
    """A revision as one viewer may see it."""

    hidden: frozenset  # the parts hidden from readers (shown to everyone, as a notice)
    revealed: bool  # the viewer may see the hidden parts (and sees them, marked)

    def shows(self, part):
        return part not in self.hidden or self.revealed


def shown_to(viewer, revision):
    return Shown(frozenset(hidden_parts(revision)), bool(viewer) and can_redact(viewer))


def public_comment(revision, viewer=None):
    """The revision's comment as the viewer may read it ("" when hidden from them)."""
    return revision.get_comment() if shown_to(viewer, revision).shows("comment") else ""


def public_user(revision, viewer=None):
    """The revision's author as the viewer may see it (None when hidden from them)."""
    return revision.user if shown_to(viewer, revision).shows("user") else None
