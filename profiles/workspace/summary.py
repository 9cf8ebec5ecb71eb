"""The revision comment when the editor leaves the edit summary empty: which parts changed, in
words ("Changed the introduction and the infobox; added 2 citations.")."""

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

PARTS = [
    ("name", gettext_lazy("the name")),
    ("category_id", gettext_lazy("the category")),
    ("location", gettext_lazy("the location")),
    ("aliases", gettext_lazy("the other names")),
    ("lead", gettext_lazy("the introduction")),
    ("body", gettext_lazy("the text")),
]


def automatic_summary(stored, draft):
    """A short description of what the draft changes in the stored profile (None: new)."""
    if stored is None:
        return _("Created %(name)s.") % {"name": draft.profile.name}
    changed = [
        str(label) for name, label in PARTS if getattr(stored, name) != getattr(draft.profile, name)
    ]
    if {t.pk for t in draft.types} != set(stored.types.values_list("pk", flat=True)):
        changed.append(str(_("the types")))
    facts = [(f.label_id, f.value, f.as_of) for f in draft.facts]
    if facts != [(f.label_id, f.value, f.as_of) for f in stored.facts.all()]:
        changed.append(str(_("the infobox")))
    sentences = []
    if changed:
        sentences.append(_("Changed %(parts)s.") % {"parts": get_text_list(changed, _("and"))})
    stored_keys = set(stored.citations.values_list("key", flat=True))
    keys = {c.key for c in draft.citations}
    added, removed = len(keys - stored_keys), len(stored_keys - keys)
    if added:
        sentences.append(
            ngettext("Added %(count)d citation.", "Added %(count)d citations.", added)
            % {"count": added}
        )
    if removed:
        sentences.append(
            ngettext("Removed %(count)d citation.", "Removed %(count)d citations.", removed)
            % {"count": removed}
        )
    if draft.profile.published and not stored.published:
        sentences.append(_("Published it."))
    return " ".join(sentences) or _("Changed the citations' details.")
