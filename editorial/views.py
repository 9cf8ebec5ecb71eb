import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from editorial.abuse import spend_token
from editorial.diffs import diff_against_profile
from editorial.forms import (
    ReportErrorForm,
    SuggestConnectionForm,
    SuggestEditForm,
    TipForm,
    fill_source_from_page,
    validate_source_url,
)
from editorial.models import Suggestion
from editorial.previews import suggested_page
from editorial.ratelimit import (
    address_hash,
    rate_limited,
    register_attempt,
    site_ceiling_reached,
    too_many_requests,
)
from editorial.services import (
    WITHDRAWABLE,
    DuplicateSuggestion,
    NotPending,
    source_fields,
    submit_suggestion,
    withdraw_suggestion,
)
from editorial.services import confirm_email as confirm_email_address
from profiles.access import get_profile_or_moved, get_published_profile
from profiles.connections import is_shown, relationships_of
from profiles.metadata import source_details_from_url
from profiles.models import Source
from profiles.permissions import can_edit_profiles
from profiles.urlnorm import normalize_url

# For the editors, in the queue: why it was quarantined.
SITE_CEILING_REASON = "Sent while the whole site received more than %(limit)s submissions a minute."
ALREADY_SENT_MESSAGE = gettext_lazy(
    "This form was sent already. To send another suggestion, check the text below and send "
    "it again."
)
DUPLICATE_MESSAGE = gettext_lazy(
    "We already have exactly this from you or someone else, and it is waiting for an editor. "
    "There is no need to send it again."
)


def submit_or_report_duplicate(request, form):
    """Store the form's submission, spending its start token; on a duplicate, or a token
    another send spent a moment ago, add a form error and return None."""
    try:
        with transaction.atomic():
            if not spend_token(form.started_nonce):
                form.refresh_started()
                form.add_error(None, ALREADY_SENT_MESSAGE)
                return None
            submission = form.submission()
            if site_ceiling_reached() and not submission["spam_reason"]:
                submission["spam_reason"] = SITE_CEILING_REASON % {
                    "limit": settings.EDITORIAL_SITE_SUBMISSIONS_PER_MINUTE
                }
            return submit_suggestion(
                **submission,
                address_hash=address_hash(request),
                site_url=request.build_absolute_uri("/"),
            )
    except DuplicateSuggestion:
        form.add_error(None, DUPLICATE_MESSAGE)
        return None


# The forms carry a CSRF token and a signed timestamp of when they were shown, so no cache may
# keep them (@never_cache); the pages behind a tracking token are private as well.


def private(response):
    """A page for one contributor's eyes: never cached by anyone, never indexed."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Suggest an edit ------------------------------------------------------------------------------


def render_suggest_form(request, profile, form, status=200):
    return render(
        request, "editorial/suggest_edit.html", {"profile": profile, "form": form}, status=status
    )


@require_safe
@never_cache
def suggest_edit(request, slug):
    """Anyone may open the form to suggest an edit to a published profile or one section."""
    profile, moved = get_profile_or_moved(request, slug, drafts=False)
    if moved:
        return moved
    section = request.GET.get("section", "")
    form = SuggestEditForm(profile=profile, section=section)
    if section and not form.section_anchor:
        messages.info(
            request,
            _("That section is not in the profile any more; you can edit the whole profile."),
        )
    return render_suggest_form(request, profile, form)


@require_POST
@never_cache
@rate_limited(scope="preview")
def suggest_edit_preview(request, slug):
    """Anyone may preview a suggested edit as a diff against the profile; nothing is stored."""
    profile = get_published_profile(slug)
    form = SuggestEditForm(request.POST, profile=profile)
    if "add_source" in request.POST:
        form = SuggestEditForm(with_another_source(request.POST), profile=profile)
        return render_suggest_form(request, profile, form.without_errors())
    if "fill_source" in request.POST:
        return fill_in_source(request, profile)
    if form.is_valid():
        form.set_preview_digest()
        return render_preview(request, profile, form)
    return render_suggest_form(request, profile, form)


def fill_in_source(request, profile):
    """The form again, with one new source's empty fields filled from its page's details for
    the contributor to check (the "Fill in from the page" button). Nothing is stored."""
    exceeded = register_attempt(address_hash(request), "lookup")
    if exceeded:
        return too_many_requests(request, exceeded)
    prefix = request.POST["fill_source"]
    data, note = fill_source_from_page(request.POST, prefix)
    form = SuggestEditForm(data, profile=profile).without_errors()
    for row in form.sources.forms:
        if row.prefix == prefix:
            row.fill_note = note
    return render_suggest_form(request, profile, form)


@require_POST
@never_cache
@rate_limited
def suggest_edit_send(request, slug):
    """Anyone may send a previewed suggestion; it waits, private, for an editor's review."""
    profile = get_published_profile(slug)
    form = SuggestEditForm(request.POST, profile=profile)
    if form.is_valid():
        if not form.matches_preview():
            form.set_preview_digest()
            return render_preview(request, profile, form, changed_since_preview=True)
        suggestion = submit_or_report_duplicate(request, form)
        if suggestion:
            return redirect("editorial:sent", suggestion.token)
    return render_suggest_form(request, profile, form)


