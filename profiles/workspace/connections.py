"""Connections in the workspace: add one to the profile in place, cited by one of its sources.
Saved at once as one revision of both profiles (profiles.services.save_relationship); the rest
of the page keeps what the editor typed, not saved yet."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles.models import (
    Profile,
    Relationship,
    RelationshipCitation,
    RelationshipType,
    parse_partial_date,
)
from profiles.workspace.forms import with_bootstrap_classes


def direction_choices():
    """ "subject:funded" reads "Funded" (this profile funded the other), "object:funded" reads
    "Funded by"; a symmetric type once."""
    choices = []
    for kind in RelationshipType.objects.all():
        choices.append((f"subject:{kind.slug}", kind.forward_label))
        if not kind.symmetric:
            choices.append((f"object:{kind.slug}", kind.reverse_label))
    return choices


class ConnectionFields(forms.Form):
    """The fields of one connection of a profile, as its editor (the workspace) and the public
    (editorial's suggestion form) give it: its kind and direction, the other profile, the role,
    the dates and the amount. ``set_up_connection_fields`` ties them to the profile."""

    kind = forms.ChoiceField(label=gettext_lazy("This profile's connection"))
    other = forms.CharField(
        label=gettext_lazy("Other profile"),
        max_length=200,
        help_text=gettext_lazy("Its name or its address, exactly."),
    )
    role = forms.CharField(label=gettext_lazy("Role or title"), max_length=200, required=False)
    start = forms.CharField(label=gettext_lazy("From"), max_length=10, required=False)
    end = forms.CharField(label=gettext_lazy("Until"), max_length=10, required=False)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount"), max_digits=16, decimal_places=2, required=False
    )

    def set_up_connection_fields(self, profile):
        self.profile = profile
        self.fields["kind"].choices = direction_choices()

    def clean_other(self):
        text = self.cleaned_data["other"].strip()
        other = (
            Profile.objects.filter(Q(name__iexact=text) | Q(slug=text))
            .exclude(pk=self.profile.pk)
            .first()
        )
        if other is None:
            raise ValidationError(
                _("No profile is called “%(name)s”. Write it first, or check the spelling.")
                % {"name": text}
            )
        return other

    def clean_start(self):
        return self.partial_date("start")

    def clean_end(self):
        return self.partial_date("end")

    def partial_date(self, name):
        try:
            return parse_partial_date(self.cleaned_data[name])
        except ValueError:
            raise ValidationError(
                _("Write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example 2021-06-30.")
            ) from None

    def new_relationship(self):
        """The unsaved relationship the fields describe."""
        side, slug = self.cleaned_data["kind"].split(":", 1)
        other = self.cleaned_data["other"]
        subject, object_ = (self.profile, other) if side == "subject" else (other, self.profile)
        (start, start_precision), (end, end_precision) = (
            self.cleaned_data["start"],
            self.cleaned_data["end"],
        )
        return Relationship(
            subject=subject,
            object=object_,
            type=RelationshipType.objects.get(slug=slug),
            role=self.cleaned_data["role"],
            start_date=start,
            start_precision=start_precision,
            end_date=end,
            end_precision=end_precision,
            is_current=end is None,
            amount=self.cleaned_data["amount"],
        )


class ConnectionForm(ConnectionFields):
    """One new connection of this profile, cited by one of its sources. The fields are
    prefixed ("connection-"), so that they travel with the workspace's form without clashing
    with it."""

    citation = forms.ChoiceField(label=gettext_lazy("Source"))

    def __init__(self, data=None, *, profile):
        super().__init__(data, prefix="connection")
        self.set_up_connection_fields(profile)
        self.fields["citation"].choices = [
            (c.key, f"[^{c.key}] {c.source.title}")
            for c in profile.citations.select_related("source")
        ]
        with_bootstrap_classes(self)

    def relationship(self):
        """The unsaved relationship and its citation, for save_relationship."""
        relationship = self.new_relationship()
        cited = self.profile.citations.select_related("source").get(
            key=self.cleaned_data["citation"]
        )
        citation = RelationshipCitation(
            source=cited.source, accessed=cited.accessed, pinpoint=cited.pinpoint
        )
        return relationship, [citation]
