"""The one way Sourcebook reaches out to other sites: link checks, archive look-ups, metadata.

A Fetcher only talks to public addresses. Before each request, the first and every redirect,
it resolves the host name and refuses the request when any address it resolves to is not a
public one (loopback, private, link-local, multicast, reserved, shared, unspecified), so a
source URL can never make the server reach into its own network. The real transport checks
again at connect time, on the address it actually connects to, so a name that resolves to a
public address for the check and a private one a moment later (DNS rebinding) is refused too.
Names reserved for examples and tests (``.example``, ``.test``, ``.invalid``, ``.localhost``)
are refused without asking DNS: the demo's sources are checked without any network traffic.

It also limits time (connect, each read, and the whole response), size (the body is cut at
``max_bytes``) and redirects, sends a user agent that names Sourcebook and the site, and
keeps at most ``per_host`` requests to one host at once (per process: several workers each
keep their own limit).

Tests pass ``transport=httpx.MockTransport(handler)`` and ``resolver=`` a function that maps
host names to addresses, so no test touches the network (tests/conftest.py makes sure).
"""

import ipaddress
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext as _

# RFC 6761 and RFC 8375 names that never lead to a public site.
RESERVED_SUFFIXES = (
    ".example",
    ".test",
    ".invalid",
    ".localhost",
    ".local",
    ".internal",
    ".home.arpa",
    ".onion",
)
REDIRECT_CODES = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A page that could not be fetched; the message says why in a sentence."""


class AddressRefused(FetchError):
    """The address is not a public one, so nothing was requested."""


class FetchTimeout(FetchError):
    """The site took too long to answer."""


@dataclass
class FetchedPage:
    url: str
    final_url: str
    status_code: int
    headers: httpx.Headers
    content: bytes
    redirects: list = field(default_factory=list)
    truncated: bool = False

    @property
    def text(self):
        """The body decoded with the charset the server named (UTF-8 otherwise)."""
        charset = httpx.Response(200, headers=self.headers).charset_encoding or "utf-8"
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")

    @property
    def is_html(self):
        content_type = self.headers.get("content-type", "text/html").lower()
        return "html" in content_type or "xml" in content_type


def user_agent():
    if not settings.SITE_URL:
        return "Sourcebook link checker"
    return f"Sourcebook link checker (+{settings.SITE_URL.rstrip('/')}/)"


def system_resolver(host, port):
    """The addresses the machine's resolver gives for a host name. Names reserved for examples
    and tests are refused without asking it."""
    if host.endswith(RESERVED_SUFFIXES):
        raise AddressRefused(
            _("%(host)s is a name reserved for examples and tests, not a site on the internet.")
            % {"host": host}
        )
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(
            _("The name %(host)s could not be found (%(error)s).") % {"host": host, "error": error}
        ) from error
    return [info[4][0] for info in infos]


def is_public_address(address):
    """Whether an IP address (text) is one on the public internet."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
    )


def refuse_unless_public(host, port, resolver):
    """The host's addresses if every one is public; else AddressRefused, before any request."""
    name = (host or "").rstrip(".").lower()
    if not name:
        raise AddressRefused(_("The address has no host name."))
    if name == "localhost" or name.endswith(".localhost"):
        raise AddressRefused(_("%(host)s is this machine, not a public site.") % {"host": name})
    try:
        addresses = [str(ipaddress.ip_address(name.strip("[]")))]
    except ValueError:
        addresses = resolver(name, port)
    if not addresses:
        raise FetchError(_("The name %(host)s has no address.") % {"host": name})
    private = [address for address in addresses if not is_public_address(address)]
    if private:
        raise AddressRefused(
            _(
                "%(host)s leads to %(address)s, which is not a public address, so Sourcebook "
                "does not fetch it."
            )
            % {"host": name, "address": private[0]}
        )
    return addresses


class PublicOnlyBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to the public addresses of a host."""

    def __init__(self, resolver):
        self.resolver = resolver

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = refuse_unless_public(host, port, self.resolver)
        except FetchError as error:
            raise httpcore.ConnectError(str(error)) from error
        last_error = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                last_error = error
        raise last_error


class PublicOnlyTransport(httpx.HTTPTransport):
    """httpx's transport with the connect-time address check, and no proxy from the
    environment (a proxy would make the check look at the proxy's address)."""

    def __init__(self, resolver=system_resolver):
        super().__init__(trust_env=False)
        # httpx builds its pool without a way to pass a network backend; this is that pool
        # with one (httpcore.ConnectionPool's own, documented parameter).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            network_backend=PublicOnlyBackend(resolver),
        )


