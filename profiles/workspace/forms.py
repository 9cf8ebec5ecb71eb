"""The editor's workspace: one form for a profile's fields, its infobox rows and its citations,
new sources included (created with the profile, in the same revision, never before it)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import normalize_newlines, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles.markup import check_markers
from profiles.models import Category, Citation, Fact, Profile, Source, parse_partial_date
from profiles.urlnorm import normalize_url
from profiles.validators import RefusesControlCharacters

MAX_FACTS = 100
# Addresses under /profiles/ that are pages of their own, not profiles.
RESERVED_SLUGS = {"new", "workspace"}
MAX_CITATIONS = 500
MARKER_ADVICE = (
    gettext_lazy("Cite the source with the Cite box, or correct the marker."),
    gettext_lazy("Cite the sources with the Cite box, or correct the markers."),
)


def with_bootstrap_classes(form):
    """Bootstrap's classes on the form's widgets (the workspace lays its fields out itself)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
    return form


class SharedFields(dict):
    """A form class's fields, shared by its instances instead of deep-copied for each.

    For the rows of long formsets (60 citations make 60 forms, and copying their fields was
    most of a preview's time). Safe because nothing changes these fields once the class is
    made: per-row fields (the id, DELETE, ORDER) are new objects the formset adds.
    """

    def __deepcopy__(self, memo):
        return dict(self)


def rows_share_fields(formset_class):
    """Give the rows' fields Bootstrap's classes once, and share them (SharedFields). Applied
    to the formset, whose factory makes a form class of its own with fields of its own."""
    form_class = formset_class.form

    class Fields:
        fields = form_class.base_fields

    with_bootstrap_classes(Fields)
    form_class.base_fields = SharedFields(form_class.base_fields)
    return formset_class


class Text(forms.CharField):
    """Text as typed, with the browser's CRLF line endings made LF."""

    def to_python(self, value):
        return normalize_newlines(super().to_python(value))


