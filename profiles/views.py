from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from profiles.models import Category, FormerSlug, Mention, Profile, Source
from profiles.presentation import profile_page


def visible_profiles(request):
    """Published profiles for everyone; editors also see unpublished drafts."""
    profiles = Profile.objects.select_related("category")
    if request.user.is_authenticated and request.user.is_staff:
        return profiles
    return profiles.published()


def get_profile_or_redirect(request, slug):
    """The profile at this slug, a 301 to its current slug if it was renamed, or a 404."""
    try:
        return visible_profiles(request).get(slug=slug), None
    except Profile.DoesNotExist:
        former = FormerSlug.objects.filter(slug=slug).select_related("profile").first()
        if former and (former.profile.published or request.user.is_staff):
            return None, redirect(former.profile, permanent=True)
        raise Http404(_("There is no profile at this address.")) from None


@require_safe
def home(request):
    """Anyone may see the search box, the categories with counts and the latest updates."""
    categories = Category.objects.annotate(
        profile_count=Count("profiles", filter=Q(profiles__published=True))
    )
    recent = Profile.objects.published().select_related("category").order_by("-updated")[:10]
    return render(request, "profiles/home.html", {"categories": categories, "recent": recent})


@require_safe
def profile_browse(request):
    """Anyone may browse published profiles by category and first letter."""
    profiles = Profile.objects.published().select_related("category").order_by("name")
    category = None
    if request.GET.get("category"):
        category = get_object_or_404(Category, slug=request.GET["category"])
        profiles = profiles.filter(category=category)
    letter = request.GET.get("letter", "").upper()[:1]
    if letter.isalpha():
        profiles = profiles.filter(name__istartswith=letter)
    else:
        letter = ""
    page = Paginator(profiles, settings.PROFILES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "category": category,
        "letter": letter,
        "letters": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "categories": Category.objects.all(),
    }
    return render(request, "profiles/profile_browse.html", context)


@require_safe
def profile_detail(request, slug):
    """Anyone may read a published profile; editors may also read unpublished ones."""
    profile, redirect_response = get_profile_or_redirect(request, slug)
    if redirect_response:
        return redirect_response
    page = profile_page(
        profile,
        types=list(profile.types.all()),
        facts=list(profile.facts.select_related("label")),
        citations=list(profile.citations.select_related("source")),
    )
    context = {"profile": profile, "page": page, "mentioned_in": mentioned_in(profile)}
    return render(request, "profiles/profile_detail.html", context)


def mentioned_in(profile):
    """Published profiles whose text links to this one, under its current or a former slug."""
    slugs = Q(target_slug=profile.slug) | Q(
        target_slug__in=FormerSlug.objects.filter(profile=profile).values("slug")
    )
    mentions = Mention.objects.filter(slugs, source__published=True).exclude(source=profile)
    return (
        Profile.objects.filter(pk__in=mentions.values("source"))
        .select_related("category")
        .order_by("name")
    )


@require_safe
def source_detail(request, pk):
    """Anyone may see a source and the published profiles that cite it."""
    source = get_object_or_404(Source, pk=pk)
    citing = (
        Profile.objects.published()
        .filter(citations__source=source)
        .select_related("category")
        .annotate(citation_count=Count("citations", filter=Q(citations__source=source)))
        .order_by("name")
    )
    return render(request, "profiles/source_detail.html", {"source": source, "citing": citing})
