"""docs/nginx.conf in front of Sourcebook: nginx keeps anonymous pages, revalidates them once
they are older than s-maxage (so a write shows through within two seconds), and never keeps or
hands out a page of a logged-in editor or one that sets a cookie."""

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from profiles.services import save_profile
from tests.factories import make_profile
from tests.servers import free_port, gunicorn, wait_for

DOCS_CONFIG = Path(settings.BASE_DIR) / "docs" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# nginx counts a copy's age in whole seconds, so a copy kept for s-maxage=N is due for a
# check after at most N + 1 seconds.
PAST_DUE = settings.PROXY_CACHE_SECONDS + 1.2

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)"
)


def nginx_config(folder, port, upstream):
    """The documented configuration, pointed at the test's server and folders."""
    site = DOCS_CONFIG.read_text()
    site = site.replace("/var/cache/nginx/sourcebook", str(folder / "cache"))
    site = site.replace("server 127.0.0.1:8000;", f"server {upstream};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    (folder / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"{kind}_temp_path {folder / kind};\n" for kind in ("client_body", "proxy", "fastcgi")
    )
    temp += "".join(f"{kind}_temp_path {folder / kind};\n" for kind in ("uwsgi", "scgi"))
    main = (
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\nevents {{}}\n"
        f"http {{\naccess_log off;\n{temp}include {folder / 'site.conf'};\n}}\n"
    )
    (folder / "nginx.conf").write_text(main)
    return folder / "nginx.conf"


@pytest.fixture
def proxy(tmp_path, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "var" / "cache" / "pages"),
        },
    }
    with gunicorn(tmp_path / "var") as upstream:
        port = free_port()
        config = nginx_config(tmp_path, port, upstream.removeprefix("http://"))
        nginx = subprocess.Popen([NGINX, "-c", str(config), "-g", "daemon off;"])
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(lambda: fetch(url + "/robots.txt") is not None, 30, "nginx never answered.")
            yield url
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)


def fetch(url, cookie=None):
    """(X-Cache-Status, body) of one request through nginx, or None if it does not answer."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("X-Cache-Status"), response.read().decode()
    except OSError:
        return None


@pytest.mark.django_db(transaction=True)
def test_nginx_keeps_an_anonymous_page_and_shows_a_write_once_it_revalidates(proxy):
    profile = make_profile()
    page = proxy + profile.get_absolute_url()
    assert fetch(page)[0] == "MISS"
    assert fetch(page)[0] == "HIT"
    profile.lead = "The fund now lends tablets as well.[^first]"
    save_profile(profile, user=None, comment="New lead.")
    time.sleep(PAST_DUE)
    status, body = fetch(page)
    assert "lends tablets" in body, status
    assert status in {"EXPIRED", "MISS"}


@pytest.mark.django_db(transaction=True)
def test_nginx_revalidates_an_unchanged_page_with_a_304(proxy):
    profile = make_profile()
    page = proxy + profile.get_absolute_url()
    fetch(page)
    time.sleep(PAST_DUE)
    assert fetch(page)[0] == "REVALIDATED"


@pytest.mark.django_db(transaction=True)
def test_a_visitor_with_a_session_goes_past_nginx_and_their_page_is_not_kept(proxy):
    profile = make_profile()
    page = proxy + profile.get_absolute_url()
    assert fetch(page, cookie="sessionid=anything")[0] == "BYPASS"
    assert fetch(page)[0] == "MISS"


@pytest.mark.django_db(transaction=True)
def test_nginx_never_keeps_a_page_that_sets_a_cookie(proxy):
    login = proxy + "/admin/login/"
    assert fetch(login)[0] == "MISS"
    assert fetch(login)[0] == "MISS"
