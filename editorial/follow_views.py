"""The pages of following a profile by email (editorial.follows): the form, the "check your
inbox" page, and the pages the signed links in the emails open.

The links open a page with a button rather than acting on GET: mail scanners open the links in
emails, and must neither confirm a follow nobody wanted nor end one. A mail program's one-click
unsubscribe (List-Unsubscribe-Post) posts to the same address without a session, so that view
takes a POST without a CSRF token: the signed link is its authority.
"""

import logging

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from editorial.abuse import spend_token
from editorial.follows import (
    CONFIRM_MAX_AGE,
    BadLink,
    confirm_follow,
    follow_from_link,
    request_follow,
    unsubscribe,
    unsubscribe_path,
)
from editorial.forms import FollowForm
from editorial.ratelimit import rate_limited
from editorial.views import ALREADY_SENT_MESSAGE, private
from profiles.access import get_profile_or_moved, get_published_profile

logger = logging.getLogger(__name__)


def render_follow_form(request, profile, form):
    return render(request, "editorial/follow.html", {"profile": profile, "form": form})


@require_safe
@never_cache
def follow(request, slug):
    """Anyone may open the form to follow a published profile by email."""
    profile, moved = get_profile_or_moved(request, slug, drafts=False)
    if moved:
        return moved
    return render_follow_form(request, profile, FollowForm())


@require_POST
@never_cache
@rate_limited
def follow_send(request, slug):
    """Anyone may ask to follow a published profile; only a confirmation email is sent."""
    profile = get_published_profile(slug)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render_follow_form(request, profile, form)
    if not spend_token(form.started_nonce):  # the same form sent twice at once
        form.refresh_started()
        form.add_error(None, ALREADY_SENT_MESSAGE)
        return render_follow_form(request, profile, form)
    reason = form.spam_reason()
    if reason:
        # Answered like a person, so that a bot learns nothing; nothing is stored or sent.
        logger.info("A request to follow %s was ignored: %s", profile.slug, reason)
    else:
        request_follow(profile=profile, email=form.cleaned_data["email"])
    return redirect("editorial:follow_sent", profile.slug)


@require_safe
def follow_sent(request, slug):
    """Anyone sees what happens next after asking to follow a profile."""
    profile, moved = get_profile_or_moved(request, slug, drafts=False)
    if moved:
        return moved
    context = {"profile": profile, "days": CONFIRM_MAX_AGE.days}
    return render(request, "editorial/follow_sent.html", context)


def follow_from_link_or_404(signed, purpose):
    try:
        return follow_from_link(signed, purpose=purpose)
    except BadLink:
        raise Http404(_("This link is not valid. Check that it was copied whole.")) from None


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def follow_confirm(request, signed):
    """Whoever holds the emailed link may confirm the follow (POST: the page's button)."""
    follow, expired = follow_from_link_or_404(signed, "confirm")
    usable = follow is not None and not (expired and not follow.confirmed_at)
    if usable and request.method == "POST":
        confirm_follow(follow)
        return redirect(request.path)
    context = {
        "follow": follow,
        "expired": expired,
        "unsubscribe_path": follow and unsubscribe_path(follow),
    }
    return private(render(request, "editorial/follow_confirm.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
@csrf_exempt
@never_cache
def follow_unsubscribe(request, signed):
    """Whoever holds the emailed link may stop the follow, without logging in (POST: the
    page's button, or the mail program's one-click unsubscribe)."""
    follow, _expired = follow_from_link_or_404(signed, "unsubscribe")
    context = {"follow": follow, "profile": follow and follow.profile, "done": False}
    if follow and request.method == "POST":
        unsubscribe(follow)
        context["done"] = True
    return private(render(request, "editorial/follow_unsubscribe.html", context))
