"""The review page of a suggestion: the editor's form and what the page shows.

The admin's review desk (editorial.admin) renders it; the decisions themselves are
editorial.services' job.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editorial.diffs import diff_against_profile
from editorial.edits import merge_suggestion, merged_values, profile_state
from editorial.forms import profile_parts
from editorial.infobox import parse_infobox
from editorial.merging import EDITED, KEEP_OURS, KEEP_THEIRS, Conflict, has_conflict_markers
from editorial.models import Suggestion
from editorial.proposals import proposal_source, proposed_connection
from profiles.markup import check_markers
from profiles.models import Category, Profile
from profiles.revisions import latest_revision_id
from profiles.validators import RefusesControlCharacters

CONFLICT_CHOICES = [
    (KEEP_OURS, gettext_lazy("Keep the profile's text")),
    (KEEP_THEIRS, gettext_lazy("Keep the suggestion's text")),
    (EDITED, gettext_lazy("Use my edit of it (the box below)")),
]


@dataclass
class ConflictChoice:
    """One conflicting passage on the review page: the versions, and the editor's choice."""

    change: object  # the MergedField it belongs to
    conflict: Conflict
    number: int  # counted across the whole suggestion, from 1
    choice: object  # the bound radio field
    text: object  # the bound textarea for the editor's own version


class ReviewForm(RefusesControlCharacters, forms.Form):
    """The editor's side of a suggestion: the merged result (editable) and a note.

    For an edit there is one text per changed field, holding the merge of the suggestion into
    the profile as it is now. Where the two disagree, each conflicting passage gets a choice
    instead: keep the profile's, keep the suggestion's, or the editor's own version of it;
    the field's text is the merge with those choices. For a tip, the name and category of the
    profile to start.
    """

    note = forms.CharField(
        label=gettext_lazy("Note to the contributor"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text=gettext_lazy(
            "Shown on their tracking page and emailed to them if they gave an address."
        ),
    )
    profile_state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, suggestion, profile=None, changes=()):
        super().__init__(data)
        self.suggestion = suggestion
        self.profile = profile
        self.changes = list(changes)
        self.conflict_names = {}  # change name -> [(choice field, text field)] per conflict
        for change in self.changes:
            if change.has_conflict:
                self.add_conflict_fields(change)
                continue
            rows = {"lead": 14, "body": 14, "infobox": 8, "name": 1}.get(change.name, 2)
            self.fields[change.name] = forms.CharField(
                label=review_label(change),
                required=False,
                strip=False,
                max_length=settings.EDITORIAL_MAX_TEXT_CHARS * 2,
                initial=change.merged.text,
                widget=forms.Textarea(attrs={"rows": rows, "class": "vLargeTextField"}),
            )
        if suggestion.kind == Suggestion.Kind.TIP:
            proposed = suggestion.proposed_changes
            self.fields["name"] = forms.CharField(
                label=_("Name of the new profile"), max_length=200, initial=proposed.get("name")
            )
            self.fields["category"] = forms.ModelChoiceField(
                label=_("Category"),
                error_messages={"required": _("Choose the new profile's category.")},
                queryset=Category.objects.all(),
                to_field_name="slug",
                initial=Category.objects.filter(slug=proposed.get("category")).first(),
            )
        if suggestion.kind == Suggestion.Kind.RELATIONSHIP:
            matched = proposed_connection(suggestion).other
            self.fields["other"] = forms.CharField(
                label=_("The profile at the other end"),
                max_length=200,
                initial=matched.slug if matched else "",
                help_text=_(
                    "Its address (slug) or its exact name: the match found is filled in. "
                    "Write a missing profile first, then approve."
                ),
                error_messages={
                    "required": _(
                        "Name the profile at the other end (its address or exact name), or "
                        "reject the suggestion."
                    )
                },
            )
        if profile is not None:
            self.fields["profile_state"].initial = profile_state(profile)
        self.order_fields([c.name for c in self.changes] + ["name", "category", "other", "note"])

    def clean_other(self):
        text = self.cleaned_data["other"].strip()
        found = Profile.objects.filter(Q(slug=text) | Q(name__iexact=text)).first()
        if found is None:
            raise ValidationError(
                _("No profile is called “%(name)s”. Write it first, or check the spelling.")
                % {"name": text}
            )
        return found

    def add_conflict_fields(self, change):
        names = []
        for index, conflict in enumerate(change.merged.conflicts):
            choice, text = f"{change.name}-conflict-{index}", f"{change.name}-conflict-{index}-text"
            self.fields[choice] = forms.ChoiceField(
                label=_("What to keep"),
                choices=CONFLICT_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Choose what to keep of this passage: the profile's text, "
                        "the suggestion's, or your edit of it."
                    )
                },
            )
            self.fields[text] = forms.CharField(
                label=_("Your edit of the passage"),
                required=False,
                strip=False,
                max_length=settings.EDITORIAL_MAX_TEXT_CHARS,
                initial=conflict.theirs.strip(),
                widget=forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
            )
            names.append((choice, text))
        self.conflict_names[change.name] = names

    def conflict_choices(self):
        """The conflicting passages in page order, for the template."""
        found, number = [], 0
        for change in self.changes:
            for conflict, (choice, text) in zip(
                change.merged.conflicts, self.conflict_names.get(change.name, ()), strict=False
            ):
                number += 1
                found.append(ConflictChoice(change, conflict, number, self[choice], self[text]))
        return found

    def plain_fields(self):
        """The visible fields that are not part of a conflict's choice."""
        taken = {name for pairs in self.conflict_names.values() for pair in pairs for name in pair}
        return [field for field in self.visible_fields() if field.name not in taken]

    def resolved_text(self, change, values, default=None):
        """A conflicting change's text with the choices in ``values`` (cleaned or raw data);
        ``default`` stands in for a choice not made yet (None: not resolvable yet)."""
        choices = []
        for choice, text in self.conflict_names[change.name]:
            how = values.get(choice) or default
            if how not in {KEEP_OURS, KEEP_THEIRS, EDITED}:
                return None
            choices.append((how, values.get(text, "")))
        return change.merged.resolved(choices)

    def texts_so_far(self):
        """Each change's text as the page stands, for the diff: typed, chosen, or the
        suggestion's text where a conflict has no choice yet (the diff shows what it asks)."""
        data = self.data if self.is_bound else {}
        texts = {}
        for change in self.changes:
            if change.has_conflict:
                texts[change.name] = self.resolved_text(change, data, default=KEEP_THEIRS)
            else:
                texts[change.name] = data.get(change.name, change.merged.text)
        return texts

    def clean(self):
        data = super().clean()
        if not self.changes:
            return data
        keys = list(self.profile.citations.values_list("key", flat=True))
        keys += [source["key"] for source in self.suggestion.new_sources]
        for change in self.changes:
            if change.has_conflict:
                text = self.resolved_text(change, data)
                if text is not None:
                    data[change.name] = text
            text = data.get(change.name)
            if text is None:
                continue
            if has_conflict_markers(text):
                self.add_error(
                    change.name,
                    _(
                        "Resolve the conflict first: keep the words that should stay and delete "
                        "the marker lines (<<<<<<<, ======= and >>>>>>>)."
                    ),
                )
                continue
            try:
                check_markers([text], keys)
                if change.name == "infobox":
                    parse_infobox(text)
            except ValidationError as error:
                self.add_error(self.error_field(change, data), error)
        return data

    def error_field(self, change, data):
        """Where an error in a change's text shows: its textarea or, for a change resolved
        conflict by conflict, the first passage the editor wrote (else the whole form)."""
        if not change.has_conflict:
            return change.name
        for choice, text in self.conflict_names[change.name]:
            if data.get(choice) == EDITED:
                return text
        return None

    def resolution(self):
        """What approve_suggestion applies: the texts, or the tip's name and category."""
        if self.suggestion.kind == Suggestion.Kind.TIP:
            return {"name": self.cleaned_data["name"], "category": self.cleaned_data["category"]}
        if self.suggestion.kind == Suggestion.Kind.EDIT:
            return {change.name: self.cleaned_data[change.name] for change in self.changes}
        if self.suggestion.kind == Suggestion.Kind.RELATIONSHIP:
            return {"other": self.cleaned_data["other"]}
        return None


