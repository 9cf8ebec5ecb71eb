import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from profiles.history import history_entries, history_versions
from profiles.importers.admin_page import import_pages_view
from profiles.markup import check_markers
from profiles.models import (
    Category,
    Citation,
    DeadLink,
    Fact,
    FactLabel,
    LinkCheck,
    Profile,
    ProfileType,
    RedactionLog,
    Relationship,
    RelationshipCitation,
    RelationshipType,
    Source,
)
from profiles.permissions import can_redact
from profiles.revisions import (
    deleted_profile_version,
    latest_revision_id,
    load_profile_revision,
    newer_revision,
    who_and_when,
)
from profiles.services import (
    UNCHECKED,
    RevertRefused,
    accept_archived_copy,
    check_relationship,
    delete_relationship,
    recover_profile,
    replace_source_url,
    restore_problems,
    save_profile,
    save_relationship,
    save_source,
)
from profiles.tasks import check_source_links
from profiles.urlnorm import normalize_url
from profiles.validators import RefusesControlCharacters

# What the admin's markers error advises, for one marker and for several.
MARKER_ADVICE = (
    gettext_lazy("Add a citation with that key below, or correct the marker."),
    gettext_lazy("Add citations with those keys below, or correct the markers."),
)


class TextWithUnixNewlines(forms.CharField):
    """Text as typed, with the browser's CRLF line endings made LF, so that an untouched
    textarea does not count as changed (nor show up in the revision's comment)."""

    def to_python(self, value):
        return normalize_newlines(super().to_python(value))


# For every TextField in the profile admin and its inlines.
TEXT_FIELDS = {
    models.TextField: {"form_class": TextWithUnixNewlines, "widget": AdminTextareaWidget}
}


