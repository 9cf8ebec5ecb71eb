"""Rate limits on public submissions, counted per network address.

The address is the request's REMOTE_ADDR. Behind a proxy that must be the visitor's address,
not the proxy's: terminate at a proxy that speaks the PROXY protocol to gunicorn
(``--proxy-protocol`` with ``--proxy-allow-from <proxy address>``), or have the proxy pass the
client address as REMOTE_ADDR (uWSGI, mod_wsgi). Never trust X-Forwarded-For from the open
internet. Addresses are kept only as a keyed hash (HMAC-SHA256 with a secret salt); IPv6
addresses count per /64 network, which one household or server usually holds as a whole.

The counters must be shared by every worker process. With Redis configured (REDIS_URL) they
live in the cache, which increments atomically; on the zero-setup SQLite install they are rows of
RateLimitCounter, incremented with F() inside a transaction.
"""

import functools
import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone

from editorial.models import RateLimitCounter


@dataclass(frozen=True)
class Limit:
    seconds: int
    count: int


@dataclass(frozen=True)
class Exceeded:
    limit: Limit
    retry_at: datetime

    @property
    def retry_after(self):
        """Whole seconds until the window resets, for the Retry-After header."""
        return max(1, int((self.retry_at - timezone.now()).total_seconds() + 0.999))


SETTINGS = {
    "submit": "EDITORIAL_RATE_LIMITS",
    "preview": "EDITORIAL_PREVIEW_RATE_LIMITS",
    # Reading a page from another site for its details ("fill in from the page").
    "lookup": "EDITORIAL_LOOKUP_RATE_LIMITS",
}


def configured_limits(scope):
    return [Limit(seconds, count) for seconds, count in getattr(settings, SETTINGS[scope])]


def client_address(request):
    address = request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def address_hash(request):
    """A keyed hash of the client address: comparable, but not reversible without the salt."""
    salt = (settings.EDITORIAL_ADDRESS_SALT or settings.SECRET_KEY).encode()
    return hmac.new(salt, client_address(request).encode(), hashlib.sha256).hexdigest()


def window_start(now, seconds):
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


def count_in_database(key, start):
    counters = RateLimitCounter.objects.filter(key=key, window_start=start)
    with transaction.atomic():
        if counters.update(count=F("count") + 1) == 0:
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:
                # Another worker opened the window first; count on its row.
                counters.update(count=F("count") + 1)
            else:
                RateLimitCounter.objects.filter(window_start__lt=start - timedelta(days=2)).delete()
        return counters.values_list("count", flat=True).get()


def count_in_cache(key, seconds):
    cache.add(key, 0, timeout=seconds + 5)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=seconds + 5)
        return 1


def register_attempt(address, scope="submit"):
    """Count one attempt against every limit of the scope; return how it was exceeded, or None."""
    now = timezone.now()
    exceeded = None
    for limit in configured_limits(scope):
        start = window_start(now, limit.seconds)
        key = f"ratelimit:{scope}:{address}:{limit.seconds}"
        if settings.REDIS_URL:
            count = count_in_cache(f"{key}:{int(start.timestamp())}", limit.seconds)
        else:
            count = count_in_database(key, start)
        if count > limit.count:
            retry_at = start + timedelta(seconds=limit.seconds)
            if exceeded is None or retry_at > exceeded.retry_at:
                exceeded = Exceeded(limit, retry_at)
    return exceeded


SITE_WIDE = "site"


def site_ceiling_reached():
    """Count one submission against the site-wide ceiling; True beyond it."""
    limit = Limit(60, settings.EDITORIAL_SITE_SUBMISSIONS_PER_MINUTE)
    start = window_start(timezone.now(), limit.seconds)
    key = f"ratelimit:{SITE_WIDE}:{limit.seconds}"
    if settings.REDIS_URL:
        count = count_in_cache(f"{key}:{int(start.timestamp())}", limit.seconds)
    else:
        count = count_in_database(key, start)
    return count > limit.count


def too_many_requests(request, exceeded):
    """The 429 page, with the Retry-After header."""
    response = render(request, "editorial/rate_limited.html", {"exceeded": exceeded}, status=429)
    response["Retry-After"] = str(exceeded.retry_after)
    return response


def rate_limited(view=None, *, scope="submit"):
    """Answer 429 when the client sent too many requests of the scope ("submit" for what is
    stored, "preview" for the cheaper preview, "lookup" for fetching another site's page).
    Put it under @require_POST."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            exceeded = register_attempt(address_hash(request), scope)
            if exceeded:
                return too_many_requests(request, exceeded)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view else decorator
