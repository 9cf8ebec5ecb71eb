from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _


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