class RowsLookedUpTogether(forms.BaseInlineFormSet):
    """An inline formset that looks up the rows and the foreign keys its forms were sent with
    in one query per field for all rows, where Django's choice fields ask once per row: a
    profile with 40 citations is saved in the same few queries as one with a single citation.
    A value not found that way is checked as usual (and refused as an invalid choice)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField) and self.by_primary_key(field):
                field.to_python = self.looked_up(name, field)

    @staticmethod
    def by_primary_key(field):
        # A foreign key's field names its target column ("id"); the row's own id field none.
        return field.to_field_name in {None, field.queryset.model._meta.pk.attname}

    def looked_up(self, name, field):
        known = self.known_choices(name, field)
        plain = type(field).to_python.__get__(field)

        def to_python(value):
            if value in field.empty_values:
                return None
            return known.get(str(value)) or plain(value)

        return to_python

    def known_choices(self, name, field):
        cache = self.__dict__.setdefault("_known_choices", {})
        if name not in cache:
            values = set()
            if self.is_bound:
                for index in range(self.total_form_count()):
                    value = self.data.get(f"{self.add_prefix(index)}-{name}")
                    if value and str(value).isdigit():
                        values.add(str(value))
            rows = field.queryset.in_bulk(values) if values else {}
            cache[name] = {str(pk): row for pk, row in rows.items()}
        return cache[name]


class CitationInlineFormSet(RowsLookedUpTogether):
    """Refuses a save whose text cites a key that no citation of the profile has.

    The profile form and the fact formset are validated by Django before this one; the profile
    admin hands us the fact formset (``sibling_formsets``) so that the check sees every text the
    editor is about to save.
    """

    sibling_formsets = ()

    def clean(self):
        super().clean()
        keys = [
            form.cleaned_data["key"]
            for form in self.forms
            if form.cleaned_data.get("key") and not form.cleaned_data.get("DELETE")
        ]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValidationError(
                _("Each citation key may be used once in a profile; repeated: %(keys)s.")
                % {"keys": ", ".join(duplicates)}
            )
        check_markers(self.texts_being_saved(), keys, advice=MARKER_ADVICE)

    def texts_being_saved(self):
        texts = [self.instance.lead, self.instance.body]
        for formset in self.sibling_formsets:
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if data.get("value") and not data.get("DELETE"):
                    texts.append(data["value"])
        return texts


class EditSummaryField(forms.CharField):
    """The editor's summary of a save: the revision's comment, never itself a changed field."""

    def has_changed(self, initial, data):
        return False


class ProfileAdminForm(RefusesControlCharacters, forms.ModelForm):
    """The profile change form. It carries the revision it was opened at, and refuses to save
    over a newer one (another editor's save, an approved suggestion, a revert): saving would
    silently undo that change."""

    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    summary = EditSummaryField(
        label=gettext_lazy("Edit summary"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "What you changed and why, in a few words; the public history shows it. Left "
            "empty, the history lists the fields that changed."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Set when bound too, so that the field never counts as a change in the comment.
            self.fields["base_revision"].initial = latest_revision_id(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            self.refuse_if_changed_since(cleaned_data.get("base_revision"))
        return cleaned_data

    def refuse_if_changed_since(self, base_revision):
        # The admin validates and saves in one transaction: with the row locked, no writer
        # can commit a revision between this check and the save.
        Profile.objects.select_for_update().filter(pk=self.instance.pk).first()
        newer = newer_revision(self.instance, base_revision)
        if newer is None:
            return
        # The form is shown again with what the editor typed, now based on the newer
        # revision: saving it again is their choice, made knowing what changed.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_revision")] = newer.pk
        diff = reverse("profiles:diff", args=[self.instance.slug])
        query = urlencode({"from": base_revision, "to": newer.pk} if base_revision else {})
        raise ValidationError(
            format_html(
                _(
                    "{who} changed this profile on {when}, after you opened it, so nothing was "
                    "saved: saving your form as it is would undo their change. Your changes "
                    'are still in the form below. See <a href="{diff}">what they changed</a>, '
                    "bring it into your text, and save again."
                ),
                diff=f"{diff}?{query}".rstrip("?"),
                **who_and_when(newer),
            )
        )


class RowForm(RefusesControlCharacters, forms.ModelForm):
    """An inline row (a fact, a citation): text fields refuse control characters too."""

    def _get_validation_exclusions(self):
        # A foreign key its choice field has just found (RowsLookedUpTogether) exists: the
        # model's own check would ask the database again, once per row. No constraint of a
        # row model names these fields.
        exclude = super()._get_validation_exclusions()
        for name, field in self.fields.items():
            found = getattr(self, "cleaned_data", {}).get(name)
            if isinstance(field, forms.ModelChoiceField) and isinstance(found, models.Model):
                if name != self._meta.model._meta.pk.name:
                    exclude.add(name)
        return exclude


class CappedInline(admin.TabularInline):
    """An inline whose row count from the browser never makes the server build more forms than
    ``max_num`` (Django's default absolute_max is max_num + 1,000); more is a form error."""

    form = RowForm
    formset = RowsLookedUpTogether

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)


class FactInline(CappedInline):
    formfield_overrides = TEXT_FIELDS
    model = Fact
    max_num = 100
    extra = 1
    fields = ["position", "label", "value", "as_of"]
    autocomplete_fields = ["label"]


class CitationInline(CappedInline):
    model = Citation
    max_num = 500
    formset = CitationInlineFormSet
    extra = 1
    fields = ["key", "source", "accessed", "pinpoint"]
    autocomplete_fields = ["source"]


class SavedThroughServices(VersionAdmin):
    """reversion's history, recover list and revision views, without its revision around the
    form views: a save goes through profiles.services, which opens the revision itself."""

    def add_view(self, request, form_url="", extra_context=None):
        return admin.ModelAdmin.add_view(self, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return admin.ModelAdmin.change_view(self, request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        return admin.ModelAdmin.changelist_view(self, request, extra_context)

    def changes_text(self, request, form, formsets, change):
        """The admin's own description of the change ("Changed Lead. Added citation …").

        Call it after ``formset.save(commit=False)``, which tells each formset its changes.
        """
        message = self.construct_change_message(request, form, formsets, add=not change)
        return LogEntry(change_message=json.dumps(message)).get_change_message()


@admin.register(Profile)
class ProfileAdmin(SavedThroughServices):
    formfield_overrides = TEXT_FIELDS
    form = ProfileAdminForm
    list_display = ["name", "category", "location", "published", "updated"]
    list_filter = ["published", "category", "types"]
    search_fields = ["name", "aliases", "slug", "ein", "fec_id", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["types"]
    inlines = [FactInline, CitationInline]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "location", "types", "aliases"]}),
        (gettext_lazy("Text"), {"fields": ["lead", "body"]}),
        (gettext_lazy("Identifiers"), {"fields": ["ein", "fec_id", "wikidata_id"]}),
        (
            gettext_lazy("Publishing"),
            {"fields": ["published", "created", "updated", "base_revision"]},
        ),
        (None, {"fields": ["summary"]}),
    ]

    object_history_template = "admin/profiles/profile/object_history.html"
    # The admin history lists the latest revisions; the public history pages through them all.
    admin_history_size = 100

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category")

    def get_urls(self):
        def import_view(request):
            return import_pages_view(request, self.admin_site)

        view = self.admin_site.admin_view(import_view)
        return [path("import/", view, name="profiles_profile_import"), *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        """Editors see the latest revisions, with links to read, compare and revert each."""
        profile = self.get_object(request, unquote(object_id))
        context = {}
        if profile is not None:
            versions = list(history_versions(profile)[: self.admin_history_size + 1])
            older = versions[self.admin_history_size :]
            revisions = versions[: self.admin_history_size]
            context["revisions"] = history_entries(
                revisions, older=older[0] if older else None, viewer=request.user
            )
        context.update(extra_context or {})
        # Skip VersionAdmin's list: it links every revision to its revert view, which would
        # also revert the shared sources (see revision_view).
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Send editors to the public revert page instead of reversion's revert form.

        Reversion's form reverts the whole revision, shared sources included (django-reversion
        issue 813); profiles.services restores the profile's own rows only.
        """
        profile = get_object_or_404(Profile, pk=unquote(object_id))
        version = get_object_or_404(Version.objects.get_for_object(profile), pk=version_id)
        return redirect("profiles:revert_confirm", profile.slug, version.revision_id)

    def recoverlist_view(self, request, extra_context=None):
        """Editors see each deleted profile with when and by whom it was deleted, and its last
        revision, to choose what to recover."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Recover deleted profiles"),
            "deleted": deleted_profiles(),
            **(extra_context or {}),
        }
        return render(request, "admin/profiles/profile/recover_list.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        """Editors bring back a deleted profile with its facts and citations (on POST)."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        version = deleted_profile_version(version_id)
        if version is None:
            raise Http404(_("There is no deleted profile with that version."))
        if request.method == "POST":
            try:
                profile = recover_profile(version, user=request.user)
            except RevertRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                return redirect("admin:profiles_profile_recoverlist")
            self.message_user(
                request,
                _("“%(name)s” is back, with its infobox and its citations.") % {"name": profile},
                messages.SUCCESS,
            )
            return redirect("admin:profiles_profile_change", profile.pk)
        old = load_profile_revision(version.object_id, version.revision_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Recover %(name)s") % {"name": version.object_repr},
            "old": old,
            "problems": restore_problems(old),
            **(extra_context or {}),
        }
        return render(request, "admin/profiles/profile/recover_confirm.html", context)

    def _create_formsets(self, request, obj, change):
        # Let the citation formset see the fact values it validates markers against.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        for formset in formsets:
            if isinstance(formset, CitationInlineFormSet):
                formset.sibling_formsets = [f for f in formsets if f is not formset]
        return formsets, inline_instances

    # Saving: the profile, its facts and its citations go through save_profile, in one revision.

    def save_model(self, request, obj, form, change):
        """Nothing yet: save_related saves the profile with its rows, in one revision."""

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            # Saves nothing; tells the formset its new, changed and deleted rows, for the
            # admin's change message.
            formset.save(commit=False)
        rows = {formset.model: kept_instances(formset) for formset in formsets}
        summary = form.cleaned_data.get("summary")
        saved = save_profile(
            form.instance,
            user=request.user,
            comment=summary or self.changes_text(request, form, formsets, change),
            types=list(form.cleaned_data["types"]),
            facts=rows[Fact],
            citations=rows[Citation],
            base_revision_id=form.cleaned_data.get("base_revision") if change else UNCHECKED,
        )
        request.profile_saved = saved
        if saved.rendered and saved.rendered.unused_keys:
            messages.warning(
                request,
                _("These citations are not cited by any marker: %(keys)s.")
                % {"keys": ", ".join(saved.rendered.unused_keys)},
            )

    def response_change(self, request, obj):
        saved = getattr(request, "profile_saved", None)
        if saved is None or saved.changed:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _("Nothing was changed in “%(name)s”, so no revision was added.") % {"name": obj},
            messages.INFO,
        )
        if "_continue" in request.POST:
            return redirect(request.path)
        return self.response_post_save_change(request, obj)


