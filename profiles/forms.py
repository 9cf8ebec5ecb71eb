from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles.validators import RefusesControlCharacters


class RevertForm(forms.Form):
    """Confirms reverting a profile to one of its revisions."""

    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # The profile's revision that the page showed the changes against: the revert is refused
    # if the profile has moved on since.
    current_revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("profiles:revert", args=[profile.slug])
        revision = self.initial.get("revision") or self.data.get("revision")
        self.helper.add_input(
            Submit(
                "revert",
                _("Revert to revision %(number)s") % {"number": revision},
                css_class="btn-danger",
            )
        )


class RedactionForm(RefusesControlCharacters, forms.Form):
    """Hide parts of a revision from readers, or show them again, with a reason for the log."""

    hide_text = forms.BooleanField(label=gettext_lazy("Hide its text"), required=False)
    hide_comment = forms.BooleanField(label=gettext_lazy("Hide its comment"), required=False)
    hide_user = forms.BooleanField(label=gettext_lazy("Hide who made it"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        help_text=gettext_lazy(
            "Why, in a few words (for example: defamatory text about a private person). The "
            "log shows it to the editors who may redact."
        ),
        error_messages={"required": gettext_lazy("Give the reason for the log.")},
    )

    def __init__(self, *args, profile, revision, hidden=(), **kwargs):
        super().__init__(*args, **kwargs)
        for part in ("text", "comment", "user"):
            self.fields[f"hide_{part}"].initial = part in hidden
        self.helper = FormHelper()
        self.helper.form_action = reverse("profiles:redact", args=[profile.slug, revision.pk])
        self.helper.add_input(Submit("redact", _("Save what readers may see")))

    def hidden_parts(self):
        return {part for part in ("text", "comment", "user") if self.cleaned_data[f"hide_{part}"]}
