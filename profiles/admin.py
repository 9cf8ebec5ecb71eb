import json
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.admin import VersionAdmin
from reversion.models import Version

from profiles.history import history_entries
from profiles.importers.admin_page import import_pages_view
from profiles.markup import check_markers
from profiles.models import (
    Category,
    Citation,
    Fact,
    FactLabel,
    Profile,
    ProfileType,
    Source,
)
from profiles.revisions import (
    deleted_profile_version,
    latest_revision_id,
    load_profile_revision,
    newer_revision,
    profile_versions,
    who_and_when,
)
from profiles.services import (
    UNCHECKED,
    RevertRefused,
    recover_profile,
    restore_problems,
    save_profile,
    save_source,
)
from profiles.urlnorm import normalize_url

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


class CitationInlineFormSet(forms.BaseInlineFormSet):
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


class ProfileAdminForm(forms.ModelForm):
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


class FactInline(admin.TabularInline):
    formfield_overrides = TEXT_FIELDS
    model = Fact
    extra = 1
    fields = ["position", "label", "value", "as_of"]
    autocomplete_fields = ["label"]


class CitationInline(admin.TabularInline):
    model = Citation
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
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["types"]
    inlines = [FactInline, CitationInline]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "location", "types", "aliases"]}),
        (gettext_lazy("Text"), {"fields": ["lead", "body"]}),
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
            versions = list(profile_versions(profile)[: self.admin_history_size + 1])
            older = versions[self.admin_history_size :]
            revisions = versions[: self.admin_history_size]
            context["revisions"] = history_entries(revisions, older=older[0] if older else None)
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


class SourceAdminForm(forms.ModelForm):
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
