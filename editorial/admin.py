"""The editors' review desk: the queue of suggestions and the review page of each.

Only the Editors group reaches it, through the editorial.review_suggestion permission. Every
decision goes through editorial.services; nothing here changes a status by itself. Contributors'
text is shown escaped everywhere (list columns return plain strings; templates autoescape).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from editorial.models import EditorNotificationSettings, Suggestion
from editorial.permissions import can_review
from editorial.review import ReviewForm, merge, review_context
from editorial.services import (
    NotPending,
    ProfileChanged,
    ReviewError,
    approve_suggestion,
    mark_spam,
    reject_suggestion,
)


class StatusFilter(admin.SimpleListFilter):
    """Status, showing the pending queue unless the editor asks for something else."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Suggestion.Status.choices, ("all", _("All"))]

    def value(self):
        return super().value() or Suggestion.Status.PENDING

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["number", "status", "kind", "about", "age", "conflict", "excerpt"]
    list_display_links = ["number"]
    list_filter = [StatusFilter, "kind", "has_conflict", "created"]
    search_fields = ["message", "contributor_name", "contributor_email", "profile__name"]
    ordering = ["created"]
    actions = ["reject_selected", "mark_selected_as_spam"]
    list_per_page = 50

    # Permissions: the desk is for editors; suggestions are never added or deleted here
    # (spam is quarantined, not dropped).

    def can_review(self, request):
        return can_review(request.user)

    def has_module_permission(self, request):
        return self.can_review(request)

    def has_view_permission(self, request, obj=None):
        return self.can_review(request)

    def has_change_permission(self, request, obj=None):
        return self.can_review(request)

    def has_review_permission(self, request):
        return self.can_review(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile", "reviewer")

    def get_list_display(self, request):
        """The queue of spam (or of everything) says why each item was quarantined."""
        if request.GET.get("status") in {Suggestion.Status.SPAM, "all"}:
            return [*self.list_display, "quarantine_reason"]
        return self.list_display

    # The queue's columns. Plain strings: the admin escapes them.

    @admin.display(description=gettext_lazy("Number"), ordering="pk")
    def number(self, suggestion):
        return f"#{suggestion.pk}"

    @admin.display(description=gettext_lazy("Profile"), ordering="profile__name")
    def about(self, suggestion):
        if suggestion.kind == Suggestion.Kind.TIP and not suggestion.profile:
            return _("New: %(name)s") % {"name": suggestion.proposed_changes.get("name", "")}
        return suggestion.profile.name if suggestion.profile else "—"

    @admin.display(description=gettext_lazy("Age"), ordering="created")
    def age(self, suggestion):
        return timesince(suggestion.created)

    @admin.display(description=gettext_lazy("Conflict"), ordering="has_conflict")
    def conflict(self, suggestion):
        # A word, not the admin's ✔/✖ icons: a red ✖ on every clean row read as an error.
        return _("Conflict") if suggestion.has_conflict else ""

    @admin.display(description=gettext_lazy("Why quarantined"))
    def quarantine_reason(self, suggestion):
        if suggestion.status != Suggestion.Status.SPAM:
            return ""
        if suggestion.spam_reason:
            # Set by the site: the honeypot, a form sent too fast, the site-wide flood limit.
            return suggestion.spam_reason
        if suggestion.reviewer:
            return _("Marked as spam by %(editor)s.") % {
                "editor": suggestion.reviewer.get_username()
            }
        return _("Marked as spam.")

    @admin.display(description=gettext_lazy("Message"))
    def excerpt(self, suggestion):
        return Truncator(" ".join(suggestion.message.split())).chars(90)

    # Bulk actions.

    @admin.action(
        description=gettext_lazy("Reject the selected suggestions"), permissions=["review"]
    )
    def reject_selected(self, request, queryset):
        done = self.decide_each(queryset, reject_suggestion, editor=request.user, note="")
        self.message_user(
            request,
            ngettext("Rejected %(count)d suggestion.", "Rejected %(count)d suggestions.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("Mark the selected suggestions as spam"), permissions=["review"]
    )
    def mark_selected_as_spam(self, request, queryset):
        done = self.decide_each(queryset, mark_spam, editor=request.user)
        self.message_user(
            request,
            ngettext(
                "Marked %(count)d suggestion as spam.",
                "Marked %(count)d suggestions as spam.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )

    def decide_each(self, queryset, service, **kwargs):
        done = 0
        for suggestion in queryset.filter(status=Suggestion.Status.PENDING):
            try:
                service(suggestion=suggestion, **kwargs)
            except NotPending:
                continue
            done += 1
        return done

    # The review page and its three POST-only decisions.

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(require_POST(function))

        return [
            path("<int:pk>/approve/", view(self.approve_view), name="editorial_suggestion_approve"),
            path("<int:pk>/reject/", view(self.reject_view), name="editorial_suggestion_reject"),
            path("<int:pk>/spam/", view(self.spam_view), name="editorial_suggestion_spam"),
            *super().get_urls(),
        ]

    def get_suggestion(self, request, pk):
        """The suggestion, for an editor; a 403 for anyone else, a 404 if there is none."""
        if not self.can_review(request):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Suggestions to review"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Editors see the suggestion as a diff against the profile, and decide on it."""
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        suggestion = self.get_suggestion(request, object_id)
        return self.render_review(request, suggestion)

    def approve_view(self, request, pk):
        suggestion = self.get_suggestion(request, pk)
        profile, changes = merge(suggestion)
        form = ReviewForm(request.POST, suggestion=suggestion, profile=profile, changes=changes)
        if not form.is_valid():
            return self.render_review(request, suggestion, form=form, profile=profile)
        try:
            suggestion = approve_suggestion(
                suggestion=suggestion,
                editor=request.user,
                note=form.cleaned_data["note"],
                resolution=form.resolution(),
                expected_profile_state=form.cleaned_data["profile_state"],
            )
        except NotPending as refusal:
            messages.warning(request, refusal.message)
            return redirect("admin:editorial_suggestion_change", suggestion.pk)
        except ProfileChanged as refusal:
            messages.warning(request, refusal.message)
            return self.render_review(request, suggestion)
        except ReviewError as refusal:
            form.add_error(None, refusal.message)
            return self.render_review(request, suggestion, form=form, profile=profile)
        if suggestion.kind == Suggestion.Kind.TIP:
            messages.success(
                request,
                _(
                    "Approved suggestion #%(number)s. Here is the new, unpublished profile: "
                    "write it, then publish it."
                )
                % {"number": suggestion.pk},
            )
            return redirect("admin:profiles_profile_change", suggestion.profile_id)
        messages.success(request, _("Approved suggestion #%(number)s.") % {"number": suggestion.pk})
        return self.next_in_queue(suggestion)

    def reject_view(self, request, pk):
        suggestion = self.get_suggestion(request, pk)
        note = ReviewForm(request.POST, suggestion=suggestion)
        note.is_valid()
        try:
            reject_suggestion(
                suggestion=suggestion,
                editor=request.user,
                note=note.cleaned_data.get("note", ""),
            )
        except NotPending as refusal:
            messages.warning(request, refusal.message)
            return redirect("admin:editorial_suggestion_change", suggestion.pk)
        messages.success(request, _("Rejected suggestion #%(number)s.") % {"number": suggestion.pk})
        return self.next_in_queue(suggestion)

    def spam_view(self, request, pk):
        suggestion = self.get_suggestion(request, pk)
        try:
            mark_spam(suggestion=suggestion, editor=request.user)
        except NotPending as refusal:
            messages.warning(request, refusal.message)
            return redirect("admin:editorial_suggestion_change", suggestion.pk)
        messages.success(
            request, _("Marked suggestion #%(number)s as spam.") % {"number": suggestion.pk}
        )
        return self.next_in_queue(suggestion)

    def next_in_queue(self, suggestion):
        """The oldest pending suggestion after this one, or the queue when there is none."""
        following = (
            Suggestion.objects.pending()
            .filter(
                Q(created__gt=suggestion.created)
                | Q(created=suggestion.created, pk__gt=suggestion.pk)
            )
            .order_by("created", "pk")
            .first()
        )
        if following:
            return redirect("admin:editorial_suggestion_change", following.pk)
        return redirect("admin:editorial_suggestion_changelist")

    def render_review(self, request, suggestion, form=None, profile=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review suggestion #%(number)s") % {"number": suggestion.pk},
            **review_context(suggestion, form, profile),
            "decide_urls": {
                name: reverse(f"admin:editorial_suggestion_{name}", args=[suggestion.pk])
                for name in ("approve", "reject", "spam")
            },
        }
        return TemplateResponse(request, "admin/editorial/suggestion/review.html", context)


@admin.register(EditorNotificationSettings)
class EditorNotificationSettingsAdmin(admin.ModelAdmin):
    """ "My notifications": each editor sees and changes their own row, and nobody else's."""

    fields = ["email_address", "queue_digest"]
    readonly_fields = ["email_address"]
    save_as_continue = False

    def has_module_permission(self, request):
        return can_review(request.user)

    def has_view_permission(self, request, obj=None):
        return can_review(request.user) and (obj is None or obj.user_id == request.user.pk)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user).select_related("user")

    @admin.display(description=gettext_lazy("Sent to"))
    def email_address(self, row):
        return row.user.email or _(
            "Your account has no email address, so nothing can be sent. Ask an administrator "
            "to add one."
        )

    def changelist_view(self, request, extra_context=None):
        """The list is one row, the editor's own: go straight to it."""
        if not can_review(request.user):
            raise PermissionDenied
        row, _created = EditorNotificationSettings.objects.get_or_create(user=request.user)
        return redirect("admin:editorial_editornotificationsettings_change", row.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            "title": _("My notifications"),
            "show_save_and_continue": False,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        self.message_user(request, _("Your notification settings are saved."), messages.SUCCESS)
        return redirect(request.path)
