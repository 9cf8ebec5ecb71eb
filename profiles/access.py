"""Which profile answers at a slug for a user, in one place: every page under
/profiles/<slug>/, the API and the editorial views ask here."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from profiles.models import FormerSlug, Profile
from profiles.permissions import can_edit_profiles


def can_see_drafts(user):
    """Editors see unpublished drafts (and the sources only drafts cite); nobody else does."""
    return can_edit_profiles(user)


def profiles_visible_to(user, *, drafts=True):
    profiles = Profile.objects.select_related("category")
    if drafts and can_see_drafts(user):
        return profiles
    return profiles.published()


def find_profile(slug, *, user=None, drafts=True, profiles=None):
    """(the profile at this slug, None), or (None, its current slug) when this is a former
    slug of a profile that was renamed.

    ``user`` sees drafts when they are an editor and ``drafts`` is true; ``profiles`` narrows
    the query further (prefetches for the API). Raises Http404 when the user may not see any
    profile at this slug.
    """
    visible = profiles_visible_to(user, drafts=drafts)
    if profiles is not None:
        visible = profiles & visible
    profile = visible.filter(slug=slug).first()
    if profile:
        return profile, None
    former = FormerSlug.objects.filter(slug=slug, profile__in=visible).select_related("profile")
    former = former.first()
    if former is None:
        raise Http404(_("There is no profile at this address."))
    return None, former.profile.slug


def get_profile_or_moved(request, slug, *, drafts=True):
    """(the profile at this slug, None) or (None, a 301 to the same page of a renamed profile).

    ``drafts=False`` for pages that only published profiles have (suggestions, feeds).
    Raises Http404 when the user may not see any profile at this address.
    """
    profile, current_slug = find_profile(slug, user=request.user, drafts=drafts)
    if profile:
        return profile, None
    rest = request.get_full_path()[len(reverse("profiles:detail", args=[slug])) :]
    current = reverse("profiles:detail", args=[current_slug])
    return None, HttpResponsePermanentRedirect(current + rest)


def get_published_profile(slug):
    """The published profile at exactly this slug, or a 404: for the forms' POST endpoints,
    which never follow a rename (the form pages themselves do)."""
    profile, _current_slug = find_profile(slug, drafts=False)
    if profile is None:
        raise Http404(_("There is no profile at this address."))
    return profile
