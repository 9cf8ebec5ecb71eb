"""The read-only JSON API under /api/: published profiles, their revisions, and sources.

Django REST framework answers the methods we do not serve (405), content negotiation and
errors as JSON; CORS headers for any origin come from django-cors-headers (settings).
"""

from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, re_path
from django.utils.translation import gettext as _
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from profiles.access import find_profile
from profiles.changes import BadSince, attach_profiles, changed_revisions, parse_since
from profiles.connections import relationships_of
from profiles.filters import ProfileFilters
from profiles.licensing import content_license
from profiles.models import (
    Category,
    Citation,
    Fact,
    Profile,
    ProfileType,
    Relationship,
    RelationshipCitation,
    RelationshipType,
    Source,
)
from profiles.revisions import latest_revision_id, profile_versions
from profiles.serializers import (
    ChangeSerializer,
    ProfileDetailSerializer,
    ProfileSummarySerializer,
    RelationshipSerializer,
    RevisionSerializer,
    SourceSerializer,
    SourceSummarySerializer,
)
from profiles.source_index import public_sources


class Pagination(PageNumberPagination):
    """?page=N; a page that is not a number or does not exist is a 400, not an empty list."""

    page_size = 30

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ParseError(_("There is no page %(page)s.") % {"page": self.page_number}) from None

    def get_page_number(self, request, paginator):
        self.page_number = str(super().get_page_number(request, paginator))[:20]
        return self.page_number

    def get_paginated_response(self, data):
        """count, next, previous, the content licence, then the page's results."""
        response = super().get_paginated_response(data)
        results = response.data.pop("results")
        response.data["license"] = content_license().as_data()
        response.data["results"] = results
        return response


def paginated(request, queryset, serializer_class):
    pagination = Pagination()
    page = pagination.paginate_queryset(queryset, request)
    data = serializer_class(page, many=True, context={"request": request}).data
    return pagination.get_paginated_response(data)


def json_error_handler(exc, context):
    """Every API error as {"status": 404, "message": "..."} (plus "errors" for bad fields)."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    body = {"status": response.status_code}
    if isinstance(data, dict) and "detail" in data:
        body["message"] = str(data["detail"])
    else:
        body["message"] = _("Some of the parameters are not valid.")
        body["errors"] = data
    response.data = body
    return response


def published_profile(slug, profiles, url_name):
    """(the published profile at this slug, None), (None, a redirect from a former slug of
    one), or a JSON 404."""
    try:
        profile, current_slug = find_profile(slug, drafts=False, profiles=profiles)
    except Http404:
        raise NotFound(_("There is no published profile at “%(slug)s”.") % {"slug": slug}) from None
    if profile:
        return profile, None
    return None, redirect(url_name, current_slug, permanent=True)


def checked_filters(request):
    """The browse filters from the query; a category or type that does not exist is a 400."""
    filters = ProfileFilters.from_query(request.query_params)
    errors = {}
    if filters.category and not Category.objects.filter(slug=filters.category).exists():
        errors["category"] = [_("There is no category “%(slug)s”.") % {"slug": filters.category}]
    if filters.type and not ProfileType.objects.filter(slug=filters.type).exists():
        errors["type"] = [_("There is no type “%(slug)s”.") % {"slug": filters.type}]
    if errors:
        raise ValidationError(errors)
    return filters


@api_view(["GET"])
def profile_list(request):
    """Anyone may list published profiles, filtered like /profiles/."""
    filters = checked_filters(request)
    profiles = filters.apply(Profile.objects.published())
    profiles = profiles.select_related("category").prefetch_related("types")
    profiles = profiles.only("slug", "name", "category", "location", "aliases", "updated")
    profiles = profiles.order_by("name", "pk")
    return paginated(request, profiles, ProfileSummarySerializer)


@api_view(["GET"])
def profile_detail(request, slug):
    """Anyone may read a published profile with its facts, citations and sources."""
    profiles = Profile.objects.select_related("category").prefetch_related(
        "types",
        Prefetch("facts", Fact.objects.select_related("label")),
        Prefetch("citations", Citation.objects.select_related("source")),
        "filings",
    )
    profile, moved = published_profile(slug, profiles, "api:profile")
    if moved:
        return moved
    profile.current_revision_id = latest_revision_id(profile)
    profile.connections = list(relationships_of(profile))
    return Response(ProfileDetailSerializer(profile, context={"request": request}).data)


@api_view(["GET"])
def profile_revisions(request, slug):
    """Anyone may list the revisions of a published profile, newest first."""
    profile, moved = published_profile(slug, Profile.objects.all(), "api:profile-revisions")
    if moved:
        return moved
    return paginated(request, profile_versions(profile), RevisionSerializer)


@api_view(["GET"])
def changes(request):
    """Anyone may list the revisions of published profiles made after ?since= (a revision id
    or an ISO 8601 date), oldest first: what a mirror needs after the export at /data/."""
    try:
        since = parse_since(request.query_params.get("since"))
    except BadSince as error:
        raise ValidationError({"since": [str(error)]}) from None
    pagination = Pagination()
    page = attach_profiles(pagination.paginate_queryset(changed_revisions(since), request))
    data = ChangeSerializer(page, many=True, context={"request": request}).data
    return pagination.get_paginated_response(data)


@api_view(["GET"])
def relationship_list(request):
    """Anyone may list the connections between published profiles, filtered by ?type=."""
    relationships = (
        Relationship.objects.filter(subject__published=True, object__published=True)
        .select_related("type", "subject", "object")
        .prefetch_related(
            Prefetch("citations", RelationshipCitation.objects.select_related("source"))
        )
        .order_by("pk")
    )
    type_slug = request.query_params.get("type", "")
    if type_slug:
        if not RelationshipType.objects.filter(slug=type_slug).exists():
            raise ValidationError(
                {"type": [_("There is no connection type “%(slug)s”.") % {"slug": type_slug}]}
            )
        relationships = relationships.filter(type__slug=type_slug)
    return paginated(request, relationships, RelationshipSerializer)


@api_view(["GET"])
def source_list(request):
    """Anyone may list the sources that published profiles cite, with ?q= and ?sort= as on
    /sources/."""
    params = request.query_params
    sources = public_sources(params.get("q", ""), params.get("sort", ""))
    return paginated(request, sources, SourceSummarySerializer)


@api_view(["GET"])
def source_detail(request, pk):
    """Anyone may read a source that a published profile cites (without the editors' notes)."""
    source = Source.objects.public().filter(pk=pk).first()
    if source is None:
        raise NotFound(_("There is no source %(id)s.") % {"id": pk})
    return Response(SourceSerializer(source, context={"request": request}).data)


def not_found(request, path=""):
    """Any other address under /api/: a JSON 404."""
    message = _("There is nothing at this address of the API.")
    return JsonResponse({"status": 404, "message": message}, status=404)


app_name = "api"
urlpatterns = [
    path("profiles/", profile_list, name="profiles"),
    path("profiles/<slug:slug>/", profile_detail, name="profile"),
    path("profiles/<slug:slug>/revisions/", profile_revisions, name="profile-revisions"),
    path("relationships/", relationship_list, name="relationships"),
    path("changes/", changes, name="changes"),
    path("sources/", source_list, name="sources"),
    path("sources/<int:pk>/", source_detail, name="source"),
    re_path(r"^(?P<path>.*)$", not_found),
]