class HostLimits:
    """At most ``per_host`` requests to one host at once, across the threads of a process."""

    def __init__(self, per_host):
        self.per_host = per_host
        self.lock = threading.Lock()
        self.semaphores = {}

    @contextmanager
    def slot(self, host):
        with self.lock:
            semaphore = self.semaphores.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with semaphore:
            yield


class Fetcher:
    """GET pages from public addresses only, within limits. Thread-safe: the link checker
    shares one between the threads of a batch."""

    def __init__(
        self,
        *,
        transport=None,
        resolver=None,
        timeout=None,
        max_bytes=None,
        max_redirects=None,
        per_host=None,
    ):
        self.resolver = resolver or system_resolver
        self.timeout = timeout if timeout is not None else settings.FETCH_TIMEOUT_SECONDS
        self.max_bytes = max_bytes if max_bytes is not None else settings.FETCH_MAX_BYTES
        self.max_redirects = (
            max_redirects if max_redirects is not None else settings.FETCH_MAX_REDIRECTS
        )
        self.limits = HostLimits(per_host or settings.FETCH_PER_HOST)
        self.client = httpx.Client(
            transport=transport or PublicOnlyTransport(self.resolver),
            timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0)),
            headers={"User-Agent": user_agent(), "Accept": "text/html,*/*;q=0.8"},
            follow_redirects=False,
            trust_env=False,
        )

    def close(self):
        self.client.close()

    def get(self, url, *, max_bytes=None):
        """The page at ``url`` after at most ``max_redirects`` redirects, its body cut at
        ``max_bytes``. Raises AddressRefused, FetchTimeout or FetchError, never anything else
        for a bad site."""
        max_bytes = max_bytes or self.max_bytes
        deadline = time.monotonic() + self.timeout * 3
        redirects = []
        current = url
        try:
            request = self.client.build_request("GET", current)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as error:
            raise FetchError(_("This is not a web address Sourcebook can fetch.")) from error
        while True:
            if request.url.scheme not in ("http", "https"):
                raise FetchError(_("Only http and https addresses are fetched."))
            refuse_unless_public(request.url.host, request.url.port, self.resolver)
            with self.limits.slot(request.url.host):
                response = self.send(request)
                try:
                    if response.status_code in REDIRECT_CODES and "location" in response.headers:
                        next_request = self.next_request(response, redirects)
                        response.close()
                        request = next_request
                        continue
                    content, truncated = self.read(response, max_bytes, deadline)
                finally:
                    response.close()
            return FetchedPage(
                url=url,
                final_url=str(request.url),
                status_code=response.status_code,
                headers=response.headers,
                content=content,
                redirects=redirects,
                truncated=truncated,
            )

    def send(self, request):
        try:
            return self.client.send(request, stream=True)
        except httpx.TimeoutException as error:
            raise FetchTimeout(_("The site did not answer in time.")) from error
        except httpx.HTTPError as error:
            raise FetchError(
                _("The site could not be reached (%(error)s).") % {"error": error or type(error)}
            ) from error

    def next_request(self, response, redirects):
        if len(redirects) >= self.max_redirects:
            raise FetchError(
                _("The address redirects more than %(count)s times.")
                % {"count": self.max_redirects}
            )
        try:
            location = response.url.join(response.headers["location"])
        except (httpx.InvalidURL, ValueError) as error:
            raise FetchError(_("The site redirects to an address that is not valid.")) from error
        redirects.append(str(location))
        return self.client.build_request("GET", location)

    def read(self, response, max_bytes, deadline):
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size >= max_bytes:
                    return b"".join(chunks)[:max_bytes], True
                if time.monotonic() > deadline:
                    raise FetchTimeout(_("The site took too long to send the page."))
        except httpx.TimeoutException as error:
            raise FetchTimeout(_("The site did not answer in time.")) from error
        except httpx.HTTPError as error:
            raise FetchError(
                _("The page could not be read (%(error)s).") % {"error": error}
            ) from error
        return b"".join(chunks), False


def default_fetcher():
    """A Fetcher with the configured limits and the real network (tests replace it)."""
    return Fetcher()
