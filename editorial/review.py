"""The review page of a suggestion: the editor's form and what the page shows.

The admin's review desk (editorial.admin) renders it; the decisions themselves are
editorial.services' job.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editorial.diffs import diff_against_profile
from editorial.edits import merge_suggestion, merged_values, profile_state
from editorial.forms import profile_parts
from editorial.merging import has_conflict_markers
from editorial.models import Suggestion
from editorial.proposals import proposal_source, proposed_connection
from profiles.markup import check_markers
from profiles.models import Category, Profile
from profiles.revisions import latest_revision_id
from profiles.validators import RefusesControlCharacters


class ReviewForm(RefusesControlCharacters, forms.Form):
    """The editor's side of a suggestion: the merged result (editable) and a note.

    For an edit there is one text per changed field, holding the merge of the suggestion into
    the profile as it is now; where the two disagree it holds both, between conflict markers,
    for the editor to resolve. For a tip, the name and category of the profile to start.
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
        for change in self.changes:
            rows = 14 if change.name in {"lead", "body"} else 2
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

    def clean(self):
        data = super().clean()
        if not self.changes:
            return data
        keys = list(self.profile.citations.values_list("key", flat=True))
        keys += [source["key"] for source in self.suggestion.new_sources]
        for change in self.changes:
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
            except ValidationError as error:
                self.add_error(change.name, error)
        return data

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
        # The diff shows what the editor is about to approve, as typed so far.
        texts = {c.name: form.data.get(c.name, c.merged.text) for c in changes}
        values = merged_values(profile, changes, texts if form.is_bound else None)
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