@dataclass
class DeletedProfile:
    """A row of "Recover deleted profiles": the profile's last version and its deletion."""

    version: Version
    deletion: LogEntry | None  # None when it was deleted outside the admin (code, a shell)


def deleted_profiles():
    """Deleted profiles, most recently deleted first, with the admin's log entry of each
    deletion (who and when): two queries however many."""
    versions = list(
        Version.objects.get_deleted(Profile).select_related("revision__user").order_by("-pk")
    )
    deletions = {}
    log = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Profile),
        action_flag=DELETION,
        object_id__in=[version.object_id for version in versions],
    ).select_related("user")
    for entry in log.order_by("action_time"):
        deletions[entry.object_id] = entry  # the latest deletion of an id wins
    rows = [DeletedProfile(version, deletions.get(version.object_id)) for version in versions]
    return sorted(
        rows,
        key=lambda row: (
            row.deletion.action_time if row.deletion else row.version.revision.date_created
        ),
        reverse=True,
    )


def kept_instances(formset):
    """The rows a valid inline formset keeps, in their new state (saved or not yet)."""
    return [
        form.instance
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and (form.instance.pk or form.has_changed())
    ]


class ShownThenRolledBack(Exception):
    """Carries a rendered page out of a transaction that must not be kept."""

    def __init__(self, response):
        super().__init__()
        self.response = response


