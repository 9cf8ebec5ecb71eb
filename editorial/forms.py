"""The public forms: suggest an edit, report an error, tip a new profile.

Every form keeps what the contributor typed on any error. The checks against automated senders
are in editorial.abuse; the edit as data in editorial.edits.
"""

import re
from urllib.parse import urlsplit

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.utils import ErrorDict
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from editorial.abuse import (
    links_added,
    read_started_token,
    spam_reason,
    started_token,
    token_is_spent,
)
from editorial.edits import (
    EDITABLE_FIELDS,
    changed_fields,
    content_digest,
    edited_text,
    fields_seen_at,
    fields_with_changes,
    profile_field,
    section_text,
)
from editorial.infobox import parse_infobox
from editorial.merging import normalize_text
from editorial.models import Suggestion
from editorial.proposals import matched, relationship_data
from profiles.markup import body_sections, check_markers, find_marker_keys
from profiles.metadata import source_details_from_url
from profiles.models import (
    Category,
    FactLabel,
    Profile,
    RelationshipCitation,
    RelationshipType,
    parse_partial_date,
)
from profiles.revisions import latest_revision_id
from profiles.services import check_relationship
from profiles.urlnorm import normalize_url
from profiles.validators import RefusesControlCharacters
from profiles.workspace.connections import ConnectionFields

BASE_SALT = "editorial.base-revision"
PREVIEW_SALT = "editorial.previewed"
# What the suggest form's markers error advises, for one marker and for several.
MARKER_ADVICE = (
    gettext_lazy("Use one of the keys listed above, or add the source below under that key."),
    gettext_lazy("Use the keys listed above, or add the sources below under those keys."),
)


def text_field(label, *, required=False, rows=6, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=settings.EDITORIAL_MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": gettext_lazy(
                "This text is too long: it has %(show_value)s characters and at most "
                "%(limit_value)s are allowed. Send a shorter change, or several."
            )
        },
    )


def validate_source_url(url):
    url = url.strip()
    if urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise ValidationError(
            _(
                "Give the address of the source starting with http:// or https://; other kinds "
                "of links cannot be sources."
            )
        )
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(_("This is not a valid web address.")) from None
    return url