def review_label(change):
    if change.section and change.section_found:
        return _("%(field)s: the section being edited") % {"field": change.label}
    if change.section:
        return _("%(field)s (whole): the edited section is no longer in the profile") % {
            "field": change.label
        }
    return change.label


def merge(suggestion):
    """(the profile now, the suggestion merged into it) for a pending edit."""
    if suggestion.kind != Suggestion.Kind.EDIT or not suggestion.profile_id:
        return None, []
    profile = Profile.objects.select_related("category").get(pk=suggestion.profile_id)
    return profile, merge_suggestion(suggestion, profile)


def review_context(suggestion, form=None, profile=None):
    """What the review page shows: the form, the merge, the diff of what would be approved.

    ``form`` and ``profile`` are the ones of a refused approval, shown again as sent.
    """
    if suggestion.is_pending:
        fresh_profile, changes = merge(suggestion)
    else:  # decided: there is nothing left to merge
        fresh_profile, changes = suggestion.profile, []
    profile = profile or fresh_profile
    if form is None and suggestion.is_pending:
        form = ReviewForm(suggestion=suggestion, profile=profile, changes=changes)
    diff = None
    if profile is not None and suggestion.is_pending:
        # The diff shows what the editor is about to approve, as typed and chosen so far.
        values = merged_values(profile, changes, form.texts_so_far())
        diff = diff_against_profile(profile, values, suggestion.new_sources)
    return {
        "suggestion": suggestion,
        "profile": profile or suggestion.profile,
        "form": form,
        "changes": changes,
        "conflicts": [change for change in changes if change.has_conflict],
        "diff": diff,
        "stale": suggestion.is_pending
        and profile is not None
        and suggestion.base_revision_id != latest_revision_id(profile),
        "part": part_label(suggestion, profile or suggestion.profile),
        "tip_category": proposed_category(suggestion),
        "connection": proposed_connection(suggestion)
        if suggestion.kind == Suggestion.Kind.RELATIONSHIP
        else None,
        "connection_source": proposal_source(suggestion)
        if suggestion.kind == Suggestion.Kind.RELATIONSHIP
        else None,
    }


def part_label(suggestion, profile):
    """The part of the profile a report or a one-section edit is about, in the words of the
    report form."""
    part = suggestion.report_part or suggestion.section_anchor
    if not part:
        return ""
    parts = dict(profile_parts(profile)) if profile else {}
    return parts.get(part) or _("The section “%(title)s”") % {"title": part}


def proposed_category(suggestion):
    """The category a tip proposes, or None."""
    if suggestion.kind != Suggestion.Kind.TIP:
        return None
    return Category.objects.filter(slug=suggestion.proposed_changes.get("category")).first()
