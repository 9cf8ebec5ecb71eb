"""The careful fetcher: public addresses only, limits, an honest user agent, per-host pacing."""

import threading

import httpx
import pytest

from profiles.fetcher import (
    AddressRefused,
    FetchError,
    FetchTimeout,
    PublicOnlyBackend,
    is_public_address,
)
from tests.web import FakeWeb


@pytest.fixture
def fake():
    return FakeWeb()


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1"])
def test_a_host_resolving_to_a_private_address_is_refused_and_nothing_is_requested(fake, address):
    fake.dns["inside.example"] = address
    fake.page("https://inside.example/secret/", "<title>Secret</title>")
    with pytest.raises(AddressRefused, match=address.replace(".", r"\.")):
        fake.fetcher().get("https://inside.example/secret/")
    assert fake.requests == []


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1"])
def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(fake, address):
    fake.dns["inside.example"] = address
    fake.redirect("https://news.example/story/", "http://inside.example/admin/", status=302)
    with pytest.raises(AddressRefused):
        fake.fetcher().get("https://news.example/story/")
    assert fake.requests == ["https://news.example/story/"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://192.168.1.20:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://localhost:8000/",
        "http://api.localhost/",
    ],
)
def test_literal_and_local_addresses_are_refused_without_a_lookup(fake, url):
    with pytest.raises(AddressRefused):
        fake.fetcher().get(url)
    assert fake.requests == [] and fake.resolved == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(fake):
    fake.dns["mixed.example"] = ["93.184.216.34", "10.1.2.3"]
    with pytest.raises(AddressRefused):
        fake.fetcher().get("https://mixed.example/")
    assert fake.requests == []


def test_only_public_addresses_count_as_public():
    assert is_public_address("93.184.216.34")
    assert is_public_address("2606:2800:220:1:248:1893:25c8:1946")
    for address in ["172.16.0.1", "fd00::1", "ff02::1", "240.0.0.1", "192.0.2.1", "not an ip"]:
        assert not is_public_address(address), address


def test_the_real_transport_refuses_a_private_address_when_it_connects():
    """DNS rebinding: the name resolved to a public address for the check, and to a private
    one when the connection is made. The connect-time check refuses it; no socket is opened."""
    backend = PublicOnlyBackend(lambda host, port: ["10.0.0.1"])
    with pytest.raises(Exception, match="not a public address"):
        backend.connect_tcp("rebinding.example", 443)


def test_the_user_agent_names_sourcebook_and_the_site(fake, settings):
    settings.SITE_URL = "https://sourcebook.example"
    seen = {}

    def remember(request):
        seen.update(request.headers)
        return httpx.Response(200, content=b"<title>Hello</title>")

    fake.routes["https://news.example/"] = remember
    fake.fetcher().get("https://news.example/")
    assert "Sourcebook" in seen["user-agent"]
    assert "https://sourcebook.example/" in seen["user-agent"]


def test_redirects_are_followed_up_to_the_limit(fake):
    for number in range(6):
        fake.redirect(f"https://news.example/{number}", f"https://news.example/{number + 1}")
    fake.page("https://news.example/6", "<title>Here</title>")
    with pytest.raises(FetchError, match="more than 5 times"):
        fake.fetcher(max_redirects=5).get("https://news.example/0")
    page = fake.fetcher(max_redirects=6).get("https://news.example/0")
    assert page.status_code == 200 and page.final_url == "https://news.example/6"
    assert len(page.redirects) == 6


def test_a_body_larger_than_the_limit_is_cut(fake):
    fake.page("https://news.example/big", "x" * 50_000)
    page = fake.fetcher(max_bytes=1000).get("https://news.example/big")
    assert len(page.content) == 1000 and page.truncated


def test_a_timeout_is_a_fetch_timeout(fake):
    fake.timeout("https://slow.example/")
    with pytest.raises(FetchTimeout):
        fake.fetcher().get("https://slow.example/")


def test_other_schemes_are_not_fetched(fake):
    with pytest.raises(FetchError):
        fake.fetcher().get("ftp://files.example/report.pdf")
    with pytest.raises(FetchError):
        fake.fetcher().get("file:///etc/passwd")
    assert fake.requests == []


def test_at_most_the_per_host_limit_of_requests_go_to_one_host_at_once():
    fake = FakeWeb(delay=0.02)
    fake.fallback = lambda request: httpx.Response(200, content=b"ok")
    fetcher = fake.fetcher(per_host=2)
    threads = [
        threading.Thread(target=fetcher.get, args=(f"https://{host}.example/{n}",))
        for n in range(10)
        for host in ("one", "two")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fake.most_at_once == {"one.example": 2, "two.example": 2}