class SourceForm(RefusesControlCharacters, forms.Form):
    """One new source a contributor adds; it is cited as [^key]."""

    key = forms.SlugField(
        label=gettext_lazy("Key"),
        max_length=80,
        required=False,
        help_text=gettext_lazy("Cite it in the text as [^key], for example [^courier-2021]."),
    )
    url = forms.CharField(
        label=gettext_lazy("Web address (URL)"),
        max_length=2000,
        error_messages={"required": gettext_lazy("Give the web address of the source.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=500,
        error_messages={"required": gettext_lazy("Give the title of the source.")},
    )
    authors = forms.CharField(
        label=gettext_lazy("Authors"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Separate several authors with semicolons."),
    )
    publication = forms.CharField(label=gettext_lazy("Publication"), max_length=300, required=False)
    date = forms.CharField(
        label=gettext_lazy("Date"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("As YYYY-MM-DD, YYYY-MM or YYYY."),
    )

    def __init__(self, *args, require_key=True, require_title=True, optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = optional
        # A tip's sources need only their address: an editor fills in the rest later.
        self.asked_for = ["url", "title"] if require_title else ["url"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        if not require_title:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Optional: the editors can fill it in later.")
        if optional:  # asked for only once the contributor starts filling the row in (clean)
            self.fields["url"].required = self.fields["title"].required = False
        if require_key:
            self.fields["key"].required = True
            self.fields["key"].error_messages["required"] = _(
                "Give the source a key, so that the text can cite it."
            )
            first_row = [
                Div(Field("key"), css_class="col-md-4"),
                Div(Field("url"), css_class="col-md-8"),
            ]
        else:  # a tip cites nothing yet: the keys are made up when it is approved
            del self.fields["key"]
            first_row = [Div(Field("url"), css_class="col-12")]
        self.helper.layout = Layout(
            Div(
                *first_row,
                Div(Field("title"), css_class="col-12"),
                Div(Field("authors"), css_class="col-md-5"),
                Div(Field("publication"), css_class="col-md-4"),
                Div(Field("date"), css_class="col-md-3"),
                css_class="row",
            )
        )

    def clean_url(self):
        url = self.cleaned_data["url"]
        return validate_source_url(url) if url else ""

    def clean_date(self):
        try:
            parse_partial_date(self.cleaned_data["date"])
        except ValueError:
            raise ValidationError(
                _("Write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example 2021-06-30.")
            ) from None
        return self.cleaned_data["date"].strip()

    def clean(self):
        data = super().clean()
        if self.optional and self.has_changed():
            for name in self.asked_for:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return data


SOURCE_ROW = re.compile(r"source-[0-9]{1,2}")
# The new source box's fields that a page's details fill, by the name of the detail.
FILLED_FIELDS = {
    "title": "title",
    "authors": "authors",
    "publication": "publication",
    "date": "published_date",
}
FOUND_NAMES = {
    "title": gettext_lazy("the title"),
    "authors": gettext_lazy("the authors"),
    "publication": gettext_lazy("the publication"),
    "date": gettext_lazy("the date"),
}


def fill_source_from_page(data, prefix):
    """The form data with the empty fields of one new-source row (``prefix``, "source-0")
    filled from the details its page gives, and a note to show the contributor. Nothing is
    saved, and nothing typed is replaced: the contributor checks the details and sends them.
    """
    data = data.copy()
    if not SOURCE_ROW.fullmatch(prefix or ""):
        return data, None
    try:
        url = validate_source_url(data.get(f"{prefix}-url", ""))
    except ValidationError as error:
        return data, FillNote(error.messages[0], found=False)
    details = source_details_from_url(url)
    if details["error"]:
        return data, FillNote(
            _("%(reason)s Type the details in yourself.") % {"reason": details["error"]},
            found=False,
        )
    filled = []
    for field, detail in FILLED_FIELDS.items():
        key = f"{prefix}-{field}"
        if details[detail] and not (data.get(key) or "").strip():
            data[key] = details[detail]
            filled.append(str(FOUND_NAMES[field]))
    if not filled:
        return data, FillNote(
            _("The page gives no details that are not filled in already. Check them yourself."),
            found=False,
        )
    return data, FillNote(
        _("Filled in from the page: %(fields)s. Check them against the page before you preview.")
        % {"fields": ", ".join(filled)}
    )


class FillNote:
    def __init__(self, text, *, found=True):
        self.text, self.found = text, found

    def __str__(self):
        return self.text


class BaseSourceFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": gettext_lazy(
            "A suggestion can add at most %(num)d new sources. Keep the ones that support "
            "the change and send the others in another suggestion."
        ),
    }

    def clean(self):
        if any(self.errors):
            return
        keys, urls = [], []
        for form in self.forms:
            data = form.cleaned_data
            if not data:
                continue
            if data.get("key"):
                if data["key"] in keys:
                    raise ValidationError(
                        _("Each new source needs its own key; [^%(key)s] is given twice.")
                        % {"key": data["key"]}
                    )
                keys.append(data["key"])
            url = normalize_url(data["url"])
            if url in urls:
                raise ValidationError(_("The same source is listed twice."))
            urls.append(url)

    def sources(self):
        """The new sources as stored in a suggestion: key, url, title, authors, ..."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data]


class BaseTipSourceFormSet(BaseSourceFormSet):
    def get_form_kwargs(self, index):
        # One source is asked for; the rows after the first are there in case there are more.
        return {**super().get_form_kwargs(index), "optional": bool(index)}


MAX_NEW_SOURCES = 10
# absolute_max = max_num: a row count sent from the browser never makes the server build more
# forms than a person can fill in (Django's default allows max_num + 1,000).
SourceFormSet = forms.formset_factory(
    SourceForm,
    formset=BaseSourceFormSet,
    extra=1,
    max_num=MAX_NEW_SOURCES,
    absolute_max=MAX_NEW_SOURCES,
    validate_max=True,
)
# A tip has no preview step to add rows in, so it offers three at once.
TipSourceFormSet = forms.formset_factory(
    SourceForm,
    formset=BaseTipSourceFormSet,
    extra=3,
    max_num=MAX_NEW_SOURCES,
    absolute_max=MAX_NEW_SOURCES,
    validate_max=True,
)


class ContributionForm(RefusesControlCharacters, forms.Form):
    """What every public form has: a message, an optional name and email, and abuse checks."""

    message_label = gettext_lazy("Message")
    message_help = ""
    message_required = gettext_lazy("Write a message for the editors; it is required.")
    name_help = gettext_lazy(
        "If your suggestion is approved, the profile's public history credits this name."
    )
    # For the error summary: the new source rows, and the field they come before on the page.
    sources = None
    source_row_label = gettext_lazy("New source %(number)s")
    sources_before = "contributor_name"

    message = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": gettext_lazy(
                "Keep the message under %(limit_value)s characters (it has %(show_value)s)."
            ),
        },
    )
    contributor_name = forms.CharField(
        label=gettext_lazy("Your name (optional)"),
        max_length=100,
        required=False,
    )
    contributor_email = forms.EmailField(
        label=gettext_lazy("Your email (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Only for telling you what the editors decided. It is never shown to anyone."
        ),
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by many bots.
    homepage = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].label = self.message_label
        self.fields["message"].help_text = self.message_help
        self.fields["message"].error_messages["required"] = self.message_required
        self.fields["contributor_name"].help_text = self.name_help
        self.fields["started"].initial = started_token()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token
        self.seconds_to_fill = None
        self.started_nonce = ""

    def contributor_layout(self):
        return [
            Fieldset(
                _("About you"),
                Div(
                    Div(Field("contributor_name"), css_class="col-md-6"),
                    Div(Field("contributor_email"), css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Div(Field("homepage"), css_class="hp-field", aria_hidden="true"),
            Field("started"),
        ]

    def clean_started(self):
        self.seconds_to_fill, self.started_nonce = read_started_token(self.cleaned_data["started"])
        if self.seconds_to_fill is None:
            self.refresh_started()
            raise ValidationError(
                _("This form was open for too long. Check what you wrote and send it again.")
            )
        if token_is_spent(self.started_nonce):
            self.refresh_started()
            raise ValidationError(
                _(
                    "This form was sent already. To send it once more, check what is written "
                    "below and send it again."
                )
            )
        return self.cleaned_data["started"]

    def refresh_started(self):
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = started_token()

    def clean(self):
        data = super().clean()
        # Errors on hidden fields would be invisible: show them above the form instead.
        for field in self.hidden_fields():
            for error in self._errors.pop(field.name, []):
                self.add_error(None, error)
        self.check_links()
        return data

    def texts_with_new_links(self):
        """(text, text it replaces) pairs whose added links count against the limit."""
        return [(self.cleaned_data.get("message", ""), "")]

    def check_links(self):
        total = links_added(self.texts_with_new_links())
        limit = settings.EDITORIAL_MAX_LINKS
        if total > limit:
            raise ValidationError(
                ngettext(
                    "Your suggestion adds %(count)s link; at most %(limit)s are allowed.",
                    "Your suggestion adds %(count)s links; at most %(limit)s are allowed in one "
                    "suggestion. Keep the links that support the change and send the rest "
                    "separately.",
                    total,
                )
                % {"count": total, "limit": limit}
            )

    def without_errors(self):
        """The form shown again to go on with it (a source row added, a source filled in from
        its page): what was typed, and no error messages yet, since nothing was sent."""
        self._errors = ErrorDict()
        if self.sources is not None:
            self.sources._errors = []
            self.sources._non_form_errors = self.sources.error_class()
            for row in self.sources.forms:
                row._errors = ErrorDict()
        return self

    def error_summary(self):
        """Every problem with what was sent, in page order, for the list at the top of the page:
        dicts of the field's id (to link to), its label and the messages."""
        problems = form_problems(self.non_field_errors())
        for name in self.fields_in_page_order():
            if name == self.sources_before and self.sources is not None:
                problems += form_problems(self.sources.non_form_errors())
                for number, row in enumerate(self.sources.forms, start=1):
                    label = self.source_row_label % {"number": number}
                    problems += field_problems(row, list(row.fields), prefix=f"{label}: ")
            problems += field_problems(self, [name])
        return problems

    def fields_in_page_order(self):
        return list(self.fields)

    def contributor_fields(self):
        return {
            "message": self.cleaned_data["message"],
            "contributor_name": self.cleaned_data["contributor_name"],
            "contributor_email": self.cleaned_data["contributor_email"],
            "spam_reason": spam_reason(
                honeypot=self.cleaned_data.get("homepage"), seconds_to_fill=self.seconds_to_fill
            ),
        }


def form_problems(errors):
    return [{"id": "", "label": "", "message": strip_tags(error)} for error in errors]


def field_problems(form, names, prefix=""):
    problems = []
    for name in names:
        if name in form.errors:
            bound = form[name]
            problems.append(
                {
                    "id": bound.id_for_label,
                    "label": f"{prefix}{bound.label}",
                    "message": " ".join(strip_tags(error) for error in bound.errors),
                }
            )
    return problems


# Suggest an edit ------------------------------------------------------------------------------


class SuggestEditForm(ContributionForm):
    """A suggested edit to a whole profile, or to one ## section of its body."""

    message_label = gettext_lazy("What is wrong, and where does the new information come from?")
    message_help = gettext_lazy(
        "Required. The editors read this first. If your suggestion is approved, its first "
        "words appear in the profile's public history, so keep private details out of it."
    )
    message_required = gettext_lazy(
        "Tell the editors what is wrong and where the new information comes from."
    )
    sources_before = "message"

    base = forms.CharField(widget=forms.HiddenInput)
    section = forms.CharField(widget=forms.HiddenInput, required=False)
    preview_digest = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, profile, section="", **kwargs):
        super().__init__(data, **kwargs)
        self.profile = profile
        body = normalize_text(profile.body)
        found = body_sections(body)
        sections = {s["anchor"]: s["title"] for s in found}
        levels = {s["anchor"]: s["level"] for s in found}
        if data is not None:
            # Sent back as it was shown, even if the section changed since (clean() checks).
            section = data.get("section", "")
        elif section not in sections:
            section = ""
        self.section_anchor = section
        self.section_title = sections.get(section, section)
        self.section_level = levels.get(section, 2)
        self.fields["section"].initial = section
        self.fields["base"].initial = signing.dumps(
            {"profile": profile.pk, "revision": latest_revision_id(profile)}, salt=BASE_SALT
        )
        self.add_text_fields()
        self.sources = SourceFormSet(data, prefix="source")
        # Shown beside the text with their sources, so that a key is cited knowing what it is.
        self.citations = list(profile.citations.select_related("source").order_by("key"))
        self.citation_keys = [citation.key for citation in self.citations]
        self.helper.layout = self.build_layout()
        self.base_texts = None
        self.base_revision_id = None

    def add_text_fields(self):
        profile = self.profile
        if self.section_anchor:
            self.fields["body"] = text_field(
                section_label({"title": self.section_title, "level": self.section_level}), rows=18
            )
            self.fields["body"].initial = section_text(
                normalize_text(profile.body), self.section_anchor
            )
            return
        self.fields["name"] = forms.CharField(
            label=EDITABLE_FIELDS["name"],
            max_length=200,
            error_messages={"required": _("A profile needs a name; give it one.")},
        )
        self.fields["lead"] = text_field(EDITABLE_FIELDS["lead"], rows=5)
        self.fields["infobox"] = text_field(
            EDITABLE_FIELDS["infobox"],
            rows=6,
            help_text=_(
                "One row a line, as “Label: value”, for example “Budget: $1.2 million[^key]”. "
                "For a figure of a given date: “Budget (as of 2023-12-31): $1.2 million”. "
                "Labels: %(labels)s."
            )
            % {"labels": ", ".join(FactLabel.objects.values_list("name", flat=True))},
        )
        self.fields["body"] = text_field(
            EDITABLE_FIELDS["body"],
            rows=18,
            help_text=_("Sections start with ## and sub-sections with ###."),
        )
        self.fields["location"] = forms.CharField(
            label=EDITABLE_FIELDS["location"], max_length=200, required=False
        )
        self.fields["aliases"] = text_field(
            EDITABLE_FIELDS["aliases"], rows=2, help_text=_("One name per line.")
        )
        for name in ("name", "lead", "infobox", "body", "location", "aliases"):
            self.fields[name].initial = normalize_text(profile_field(profile, name))

    @property
    def text_names(self):
        return [name for name in EDITABLE_FIELDS if name in self.fields]

    def fields_in_page_order(self):
        return [*self.text_names, *(name for name in self.fields if name not in self.text_names)]

    def build_layout(self):
        return Layout(
            Fieldset(
                _("Your change"),
                HTML(
                    format_html(
                        '<p class="form-text">{}</p>',
                        _(
                            "Cite a source after the statement it supports with [^key], using "
                            "the keys listed below. Link to another profile with [[Its name]]."
                        ),
                    )
                ),
                HTML('{% include "editorial/_citation_keys.html" with citations=form.citations %}'),
                *[Field(name) for name in self.text_names],
            ),
            HTML(
                '{% include "editorial/_source_formset.html" with formset=form.sources '
                "can_add_more=True can_fill=True %}"
            ),
            Fieldset(_("Why"), Field("message")),
            *self.contributor_layout(),
            Field("base"),
            Field("section"),
            Field("preview_digest"),
        )

    def is_valid(self):
        sources_valid = self.sources.is_valid()
        return super().is_valid() and sources_valid

    def clean_infobox(self):
        text = self.cleaned_data["infobox"]
        parse_infobox(text)  # a row that is not "Label: value" is named with its line
        return text

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_base(self):
        try:
            payload = signing.loads(self.cleaned_data["base"], salt=BASE_SALT)
        except signing.BadSignature:
            payload = {}
        if payload.get("profile") != self.profile.pk:
            raise ValidationError(_("This form belongs to another profile. Open it again."))
        revision_id = payload.get("revision")
        texts = fields_seen_at(self.profile, revision_id)
        if texts is None:
            raise ValidationError(_("This form is out of date. Open it again."))
        self.base_revision_id = revision_id
        self.base_texts = texts
        return self.cleaned_data["base"]

    def clean(self):
        data = super().clean()
        if self.base_texts is None or any(name not in data for name in self.text_names):
            return data
        if (
            self.section_anchor
            and section_text(normalize_text(self.base_texts.get("body")), self.section_anchor)
            is None
        ):
            raise ValidationError(
                _(
                    "The section you are editing is not in the profile any more. Copy your "
                    "text, open the profile again and suggest an edit to the whole profile."
                )
            )
        changes = self.proposed_changes()
        if not changes:
            raise ValidationError(
                _(
                    "You have not changed anything yet. Edit the text, then preview and send "
                    "your suggestion. To point us to a mistake without rewriting it, use “See "
                    "an error? Let us know!”."
                )
            )
        self.check_markers(changes)
        return data

    def proposed_changes(self):
        """The changed fields, each with the text the contributor saw and the proposal."""
        texts = {name: self.cleaned_data[name] for name in self.text_names}
        return changed_fields(self.base_texts, texts, self.section_anchor)

    def texts_with_new_links(self):
        pairs = super().texts_with_new_links()
        if self.base_texts is not None:
            pairs += [
                (
                    self.cleaned_data.get(name, ""),
                    edited_text(self.base_texts, name, self.section_anchor),
                )
                for name in self.text_names
            ]
        return pairs

    def new_source_keys(self):
        """The keys the new source rows give, valid or not: markers are checked in the same
        round as the rows, so that every error shows at once."""
        keys = [(row["key"].value() or "").strip() for row in self.sources.forms]
        return [key for key in keys if key]

    def check_markers(self, changes):
        new_keys = self.new_source_keys()
        taken = sorted(set(new_keys) & set(self.citation_keys))
        if taken:
            self.add_error(
                None,
                _(
                    "The key [^%(key)s] already belongs to one of this profile's sources. Cite "
                    "that source as [^%(key)s] without adding it again, or choose another key."
                )
                % {"key": taken[0]},
            )
        for name, change in changes.items():
            try:
                check_markers(
                    [change["proposed"]], self.citation_keys + new_keys, advice=MARKER_ADVICE
                )
            except ValidationError as error:
                self.add_error(name, error)
        cited = {key for change in changes.values() for key in find_marker_keys(change["proposed"])}
        uncited = [key for key in new_keys if key not in cited]
        if uncited:
            self.add_error(
                None,
                _(
                    "The new source [^%(key)s] is not cited in your text. Cite it as "
                    "[^%(key)s] after the statement it supports, or remove it."
                )
                % {"key": uncited[0]},
            )

    def proposed_fields(self):
        """The profile's editable fields as they would be with this suggestion applied."""
        return fields_with_changes(
            self.profile,
            self.proposed_changes(),
            section=self.section_anchor,
            base_fields=self.base_texts,
        )

    def digest(self):
        """A signed digest of the content, to know that what is sent is what was previewed."""
        content = [self.proposed_changes(), self.sources.sources(), self.cleaned_data["message"]]
        return signing.Signer(salt=PREVIEW_SALT).sign(content_digest(content))

    def matches_preview(self):
        return self.cleaned_data.get("preview_digest") == self.digest()

    def set_preview_digest(self):
        self.data = self.data.copy()
        self.data[self.add_prefix("preview_digest")] = self.digest()

    def submission(self):
        return {
            "kind": Suggestion.Kind.EDIT,
            "profile": self.profile,
            "base_revision_id": self.base_revision_id,
            "section_anchor": self.section_anchor,
            "proposed_changes": self.proposed_changes(),
            "new_sources": self.sources.sources(),
            **self.contributor_fields(),
        }


# Report an error ------------------------------------------------------------------------------


class ReportErrorForm(ContributionForm):
    message_label = gettext_lazy("What is wrong?")
    message_help = gettext_lazy("Required. Say what is wrong and, if you know, what is right.")
    name_help = gettext_lazy(
        "If an editor corrects the profile from your report, its public history credits this name."
    )
    message_required = gettext_lazy("Tell us what is wrong, so that the editors can fix it.")

    part = forms.ChoiceField(label=gettext_lazy("Which part of the profile?"), required=False)
    source_url = forms.CharField(
        label=gettext_lazy("A source that shows it (optional)"),
        max_length=2000,
        required=False,
        help_text=gettext_lazy("The web address of a page that backs up the correction."),
    )

    def __init__(self, data=None, *, profile, **kwargs):
        super().__init__(data, **kwargs)
        self.profile = profile
        self.fields["part"].choices = [("", _("The whole profile")), *profile_parts(profile)]
        self.helper.layout = Layout(
            Field("part"),
            Field("message"),
            Field("source_url"),
            *self.contributor_layout(),
        )

    def clean_source_url(self):
        url = self.cleaned_data["source_url"]
        return validate_source_url(url) if url else ""

    def submission(self):
        url = self.cleaned_data["source_url"]
        return {
            "kind": Suggestion.Kind.ERROR,
            "profile": self.profile,
            "base_revision_id": latest_revision_id(self.profile),
            "report_part": self.cleaned_data["part"],
            "new_sources": [{"key": "", "url": url, "title": ""}] if url else [],
            **self.contributor_fields(),
        }


def section_label(section):
    """How a form names a ## section or a ### sub-section of the body."""
    if section["level"] == 3:
        return _("The sub-section “%(title)s”") % {"title": section["title"]}
    return _("The section “%(title)s”") % {"title": section["title"]}


def profile_parts(profile):
    """(value, label) of the parts of a profile a report or an edit can be about."""
    return [
        ("lead", _("The introduction")),
        ("infobox", _("The “At a glance” box")),
        *[(section["anchor"], section_label(section)) for section in body_sections(profile.body)],
        ("references", _("The references")),
    ]


# Suggest a connection -----------------------------------------------------------------------


# Where check_relationship's complaints show on the form (None: above it).
CONNECTION_ERROR_FIELDS = {
    "subject": "other",
    "object": "other",
    "end_date": "end",
    "is_current": "end",
    "amount": "amount",
}


def partial_date_text(value, precision):
    """A parsed partial date written back as typed: "2019", "2019-03" or "2019-03-04"."""
    return value.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)] if value else ""


class SuggestConnectionForm(ContributionForm, ConnectionFields):
    """A new connection of a profile, or a correction to one of its connections, with the
    source that shows it. It waits in the review desk as a proposed connection."""

    message_label = gettext_lazy("What does the source say?")
    message_help = gettext_lazy(
        "Required. Quote or sum up the passage that shows the connection, so that the editors "
        "can check it."
    )
    message_required = gettext_lazy("Tell the editors what the source says about it.")
    name_help = gettext_lazy(
        "If the editors add the connection, the profile's public history credits this name."
    )

    source_url = forms.CharField(
        label=gettext_lazy("Web address of the source"),
        max_length=2000,
        error_messages={"required": gettext_lazy("Give the web address of the source.")},
    )
    source_title = forms.CharField(
        label=gettext_lazy("Its title"),
        max_length=500,
        error_messages={"required": gettext_lazy("Give the title of the source.")},
    )
    source_publication = forms.CharField(
        label=gettext_lazy("Publication"), max_length=300, required=False
    )
    source_date = forms.CharField(
        label=gettext_lazy("Its date"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("As YYYY-MM-DD, YYYY-MM or YYYY."),
    )

    def __init__(self, data=None, *, profile, correcting=None, **kwargs):
        if correcting is not None and data is None:
            kwargs.setdefault("initial", connection_initial(profile, correcting))
        super().__init__(data, **kwargs)
        self.set_up_connection_fields(profile)
        self.fields["kind"].choices = fitting_choices(profile, self.fields["kind"].choices)
        self.correcting = correcting
        self.fields["other"].help_text = _("The exact name of a profile on this site.")
        self.fields["start"].help_text = _("As YYYY-MM-DD, YYYY-MM or YYYY.")
        self.helper.layout = Layout(
            Fieldset(
                _("The connection"),
                Div(
                    Div(Field("kind"), css_class="col-md-6"),
                    Div(Field("other"), css_class="col-md-6"),
                    css_class="row",
                ),
                Field("role"),
                Div(
                    Div(Field("start"), css_class="col-sm-4"),
                    Div(Field("end"), css_class="col-sm-4"),
                    Div(Field("amount"), css_class="col-sm-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("The source"),
                Field("source_url"),
                Field("source_title"),
                Div(
                    Div(Field("source_publication"), css_class="col-md-8"),
                    Div(Field("source_date"), css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Field("message"),
            *self.contributor_layout(),
        )

    def fields_in_page_order(self):
        first = ["kind", "other", "role", "start", "end", "amount"]
        first += ["source_url", "source_title", "source_publication", "source_date"]
        return first + [name for name in self.fields if name not in first]

    def clean_source_url(self):
        return validate_source_url(self.cleaned_data["source_url"])

    def clean_source_date(self):
        try:
            parse_partial_date(self.cleaned_data["source_date"])
        except ValueError:
            raise ValidationError(
                _("Write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example 2021-06-30.")
            ) from None
        return self.cleaned_data["source_date"].strip()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            # The source below is its citation; the editors check it on approval.
            check_relationship(self.new_relationship(), [RelationshipCitation()])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(CONNECTION_ERROR_FIELDS.get(name), messages)
        return data

    def texts_with_new_links(self):
        return [(self.cleaned_data.get("message", ""), "")]

    def submission(self):
        side, slug = self.cleaned_data["kind"].split(":", 1)
        data = relationship_data(
            pk=self.correcting.pk if self.correcting else None,
            type_slug=slug,
            profile_side=side,
            other=matched(self.cleaned_data["other"], "chosen"),
            role=self.cleaned_data["role"],
            start=partial_date_text(*self.cleaned_data["start"]),
            end=partial_date_text(*self.cleaned_data["end"]),
            amount=self.cleaned_data["amount"],
        )
        source = {
            "key": "",
            "url": self.cleaned_data["source_url"],
            "title": self.cleaned_data["source_title"],
            "publication": self.cleaned_data["source_publication"],
            "date": self.cleaned_data["source_date"],
        }
        return {
            "kind": Suggestion.Kind.RELATIONSHIP,
            "profile": self.profile,
            "base_revision_id": latest_revision_id(self.profile),
            "proposed_changes": {"relationship": data},
            "new_sources": [source],
            **self.contributor_fields(),
        }


def fitting_choices(profile, choices):
    """The kinds of connection this profile can have on its side: an organization is not
    offered "Board member of"."""
    kinds = {kind.slug: kind for kind in RelationshipType.objects.all()}

    def fits(value):
        side, slug = value.split(":", 1)
        kind = kinds[slug]
        return kind.fits(kind.subject_kind if side == "subject" else kind.object_kind, profile)

    return [(value, label) for value, label in choices if fits(value)]


def connection_initial(profile, relationship):
    """The form filled in with a connection as it is, to correct it."""
    side = relationship.side_of(profile)
    kind = relationship.type
    return {
        "kind": f"{'subject' if side == 'subject' or kind.symmetric else 'object'}:{kind.slug}",
        "other": relationship.other(profile).name,
        "role": relationship.role,
        "start": partial_date_text(relationship.start_date, relationship.start_precision),
        "end": partial_date_text(relationship.end_date, relationship.end_precision),
        "amount": relationship.amount,
    }


# Tip a new profile ----------------------------------------------------------------------------


class TipForm(ContributionForm):
    message_label = gettext_lazy("Why does it matter? (optional)")
    message_help = gettext_lazy(
        "What it does, who is behind it, and why readers should know about it. If the profile "
        "is written, the first words appear in its public history."
    )
    message_required = gettext_lazy("Tell us why this profile matters.")
    name_help = gettext_lazy(
        "If your tip is approved, the profile's public history credits this name."
    )
    source_row_label = gettext_lazy("Source %(number)s")

    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Give the name of the organization or person.")},
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category (optional)"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Not sure: the editors will choose"),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # A name and one web address are enough to send a tip; the rest helps the editors.
        self.fields["message"].required = False
        self.sources = TipSourceFormSet(
            data, prefix="source", form_kwargs={"require_key": False, "require_title": False}
        )
        self.helper.layout = Layout(
            Div(
                Div(Field("name"), css_class="col-md-7"),
                Div(Field("category"), css_class="col-md-5"),
                css_class="row",
            ),
            Field("message"),
            HTML(
                '{% include "editorial/_source_formset.html" with formset=form.sources '
                "for_tip=True %}"
            ),
            *self.contributor_layout(),
        )

    def is_valid(self):
        sources_valid = self.sources.is_valid()
        return super().is_valid() and sources_valid

    def fields_in_page_order(self):
        return [
            "name",
            "category",
            *(name for name in self.fields if name not in {"name", "category"}),
        ]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        existing = Profile.objects.published().filter(name__iexact=name).first()
        if existing:
            raise ValidationError(
                format_html(
                    'We already have a profile of <a href="{}">{}</a>. To improve it, use '
                    "“Suggest an edit” on that page.",
                    existing.get_absolute_url(),
                    existing.name,
                )
            )
        return name

    def clean(self):
        data = super().clean()
        if self.sources.is_valid() and not self.sources.sources():
            raise ValidationError(
                _("Give at least one source, so that the editors can check the facts.")
            )
        return data

    def submission(self):
        sources = self.sources.sources()
        for number, source in enumerate(sources, start=1):
            source["key"] = f"source-{number}"
        return {
            "kind": Suggestion.Kind.TIP,
            "proposed_changes": {
                "name": self.cleaned_data["name"],
                "category": category.slug if (category := self.cleaned_data["category"]) else "",
            },
            "new_sources": sources,
            **self.contributor_fields(),
        }


# Follow a profile by email --------------------------------------------------------------------


class FollowForm(forms.Form):
    """An address to follow a profile with (editorial.follows), behind the same checks against
    automated senders as the contribution forms: a honeypot and the minimum fill time."""

    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Give the email address to send the changes to."),
            "invalid": gettext_lazy("This is not an email address; check it for typing errors."),
        },
    )
    homepage = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["started"].initial = started_token()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token
        self.helper.layout = Layout(
            Field("email"),
            Div(Field("homepage"), css_class="hp-field", aria_hidden="true"),
            Field("started"),
        )
        self.seconds_to_fill = None
        self.started_nonce = ""

    # The same checks as ContributionForm's, from editorial.abuse: a signed, single-use start
    # token (follow_views spends it) and the minimum fill time.
    clean_started = ContributionForm.clean_started
    refresh_started = ContributionForm.refresh_started

    def clean(self):
        data = super().clean()
        for field in self.hidden_fields():
            for error in self._errors.pop(field.name, []):
                self.add_error(None, error)
        return data

    def error_summary(self):
        return form_problems(self.non_field_errors()) + field_problems(self, ["email"])

    def spam_reason(self):
        """Why the request looks automated ("" for a person): such a request sends nothing."""
        return spam_reason(
            honeypot=self.cleaned_data.get("homepage"), seconds_to_fill=self.seconds_to_fill
        )