class SourceAdminForm(RefusesControlCharacters, forms.ModelForm):
    class Meta:
        model = Source
        fields = [
            "url",
            "title",
            "authors",
            "publication",
            "published_date",
            "date_precision",
            "archive_url",
            "archive_date",
            "kind",
            "notes",
        ]

    def clean_url(self):
        url = self.cleaned_data["url"]
        normalized = normalize_url(url)
        if normalized:
            existing = Source.objects.filter(normalized_url=normalized).exclude(pk=self.instance.pk)
            existing = existing.first()
            if existing:
                link = reverse("admin:profiles_source_change", args=[existing.pk])
                raise ValidationError(
                    format_html(
                        'This URL is already the source <a href="{}">{}</a>. Cite that source '
                        "instead of adding it again.",
                        link,
                        existing.title,
                    )
                )
        return url


@admin.register(Source)
class SourceAdmin(SavedThroughServices):
    form = SourceAdminForm
    list_display = ["title", "publication", "published_date", "kind", "usage_count"]
    list_filter = ["kind"]
    search_fields = ["title", "url", "normalized_url", "publication", "authors"]
    readonly_fields = ["normalized_url", "created", "updated"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(usage_count=Count("citations"))

    def save_model(self, request, obj, form, change):
        # A revert or a recovery names itself in the comment (source_form_from_version).
        comment = getattr(request, "revision_comment", "") or self.changes_text(
            request, form, [], change
        )
        save_source(obj, user=request.user, comment=comment)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Editors revert a source to one of its versions: the source row, nothing else."""
        version = get_object_or_404(
            Version.objects.get_for_object_reference(Source, unquote(object_id)), pk=version_id
        )
        context = {
            "title": _("Revert %(name)s") % {"name": version.object_repr},
            "revert": True,
            **(extra_context or {}),
        }
        comment = _("Reverted to its version in revision %(number)s") % {
            "number": version.revision_id
        }
        return self.source_form_from_version(
            request, version, context, "reversion/revision_form.html", comment
        )

    def recover_view(self, request, version_id, extra_context=None):
        """Editors bring back a deleted source from its last version: the source row only."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(Source), pk=version_id)
        normalized_url = version.field_dict["normalized_url"]
        taken = normalized_url and Source.objects.filter(normalized_url=normalized_url).first()
        if taken:
            self.message_user(
                request,
                _(
                    "“%(name)s” cannot be recovered: its URL now belongs to the source "
                    "“%(other)s”. Cite that source instead."
                )
                % {"name": version.object_repr, "other": taken.title},
                messages.ERROR,
            )
            return redirect("admin:profiles_source_recoverlist")
        context = {
            "title": _("Recover %(name)s") % {"name": version.object_repr},
            "recover": True,
            **(extra_context or {}),
        }
        comment = _("Recovered source “%(title)s”") % {"title": version.object_repr}
        return self.source_form_from_version(
            request, version, context, "reversion/recover_form.html", comment
        )

    def source_form_from_version(self, request, version, context, template_name, comment):
        """The source's change form filled from one of its versions; a POST saves it.

        Most source versions are stored in a profile's revision (a profile follows the sources
        it cites), and reversion's own views revert that whole revision: the profile's text,
        facts and citations too. Here only the source's version is written: the form shows it
        (rolled back on GET) and a POST saves it through save_source, as one new revision with
        the comment.
        """
        request.revision_comment = comment
        try:
            with transaction.atomic():
                version.revert()
                response = self.changeform_view(request, version.object_id, request.path, context)
                if request.method == "POST" and response.status_code == 302:
                    return response
                response.template_name = template_name
                response.render()
                raise ShownThenRolledBack(response)
        except ShownThenRolledBack as shown:
            return shown.response

    @admin.display(description=gettext_lazy("Cited"), ordering="usage_count")
    def usage_count(self, source):
        return source.usage_count


# Dead links -----------------------------------------------------------------------------------

NEEDS_AN_EDITOR = "problems"


def current_check():
    """Q: the source has a check of the address it has now."""
    return models.Q(link_check__checked_url=models.F("url"), link_check__checked_at__isnull=False)


class LinkStatusFilter(admin.SimpleListFilter):
    """By the state of the link; the list opens on the links that need an editor."""

    title = gettext_lazy("link status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (NEEDS_AN_EDITOR, _("Needing an editor (dead, not found, blocked)")),
            *LinkCheck.Status.choices,
            ("all", _("All sources")),
        ]

    def value(self):
        return super().value() or NEEDS_AN_EDITOR

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == "all":
            return queryset
        if value == LinkCheck.Status.UNCHECKED:
            return queryset.exclude(current_check())
        statuses = LinkCheck.NEEDS_AN_EDITOR if value == NEEDS_AN_EDITOR else {value}
        return queryset.filter(current_check(), link_check__status__in=statuses)


class ReplaceUrlForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("New address"),
        max_length=2000,
        assume_scheme="https",
        help_text=gettext_lazy("Where the page is now. Every profile citing it shows it at once."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the history"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Optional: how you found the new address."),
    )


