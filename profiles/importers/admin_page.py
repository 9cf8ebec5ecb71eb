"""The admin's "Import pages": editors upload files, read the dry run's report, then confirm.

The same ImportRun as ``manage.py import_pages`` does both steps. The uploads wait for the
confirmation in a folder of their own under ``SOURCEBOOK_IMPORT_UPLOAD_DIR`` (var/imports/),
named by a random token that only the uploading editor's session knows; the real run deletes
them. Large dumps belong to the command: the page takes at most ``SOURCEBOOK_IMPORT_UPLOAD_MB``.
"""

import dataclasses
import re
import secrets
import shutil
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles.importers.files import DUMP_SUFFIXES, SUBSECTIONS_SUFFIX, TEXT_SUFFIXES, megabytes
from profiles.importers.report import outcome_text
from profiles.importers.runner import ImportOptions, import_pages
from profiles.models import Profile
from profiles.permissions import can_import_pages

SESSION_KEY = "import_pages_uploads"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
SAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._ -]+")
STALE_SECONDS = 24 * 60 * 60


def upload_root():
    return Path(getattr(settings, "SOURCEBOOK_IMPORT_UPLOAD_DIR", settings.VAR_DIR / "imports"))


def upload_limit():
    return getattr(settings, "SOURCEBOOK_IMPORT_UPLOAD_MB", 50) * 1024 * 1024


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one file input (Django's documented pattern)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ImportPagesForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "Text pages (.txt, one page a file, with an optional NAME.subsections file naming "
            "the headings that are sub-sections), or a MediaWiki XML dump (.xml, .xml.bz2, "
            ".xml.gz)."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("text", gettext_lazy("Profile pages saved as text")),
            ("mediawiki", gettext_lazy("A MediaWiki XML dump")),
        ],
        initial="text",
        widget=forms.RadioSelect,
    )
    update = forms.BooleanField(
        label=gettext_lazy("Update profiles that exist already"),
        required=False,
        help_text=gettext_lazy(
            "A changed page gets one new revision, an unchanged one none. Without this, "
            "existing profiles are left alone."
        ),
    )
    create_vocabulary = forms.BooleanField(
        label=gettext_lazy("Create missing categories, types and infobox labels"),
        required=False,
        help_text=gettext_lazy("Without this, a page that uses one is refused, with its name."),
    )
    all_revisions = forms.BooleanField(
        label=gettext_lazy("Every revision of a MediaWiki page"),
        required=False,
        help_text=gettext_lazy(
            "Each with its original date and author; otherwise the latest revision only."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        files, fmt = cleaned_data.get("files") or [], cleaned_data.get("format")
        if not files or not fmt:
            return cleaned_data
        allowed = TEXT_SUFFIXES + (SUBSECTIONS_SUFFIX,) if fmt == "text" else DUMP_SUFFIXES
        for upload in files:
            if not upload.name.lower().endswith(allowed):
                self.add_error(
                    "files",
                    _("“%(name)s” is not a %(format)s file: it should end with %(suffixes)s.")
                    % {
                        "name": upload.name,
                        "format": dict(self.fields["format"].choices)[fmt].lower(),
                        "suffixes": ", ".join(allowed),
                    },
                )
        total = sum(upload.size for upload in files)
        if total > upload_limit():
            self.add_error(
                "files",
                _(
                    "The files come to %(size)s; this page takes at most %(limit)s. Import "
                    "larger sets with manage.py import_pages."
                )
                % {"size": megabytes(total), "limit": megabytes(upload_limit())},
            )
        return cleaned_data

    def options(self):
        data = self.cleaned_data
        return {
            name: data[name] for name in ("format", "update", "create_vocabulary", "all_revisions")
        }


def import_pages_view(request, admin_site):
    """Editors who may create profiles upload pages, read the dry run, and confirm; others 403."""
    if not can_import_pages(request.user):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return confirm_import(request, admin_site)
    form = ImportPagesForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        token = store_uploads(form.cleaned_data["files"])
        options = form.options()
        request.session.setdefault(SESSION_KEY, {})[token] = options
        request.session.modified = True
        reports, summary = run_import(token, options, dry_run=True, user=request.user)
        context.update(token=token, reports=reports, summary=summary, options=options)
    return render_page(request, admin_site, context)


def confirm_import(request, admin_site):
    token = request.POST.get("token", "")
    uploads = request.session.get(SESSION_KEY, {})
    if not TOKEN_RE.match(token) or token not in uploads or not (upload_root() / token).is_dir():
        messages.error(
            request,
            _("Those files are no longer waiting to be imported; upload them again."),
        )
        return redirect("admin:profiles_profile_import")
    options = uploads.pop(token)
    request.session.modified = True
    try:
        reports, summary = run_import(token, options, dry_run=False, user=request.user)
    finally:
        shutil.rmtree(upload_root() / token, ignore_errors=True)
    if summary.failed:
        messages.warning(
            request,
            _("%(imported)d pages were imported; %(failed)d failed and were left out.")
            % {"imported": summary.imported, "failed": summary.failed},
        )
    else:
        messages.success(
            request, _("%(imported)d pages were imported.") % {"imported": summary.imported}
        )
    context = {"form": ImportPagesForm(), "reports": reports, "summary": summary, "done": True}
    return render_page(request, admin_site, context)


def store_uploads(files):
    """Save the uploaded files in a new folder; return its token. Uploads checked but never
    confirmed are deleted after a day."""
    root = upload_root()
    if root.is_dir():
        for folder in root.iterdir():
            if folder.is_dir() and time.time() - folder.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
    token = secrets.token_urlsafe(24)
    folder = upload_root() / token
    folder.mkdir(parents=True)
    for upload in files:
        name = SAFE_NAME_RE.sub("_", Path(upload.name).name).strip(". ") or "upload.txt"
        with open(folder / name, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return token


def run_import(token, options, *, dry_run, user):
    """The reports (file names without the upload folder) and the summary of a run."""
    folder = upload_root() / token
    reports = []
    import_options = ImportOptions(dry_run=dry_run, user=user, **options)
    summary = import_pages([folder], import_options, on_page=reports.append)
    prefix = f"{folder}/"
    for report in reports:
        report.filename = report.filename.removeprefix(prefix)
        report.problems = [
            dataclasses.replace(p, filename=p.filename.removeprefix(prefix))
            for p in report.problems
        ]
        report.outcome_text = outcome_text(report, dry_run=dry_run)
    return reports, summary


def render_page(request, admin_site, context):
    context = {
        **admin_site.each_context(request),
        "opts": Profile._meta,
        "title": _("Import pages"),
        **context,
    }
    return TemplateResponse(request, "admin/profiles/profile/import_pages.html", context)
