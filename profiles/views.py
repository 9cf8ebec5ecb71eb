from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from profiles.filters import ProfileFilters, facet_counts, page_number
from profiles.models import Category, FormerSlug, Mention, Profile, ProfileType, Source
from profiles.presentation import profile_page
from profiles.search import search_profiles
from profiles.structured_data import profile_metadata


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
    """Anyone may browse published profiles by category, type, location and first letter."""
    filters = ProfileFilters.from_query(request.GET)
    canonical = filters.query_string(page=page_number(request.GET))
    if request.META.get("QUERY_STRING", "") != canonical:
        return redirect(
            f"{request.path}?{canonical}" if canonical else request.path, permanent=True
        )
    facets = facet_counts(filters)
    category, profile_type = facets.selected("categories"), facets.selected("types")
    if (filters.category and not category) or (filters.type and not profile_type):
        raise Http404(_("There is no such category or type."))
    profiles = filters.apply(Profile.objects.published()).select_related("category")
    profiles = profiles.only("name", "slug", "location", "category")
    paginator = Paginator(profiles.order_by("name", "pk"), settings.PROFILES_PER_PAGE)
    page_obj = paginator.get_page(page_number(request.GET))
    canonical = filters.query_string(page=page_obj.number)
    context = {
        "page_obj": page_obj,
        "canonical_url": request.build_absolute_uri(f"{request.path}?{canonical}".rstrip("?")),
        "filters": filters,
        "facets": facets,
        "category": category,
        "profile_type": profile_type,
    }
    return render(request, "profiles/profile_browse.html", context)


@require_safe
def search_results(request):
    """Anyone may search the published profiles, with the browse filters."""
    filters = ProfileFilters.from_query(request.GET)
    results = search_profiles(
        request.GET.get("q", ""),
        filters=filters,
        page=request.GET.get("page"),
        per_page=settings.SEARCH_RESULTS_PER_PAGE,
    )
    context = {
        "results": results,
        "page_obj": results.page_obj,
        "search_query": results.query,
        "query_string": urlencode([("q", results.query), *filters.items()]),
        "filters": filters,
        "categories": Category.objects.all(),
        "types": ProfileType.objects.all(),
        "locations": Profile.objects.published()
        .exclude(location="")
        .values_list("location", flat=True)
        .distinct()
        .order_by("location"),
    }
    return render(request, "profiles/search_results.html", context)


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
    context.update(profile_metadata(request, profile, page))
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


@require_safe
def robots_txt(request):
    """Crawlers may read the public pages, not search results, forms or private links."""
    sitemap_url = request.build_absolute_uri(reverse("profiles:sitemap"))
    context = {"sitemap_url": sitemap_url}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