@admin.register(DeadLink)
class DeadLinkAdmin(admin.ModelAdmin):
    """Sources by the state of their link, with the profiles citing them: re-check them, accept
    the archived copy found, or replace the address (each a revision of the source)."""

    list_display = [
        "source_title",
        "address",
        "link_status",
        "http_status",
        "last_checked",
        "archived_copy",
        "cited_by",
    ]
    list_display_links = None  # the title links to the source's own change page
    list_filter = [LinkStatusFilter]
    search_fields = ["title", "url", "publication"]
    actions = ["check_again", "use_archived_copy"]
    list_per_page = 50

    def get_queryset(self, request):
        citing = Citation.objects.select_related("profile").only(
            "source_id", "profile__name", "profile__slug", "profile__references"
        )
        return (
            super()
            .get_queryset(request)
            .select_related("link_check")
            .prefetch_related(models.Prefetch("citations", citing))
            .order_by(models.F("link_check__checked_at").desc(nulls_last=True), "pk")
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "<int:pk>/replace-url/",
                self.admin_site.admin_view(self.replace_url_view),
                name="profiles_deadlink_replace_url",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": _("Dead links: sources by the state of their link"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A source is edited on its own page; this list only links to it."""
        return redirect("admin:profiles_source_change", object_id)

    @admin.display(description=gettext_lazy("Source"), ordering="title")
    def source_title(self, source):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:profiles_source_change", args=[source.pk]), source
        )

    @admin.display(description=gettext_lazy("Address"))
    def address(self, source):
        if not source.url:
            return "—"
        replace = reverse("admin:profiles_deadlink_replace_url", args=[source.pk])
        return format_html(
            '<a href="{}" rel="nofollow noopener" class="text-break">{}</a><br>'
            '<a href="{}" class="replace-url">{}</a>',
            source.url,
            source.display_url,
            replace,
            _("Replace the address"),
        )

    @admin.display(description=gettext_lazy("Status"))
    def link_status(self, source):
        state = source.link_state
        if state is None:
            return LinkCheck.Status.UNCHECKED.label
        return format_html("{}<br><small>{}</small>", state.get_status_display(), state.detail)

    @admin.display(description=gettext_lazy("HTTP"))
    def http_status(self, source):
        state = source.link_state
        return state.http_status if state and state.http_status else "—"

    @admin.display(description=gettext_lazy("Last checked"), ordering="link_check__checked_at")
    def last_checked(self, source):
        state = source.link_state
        return state.checked_at if state else "—"

    @admin.display(description=gettext_lazy("Archived copy"))
    def archived_copy(self, source):
        copy = source.archived_copy
        if copy is None:
            return "—"
        accepted = _("accepted") if source.archive_url else _("found, not yet accepted")
        day = copy.date.isoformat() if copy.date else _("undated")
        return format_html(
            '<a href="{}" rel="nofollow noopener">{}</a> ({})', copy.url, day, accepted
        )

    @admin.display(description=gettext_lazy("Cited by"))
    def cited_by(self, source):
        profiles = {}
        for citation in source.citations.all():
            reference = citation.profile.reference_to(source.pk)
            times = len(reference["markers"]) if reference else 0
            profiles[citation.profile] = profiles.get(citation.profile, 0) + times
        if not profiles:
            return _("No profile")
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({})',
            (
                (profile.get_absolute_url(), profile.name, times)
                for profile, times in sorted(profiles.items(), key=lambda item: item[0].name)
            ),
        )

    @admin.action(
        description=gettext_lazy("Check the selected links again"), permissions=["change"]
    )
    def check_again(self, request, queryset):
        ids = list(queryset.exclude(url="").values_list("pk", flat=True))
        for start in range(0, len(ids), 50):
            batch = ids[start : start + 50]
            transaction.on_commit(lambda batch=batch: check_source_links.enqueue(batch))
        self.message_user(
            request,
            ngettext(
                "A check of %(count)s link is queued; its status changes when it is done.",
                "Checks of %(count)s links are queued; their status changes when they are done.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("Use the archived copy found for each (a revision each)"),
        permissions=["change"],
    )
    def use_archived_copy(self, request, queryset):
        accepted = [
            source.title for source in queryset if accept_archived_copy(source, user=request.user)
        ]
        if accepted:
            self.message_user(
                request,
                ngettext(
                    "The archived copy is now part of %(count)s source; every profile citing "
                    "it links to it.",
                    "The archived copies are now part of %(count)s sources; every profile "
                    "citing them links to them.",
                    len(accepted),
                )
                % {"count": len(accepted)},
                messages.SUCCESS,
            )
        if len(accepted) < queryset.count():
            self.message_user(
                request,
                _(
                    "Sources without an archived copy found, or with it already, were left as "
                    "they were."
                ),
                messages.INFO,
            )

    def replace_url_view(self, request, pk):
        """Editors give a source whose page moved its new address: one revision of the source."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        source = get_object_or_404(Source.objects.select_related("link_check"), pk=pk)
        form = ReplaceUrlForm(request.POST or None, initial={"url": source.url})
        if form.is_valid():
            try:
                replace_source_url(
                    source,
                    form.cleaned_data["url"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error("url", error)
            else:
                transaction.on_commit(lambda: check_source_links.enqueue([source.pk]))
                self.message_user(
                    request,
                    _("“%(title)s” has its new address; it will be checked shortly.")
                    % {"title": source.title},
                    messages.SUCCESS,
                )
                return redirect("admin:profiles_deadlink_changelist")
        citing = Profile.objects.filter(citations__source=source).distinct().order_by("name")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Replace the address of “%(title)s”") % {"title": source.title},
            "source": source,
            "form": form,
            "citing": citing,
        }
        return render(request, "admin/profiles/deadlink/replace_url.html", context)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "plural_name", "is_person", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProfileType)
class ProfileTypeAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FactLabel)
class FactLabelAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]


# Connections ----------------------------------------------------------------------------------


@admin.register(RelationshipType)
class RelationshipTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "forward_label", "reverse_label", "subject_kind", "object_kind"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "forward_label", "reverse_label"]


class RelationshipCitationFormSet(RowsLookedUpTogether):
    """Runs the connection's own checks (profiles.services.check_relationship) once the
    citations are known, so every problem shows on the form, in the editor's words."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        try:
            check_relationship(self.instance, kept_instances(self))
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class RelationshipCitationInline(CappedInline):
    model = RelationshipCitation
    max_num = 50
    formset = RelationshipCitationFormSet
    extra = 1
    fields = ["source", "accessed", "pinpoint"]
    autocomplete_fields = ["source"]


class RelationshipAdminForm(RefusesControlCharacters, forms.ModelForm):
    summary = EditSummaryField(
        label=gettext_lazy("Edit summary"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("What you changed and why; both profiles' histories show it."),
    )

    class Meta:
        model = Relationship
        fields = [
            "subject",
            "type",
            "object",
            "role",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "is_current",
            "amount",
            "currency",
        ]


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    """Editors add, change and remove connections; each save is one revision of both
    profiles (profiles.services.save_relationship)."""

    form = RelationshipAdminForm
    inlines = [RelationshipCitationInline]
    list_display = ["subject", "type", "object", "role", "start_date", "end_date", "amount"]
    list_filter = ["type", "is_current"]
    list_select_related = ["subject", "object", "type"]
    search_fields = ["subject__name", "object__name", "role"]
    autocomplete_fields = ["subject", "object"]

    def save_model(self, request, obj, form, change):
        """Nothing yet: save_related saves the connection with its citations, in one
        revision."""

    def save_related(self, request, form, formsets, change):
        [citations] = formsets
        citations.save(commit=False)
        comment = form.cleaned_data.get("summary") or _("%(connection)s (%(action)s)") % {
            "connection": form.instance,
            "action": _("changed") if change else _("added"),
        }
        save_relationship(
            form.instance, user=request.user, comment=comment, citations=kept_instances(citations)
        )

    def delete_model(self, request, obj):
        delete_relationship(
            obj, user=request.user, comment=_("Removed: %(connection)s") % {"connection": obj}
        )

    def delete_queryset(self, request, queryset):
        for relationship in queryset:
            self.delete_model(request, relationship)


# Redaction ------------------------------------------------------------------------------------


@admin.register(RedactionLog)
class RedactionLogAdmin(admin.ModelAdmin):
    """The log of hidden and shown parts of revisions: read-only, for editors who may redact."""

    list_display = ["at", "by", "action", "parts", "revision", "reason"]
    list_filter = ["action"]
    list_select_related = ["by", "revision"]
    search_fields = ["reason", "by__username"]

    def has_module_permission(self, request):
        return can_redact(request.user)

    def has_view_permission(self, request, obj=None):
        return can_redact(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
