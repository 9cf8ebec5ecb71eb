"""Who may see which profile, in one place: every page under /profiles/<slug>/ asks here."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from profiles.models import FormerSlug, Profile


def can_see_drafts(user):
    """Editors (staff who may change profiles) see unpublished drafts; nobody else does."""
    return user.is_active and user.is_staff and user.has_perm("profiles.change_profile")


def profiles_visible_to(user, *, drafts=True):
    profiles = Profile.objects.select_related("category")
    if drafts and can_see_drafts(user):
        return profiles
    return profiles.published()


def get_profile_or_moved(request, slug, *, drafts=True):
    """(the profile at this slug, None) or (None, a 301 to the same page of a renamed profile).

    ``drafts=False`` for pages that only published profiles have (suggestions, feeds).
    Raises Http404 when the user may not see any profile at this address.
    """
    profiles = profiles_visible_to(request.user, drafts=drafts)
    profile = profiles.filter(slug=slug).first()
    if profile:
        return profile, None
    former = FormerSlug.objects.filter(slug=slug, profile__in=profiles).first()
    if former is None:
        raise Http404(_("There is no profile at this address."))
    rest = request.get_full_path()[len(reverse("profiles:detail", args=[slug])) :]
    current = reverse("profiles:detail", args=[former.profile.slug])
    return None, HttpResponsePermanentRedirect(current + rest)
