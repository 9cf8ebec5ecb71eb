"""The page cache: anonymous readers get a stored copy of a public page without the view
running at all, and a revalidation with a matching ETag gets a 304 without a render.

A page is stored only when nothing in it belongs to one visitor: a GET or HEAD without a
session or messages cookie, answered 200 by one of the public views below, that set no
cookie, used no CSRF token and is not marked private or never-cache. Its key carries the page
generation (profiles.page_generation), which every write of something a public page shows
replaces, so the next request after a write renders the page afresh.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from profiles.page_generation import current_generation, page_cache

# The pages every anonymous reader sees alike (URL names); anything else is never stored.
CACHED_VIEWS = {
    "profiles:home",
    "profiles:browse",
    "profiles:detail",
    "profiles:history",
    "profiles:history_feed",
    "profiles:revision",
    "profiles:diff",
    "profiles:recent",
    "profiles:recent_feed",
    "profiles:source",
    "profiles:wanted",
    "profiles:search",
    "profiles:sitemap",
    "profiles:sitemap-section",
    "api:profiles",
    "api:profile",
    "api:profile-revisions",
    "api:relationships",
    "api:changes",
    "api:source",
}
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_answer_from_cache(request):
            return self.get_response(request)
        key = self.key(request, current_generation())
        stored = page_cache().get(key)
        if stored is not None:
            return self.replay(request, stored)
        response = self.get_response(request)
        if self.may_store(request, response):
            page_cache().set(key, self.freeze(response), settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def may_answer_from_cache(request):
        """Readers who may see something of their own (a session: editors, contributors; a
        message waiting) always reach the view."""
        return (
            settings.PAGE_CACHE
            and request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and CookieStorage.cookie_name not in request.COOKIES
        )

    @staticmethod
    def key(request, generation):
        address = request.build_absolute_uri().encode()  # scheme and host: absolute links
        return f"page:{generation}:{hashlib.sha256(address).hexdigest()}"

    @staticmethod
    def may_store(request, response):
        match = getattr(request, "resolver_match", None)
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(directive in cache_control for directive in PRIVATE_DIRECTIVES)
            and match is not None
            and match.view_name in CACHED_VIEWS
        )

    @staticmethod
    def freeze(response):
        return (response.status_code, list(response.headers.items()), response.content)

    @staticmethod
    def replay(request, stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        etag = response.get("ETag")
        return get_conditional_response(request, etag=etag, response=response) or response