def render_preview(request, profile, form, changed_since_preview=False):
    new_sources = form.sources.sources()
    values = form.proposed_fields()
    shown, page = suggested_page(profile, values, new_sources, citations=form.citations)
    context = {
        "profile": profile,
        "form": form,
        "diff": diff_against_profile(profile, values, new_sources),
        "preview_profile": shown,
        "preview_page": page,
        # Unsaved Sources, to show each one as its reference will read.
        "new_sources": [
            (source["key"], Source(url=source["url"], **source_fields(source)))
            for source in new_sources
        ],
        "changed_since_preview": changed_since_preview,
    }
    return render(request, "editorial/suggestion_preview.html", context)


def with_another_source(data):
    """The form data with one more source row, up to ten. The row count comes from the
    browser: anything but a plain number of up to nine digits counts as one row."""
    data = data.copy()
    text = data.get("source-TOTAL_FORMS", "")
    total = int(text) if re.fullmatch(r"[0-9]{1,9}", text) else 1
    data["source-TOTAL_FORMS"] = str(min(total + 1, 10))
    return data


# Looking up a source by its address, for editors --------------------------------------------


@require_safe
@never_cache
@login_required
def source_lookup(request):
    """Editors get the details of the source at ?url= read from its page, as JSON, to confirm
    before they save anything (the editor's workspace calls it); the source already stored at
    that address, if any, comes with them."""
    if not can_edit_profiles(request.user):
        return JsonResponse({"error": _("Only editors may look up sources.")}, status=403)
    exceeded = register_attempt(address_hash(request), "lookup")
    if exceeded:
        response = JsonResponse(
            {"error": _("Too many look-ups from your address; try again in a minute.")},
            status=429,
        )
        response["Retry-After"] = str(exceeded.retry_after)
        return response
    try:
        url = validate_source_url(request.GET.get("url", ""))
    except ValidationError as error:
        return JsonResponse({"error": error.messages[0]}, status=400)
    details = source_details_from_url(url)
    existing = Source.objects.filter(normalized_url=normalize_url(url)).first()
    details["existing_source"] = existing and {
        "id": existing.pk,
        "title": existing.title,
        "url": existing.url,
        "page": existing.get_absolute_url(),
    }
    return JsonResponse(details)


# Report an error and tip a new profile ----------------------------------------------------------


@require_safe
@never_cache
def report_error(request, slug):
    """Anyone may open the form to report an error in a published profile."""
    profile, moved = get_profile_or_moved(request, slug, drafts=False)
    if moved:
        return moved
    form = ReportErrorForm(profile=profile, initial={"part": request.GET.get("part", "")})
    return render(request, "editorial/report_error.html", {"profile": profile, "form": form})


@require_POST
@never_cache
@rate_limited
def report_error_send(request, slug):
    """Anyone may send an error report; it waits, private, for an editor."""
    profile = get_published_profile(slug)
    form = ReportErrorForm(request.POST, profile=profile)
    if form.is_valid():
        suggestion = submit_or_report_duplicate(request, form)
        if suggestion:
            return redirect("editorial:sent", suggestion.token)
    return render(request, "editorial/report_error.html", {"profile": profile, "form": form})