class ProfileForm(RefusesControlCharacters, forms.ModelForm):
    """The profile's own fields, the edit summary, and the revision the page was opened at."""

    lead = Text(
        label=gettext_lazy("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "workspace-text", "spellcheck": "true"}),
        help_text=gettext_lazy("Cite with [^key], link to another profile with [[Its name]]."),
    )
    body = Text(
        label=gettext_lazy("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "class": "workspace-text", "spellcheck": "true"}),
        help_text=gettext_lazy("Sections start with ## and sub-sections with ###."),
    )
    aliases = Text(
        label=gettext_lazy("Also known as"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("One name per line."),
    )
    summary = forms.CharField(
        label=gettext_lazy("Edit summary"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "What you changed and why; the public history shows it. Left empty, it says which "
            "parts changed."
        ),
    )
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Profile
        fields = ["name", "slug", "category", "types", "location", "aliases", "lead", "body"]
        widgets = {"types": forms.CheckboxSelectMultiple}
        labels = {"slug": gettext_lazy("Address")}
        help_texts = {
            "slug": gettext_lazy("/profiles/<address>/; made from the name when left empty.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_bootstrap_classes(self)
        self.fields["types"].widget.attrs["class"] = "form-check-input"
        self.fields["slug"].required = False
        self.fields["category"].queryset = Category.objects.all()
        self.fields["category"].empty_label = _("Choose a category")

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:190]
        if not slug:
            raise ValidationError(_("Give the profile a name; its address is made from it."))
        if slug in RESERVED_SLUGS:
            raise ValidationError(
                _("The address /profiles/%(slug)s/ is the site's own; choose another.")
                % {"slug": slug}
            )
        taken = Profile.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if taken:
            raise ValidationError(
                _("The address /profiles/%(slug)s/ belongs to “%(name)s”; choose another.")
                % {"slug": slug, "name": taken.name}
            )
        return slug


class FactForm(RefusesControlCharacters, forms.ModelForm):
    value = Text(label=gettext_lazy("Value"), required=False)

    class Meta:
        model = Fact
        fields = ["label", "value", "as_of"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"})}
        labels = {"as_of": gettext_lazy("As of")}

    def clean(self):
        data = super().clean()
        empty = not data.get("value", "").strip()
        if data.get("label") and empty and not self.instance.relationship_id:
            self.add_error("value", _("Give the row a value, or remove the row."))
        return data


class KnownRowField(forms.Field):
    """A row's id, checked against the rows the formset read already (Django's own field asks
    the database once a row)."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid_choice": gettext_lazy("This row is no longer there; open the page again."),
    }

    def __init__(self, formset, **kwargs):
        super().__init__(**kwargs)
        self.formset = formset

    def prepare_value(self, value):
        return getattr(value, "pk", value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.formset._pk_field.to_python(value)
        except ValidationError:
            key = None
        row = self.formset._existing_object(key) if key is not None else None
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return row


class ReadsRowsOnce(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        # BaseModelFormSet.add_fields without its ModelChoiceField for the id (a query a row).
        self._pk_field = pk = self.model._meta.pk
        initial = None if form.instance._state.adding else form.instance.pk
        form.fields[pk.name] = KnownRowField(self, initial=initial, required=False)
        forms.BaseFormSet.add_fields(self, form, index)


FactFormSet = rows_share_fields(
    forms.modelformset_factory(
        Fact,
        form=FactForm,
        formset=ReadsRowsOnce,
        extra=1,  # an empty row to fill in, for browsers without JavaScript
        can_delete=True,
        can_order=True,
        max_num=MAX_FACTS,
        absolute_max=MAX_FACTS,
        validate_max=True,
    )
)


class CitationForm(RefusesControlCharacters, forms.ModelForm):
    """One citation: of a stored source (``source``), or of a new one described by its URL,
    title and details (created when the profile is saved)."""

    # The stored source's id; the formset looks all of them up in one query (clean()).
    source = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    url = forms.URLField(label=gettext_lazy("Web address"), required=False, max_length=2000)
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=500)
    authors = forms.CharField(label=gettext_lazy("Authors"), required=False, max_length=500)
    publication = forms.CharField(label=gettext_lazy("Publication"), required=False, max_length=300)
    published = forms.CharField(
        label=gettext_lazy("Date"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("YYYY-MM-DD, YYYY-MM or YYYY."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=Source.Kind.choices,
        initial=Source.Kind.WEB,
        required=False,
    )

    class Meta:
        model = Citation
        fields = ["key", "source", "accessed", "pinpoint"]
        widgets = {"accessed": forms.DateInput(attrs={"type": "date"})}

    def clean_published(self):
        try:
            parse_partial_date(self.cleaned_data["published"])
        except ValueError:
            raise ValidationError(
                _("Write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example 2021-06-30.")
            ) from None
        return self.cleaned_data["published"]

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or not self.has_changed() and not self.instance.pk:
            return data
        if data.get("source") is None and not self.instance.pk:
            if not data.get("url") and not data.get("title"):
                raise ValidationError(
                    _("Give the new source its web address and title, or remove the row.")
                )
            if not data.get("title"):
                self.add_error("title", _("Give the new source its title."))
        return data

    stored = None  # the stored Source the row cites, set by the formset's clean()

    def _post_clean(self):
        # The id is looked up by the formset; the instance's source is set in cited_source().
        source_id = self.cleaned_data.pop("source", None) if hasattr(self, "cleaned_data") else None
        super()._post_clean()
        if hasattr(self, "cleaned_data"):
            self.cleaned_data["source"] = source_id

    def _get_validation_exclusions(self):
        # The source is checked by the formset, all rows in one query, not one query a row.
        return {*super()._get_validation_exclusions(), "source"}

    def shown_source(self):
        """The stored source the row cites, to show as its reference reads; None for a new one."""
        if self.instance.pk:
            return self.instance.source
        if self.stored is not None:
            return self.stored
        value = self["source"].value()
        return Source.objects.filter(pk=value).first() if str(value or "").isdigit() else None

    def cited_source(self):
        """The source this row cites: stored, or a new (unsaved) one from the details given."""
        data = self.cleaned_data
        if self.stored is not None:
            return self.stored
        if self.instance.pk:
            return self.instance.source
        published, precision = parse_partial_date(data.get("published", ""))
        return Source(
            url=data.get("url", ""),
            title=data.get("title", ""),
            authors=data.get("authors", ""),
            publication=data.get("publication", ""),
            published_date=published,
            date_precision=precision,
            kind=data.get("kind") or Source.Kind.WEB,
        )


class BaseCitationFormSet(ReadsRowsOnce):
    default_error_messages = {
        "too_many_forms": gettext_lazy("A profile can have at most %(num)d citations."),
    }

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        self.look_up_sources()
        keys, urls = [], {}
        for form in self.kept_forms():
            key = form.cleaned_data.get("key")
            if key in keys:
                raise ValidationError(
                    _("Each citation key may be used once; [^%(key)s] is given twice.")
                    % {"key": key}
                )
            keys.append(key)
            source = form.cited_source()
            normalized = normalize_url(source.url) if source.pk is None else ""
            if normalized and normalized in urls:
                raise ValidationError(
                    _(
                        "[^%(first)s] and [^%(second)s] cite the same page. Keep one of them "
                        "and cite it twice."
                    )
                    % {"first": urls[normalized], "second": key}
                )
            if normalized:
                urls[normalized] = key

    def look_up_sources(self):
        """Every stored source the rows cite, in one query; a row citing one deleted since is
        an error."""
        forms_by_source = {}
        for form in self.forms:
            source_id = (form.cleaned_data or {}).get("source")
            if source_id and not form.instance.pk:
                forms_by_source.setdefault(source_id, []).append(form)
        sources = Source.objects.in_bulk(forms_by_source)
        for source_id, forms_citing in forms_by_source.items():
            for form in forms_citing:
                form.stored = sources.get(source_id)
                if form.stored is None:
                    raise ValidationError(
                        _("[^%(key)s] cites a source that was deleted meanwhile; cite another.")
                        % {"key": form.cleaned_data.get("key")}
                    )

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.instance.pk or form.has_changed())
        ]


CitationFormSet = rows_share_fields(
    forms.modelformset_factory(
        Citation,
        form=CitationForm,
        formset=BaseCitationFormSet,
        extra=0,
        can_delete=True,
        max_num=MAX_CITATIONS,
        absolute_max=MAX_CITATIONS,
        validate_max=True,
    )
)


def check_workspace_markers(profile_form, facts, citations):
    """The one marker check, run over what the editor is about to save: errors on the field
    that holds the marker, in a full sentence."""
    keys = [form.cleaned_data["key"] for form in citations.kept_forms()]
    texts = {
        "lead": profile_form.cleaned_data.get("lead", ""),
        "body": profile_form.cleaned_data.get("body", ""),
    }
    for name, text in texts.items():
        try:
            check_markers([text], keys, advice=MARKER_ADVICE)
        except ValidationError as error:
            profile_form.add_error(name, error)
    for form in facts.forms:
        value = (getattr(form, "cleaned_data", None) or {}).get("value", "")
        try:
            check_markers([value], keys, advice=MARKER_ADVICE)
        except ValidationError as error:
            form.add_error("value", error)
