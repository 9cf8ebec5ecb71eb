from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class PublicCacheMiddleware:
    """Let browsers and a caching proxy keep anonymous pages for a short while.

    Only a successful GET or HEAD by an anonymous visitor that sets no cookie is marked public;
    Django's own Vary: Cookie keeps a visitor with a session or CSRF cookie out of the shared
    entry. Everything else (the admin, forms that set a CSRF cookie, editors' views) is private.
    ConditionalGetMiddleware adds the ETag, so a revalidation costs a 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if self.is_public(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_CACHE_SECONDS,
                s_maxage=settings.PROXY_CACHE_SECONDS,
            )
            # A proxy must not hand this copy to a visitor with a session cookie.
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def is_public(request, response):
        user = getattr(request, "user", None)
        return (
            request.method in {"GET", "HEAD"}
            and response.status_code in {200, 301, 404}
            and not response.cookies
            and not (user is not None and user.is_authenticated)
            and not request.path.startswith("/admin/")
        )
