"""A fake web for tests: pages by URL behind httpx's MockTransport, and a fake DNS.

    web = FakeWeb()
    web.page("https://news.example/story/", "<title>Story</title>")
    web.status("https://news.example/gone/", 404)
    web.redirect("https://news.example/old/", "https://news.example/")
    web.dns["inside.example"] = "10.0.0.1"
    use_fake_web  # the fixture: profiles' default fetcher is then this web's

Every host resolves to a public address unless ``dns`` says otherwise. ``requests`` lists the
URLs asked for, ``resolved`` the host names looked up, and ``most_at_once`` the highest number
of requests one host had in flight at the same moment.
"""

import threading
import time
from pathlib import Path

import httpx

from profiles.fetcher import Fetcher

PUBLIC_ADDRESS = "93.184.216.34"
PAGES = Path(__file__).parent / "fixtures" / "pages"


class FakeWeb:
    def __init__(self, *, delay=0.0):
        self.routes = {}
        self.dns = {}
        self.requests = []
        self.resolved = []
        self.delay = delay
        self.lock = threading.Lock()
        self.in_flight = {}
        self.most_at_once = {}
        self.fallback = None
        self.hosts = {}
        self.archived = {}  # url: [(timestamp, status)] the Wayback Machine holds

    # Pages ----------------------------------------------------------------------------------

    def page(self, url, html, *, status=200, content_type="text/html; charset=utf-8"):
        self.routes[url] = lambda request: httpx.Response(
            status, content=html.encode(), headers={"content-type": content_type}
        )

    def fixture_page(self, url, name):
        self.page(url, (PAGES / name).read_text())

    def status(self, url, status):
        self.page(url, f"<title>{status}</title>", status=status)

    def redirect(self, url, location, status=301):
        self.routes[url] = lambda request: httpx.Response(status, headers={"location": location})

    def json(self, url, data):
        self.routes[url] = lambda request: httpx.Response(200, json=data)

    def timeout(self, url):
        def time_out(request):
            raise httpx.ReadTimeout("timed out", request=request)

        self.routes[url] = time_out

    def unreachable(self, url):
        def refuse(request):
            raise httpx.ConnectError("connection refused", request=request)

        self.routes[url] = refuse

    def archive_copy(self, url, timestamp, status="200"):
        """The fake Wayback Machine holds a copy of ``url`` made at ``timestamp``."""
        self.archived.setdefault(url, []).append((timestamp, status))
        self.hosts["archive.org"] = self.hosts["web.archive.org"] = self.wayback

    def wayback(self, request):
        """The availability API (closest copy to ?timestamp=) and the CDX API (copies ?to=)."""
        url = request.url.params.get("url", "")
        copies = sorted(self.archived.get(url, []))
        if request.url.path == "/wayback/available":
            wanted = request.url.params.get("timestamp", "99999999")[:8]
            if not copies:
                return httpx.Response(200, json={"url": url, "archived_snapshots": {}})
            stamp, status = min(copies, key=lambda copy: abs(int(copy[0][:8]) - int(wanted)))
            closest = {
                "available": True,
                "status": status,
                "timestamp": stamp,
                "url": f"http://web.archive.org/web/{stamp}/{url}",
            }
            return httpx.Response(200, json={"archived_snapshots": {"closest": closest}})
        if request.url.path == "/cdx/search/cdx":
            to = request.url.params.get("to", "99999999")
            rows = [[stamp, url] for stamp, status in copies if stamp[:8] <= to and status == "200"]
            return httpx.Response(200, json=[["timestamp", "original"], *rows[-1:]] if rows else [])
        return httpx.Response(404)

    # The transport and the resolver ---------------------------------------------------------

    def handle(self, request):
        host = request.url.host
        with self.lock:
            self.requests.append(str(request.url))
            self.in_flight[host] = self.in_flight.get(host, 0) + 1
            self.most_at_once[host] = max(self.most_at_once.get(host, 0), self.in_flight[host])
        try:
            if self.delay:
                time.sleep(self.delay)
            route = self.routes.get(str(request.url)) or self.hosts.get(host) or self.fallback
            if route is None:
                return httpx.Response(404, content=b"<title>Not here</title>")
            return route(request)
        finally:
            with self.lock:
                self.in_flight[host] -= 1

    def resolve(self, host, port):
        with self.lock:
            self.resolved.append(host)
        address = self.dns.get(host, PUBLIC_ADDRESS)
        return address if isinstance(address, list) else [address]

    def fetcher(self, **limits):
        return Fetcher(transport=httpx.MockTransport(self.handle), resolver=self.resolve, **limits)