def connection_to_correct(request, profile):
    """The connection ?relationship= names, when it is one the profile's page shows; else None
    (a new connection)."""
    text = request.GET.get("relationship", "")
    if not text.isdigit() or len(text) > 18:
        return None
    relationship = next((r for r in relationships_of(profile) if r.pk == int(text)), None)
    return relationship if relationship and is_shown(profile, relationship) else None


def render_connection_form(request, profile, form):
    context = {"profile": profile, "form": form, "correcting": form.correcting}
    return render(request, "editorial/suggest_connection.html", context)


@require_safe
@never_cache
def suggest_connection(request, slug):
    """Anyone may open the form to suggest a connection of a published profile, or a
    correction to one (?relationship=<id>)."""
    profile, moved = get_profile_or_moved(request, slug, drafts=False)
    if moved:
        return moved
    correcting = connection_to_correct(request, profile)
    form = SuggestConnectionForm(profile=profile, correcting=correcting)
    return render_connection_form(request, profile, form)


@require_POST
@never_cache
@rate_limited
def suggest_connection_send(request, slug):
    """Anyone may send a suggested connection with its source; it waits, private, for an
    editor, and is nowhere public unless approved."""
    profile = get_published_profile(slug)
    correcting = connection_to_correct(request, profile)
    form = SuggestConnectionForm(request.POST, profile=profile, correcting=correcting)
    if form.is_valid():
        suggestion = submit_or_report_duplicate(request, form)
        if suggestion:
            return redirect("editorial:sent", suggestion.token)
    return render_connection_form(request, profile, form)


@require_safe
@never_cache
def tip_new(request):
    """Anyone may open the form to tip us about a profile we do not have yet."""
    form = TipForm(initial={"name": request.GET.get("name", "")[:200]})
    return render(request, "editorial/tip_new.html", {"form": form})


@require_POST
@never_cache
@rate_limited
def tip_new_send(request):
    """Anyone may send a tip for a new profile; it waits, private, for an editor."""
    form = TipForm(request.POST)
    if form.is_valid():
        suggestion = submit_or_report_duplicate(request, form)
        if suggestion:
            return redirect("editorial:sent", suggestion.token)
    return render(request, "editorial/tip_new.html", {"form": form})


# The contributor's private pages ----------------------------------------------------------------


def get_suggestion_by_token(token):
    return get_object_or_404(Suggestion.objects.select_related("profile"), token=token)


@require_safe
def suggestion_sent(request, token):
    """Whoever holds the token sees the thank-you page with the private tracking link."""
    suggestion = get_suggestion_by_token(token)
    tracking_url = request.build_absolute_uri(suggestion.get_absolute_url())
    context = {"suggestion": suggestion, "tracking_url": tracking_url}
    return private(render(request, "editorial/suggestion_sent.html", context))


@require_safe
def tracking(request, token):
    """Whoever holds the token sees the suggestion's status and, once decided, the note."""
    suggestion = get_suggestion_by_token(token)
    return private(render(request, "editorial/tracking.html", {"suggestion": suggestion}))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, token):
    """Whoever holds the token may withdraw a suggestion no editor has decided on: a page asks
    first, and only its POST withdraws (a link followed by a scanner withdraws nothing)."""
    suggestion = get_suggestion_by_token(token)
    if request.method == "POST" and suggestion.status in WITHDRAWABLE:
        try:
            withdraw_suggestion(suggestion=suggestion)
        except NotPending as refusal:
            messages.warning(request, refusal.message)
        else:
            messages.success(
                request, _("Your suggestion is withdrawn. The editors will not review it.")
            )
        return redirect(suggestion.get_absolute_url())
    if suggestion.status not in WITHDRAWABLE:
        return redirect(suggestion.get_absolute_url())
    return private(render(request, "editorial/withdraw_confirm.html", {"suggestion": suggestion}))


@never_cache
def confirm_email(request, token, key):
    """Whoever holds the link we emailed confirms the address (with a button: a link followed
    by a mail scanner must not confirm it)."""
    suggestion = get_suggestion_by_token(token)
    confirmed = suggestion.email_confirmed_at is not None
    failed = False
    if request.method == "POST":
        confirmed = confirm_email_address(suggestion=suggestion, key=key)
        failed = not confirmed
    elif request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    context = {"suggestion": suggestion, "confirmed": confirmed, "failed": failed}
    return private(render(request, "editorial/confirm_email.html", context))
