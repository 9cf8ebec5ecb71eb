import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_profile, make_source
from tests.html import parse

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def xml(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def urls(client, path):
    """{location: lastmod} of a sitemap."""
    root = xml(client.get(path))
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def test_the_sitemap_index_lists_each_sitemap_with_its_last_change(client):
    profile = make_profile("Alder Fund")
    root = xml(client.get("/sitemap.xml"))
    entries = {
        entry.findtext("sm:loc", namespaces=NS): entry.findtext("sm:lastmod", namespaces=NS)
        for entry in root.findall("sm:sitemap", NS)
    }
    assert set(entries) == {
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-profiles.xml",
        "http://testserver/sitemap-sources.xml",
    }
    assert entries["http://testserver/sitemap-profiles.xml"] == profile.updated.isoformat()


def test_the_profile_sitemap_lists_published_profiles_only_with_their_last_change(client):
    published = make_profile("Alder Fund")
    make_profile("Hidden Draft", published=False)
    found = urls(client, "/sitemap-profiles.xml")
    assert found == {"http://testserver/profiles/alder-fund/": published.updated.date().isoformat()}


def test_the_source_sitemap_lists_sources_cited_by_published_profiles_only(client):
    public, private = make_source(), make_source()
    make_profile("Alder Fund", citations={"first": public})
    make_profile("Hidden Draft", citations={"first": private}, published=False)
    assert list(urls(client, "/sitemap-sources.xml")) == [f"http://testserver/sources/{public.pk}/"]


def test_the_pages_sitemap_lists_the_home_browse_recent_wanted_and_open_data_pages(client):
    assert set(urls(client, "/sitemap-pages.xml")) == {
        "http://testserver/",
        "http://testserver/profiles/",
        "http://testserver/recent/",
        "http://testserver/wanted/",
        "http://testserver/data/",
    }


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_search_and_forms(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ["/admin/", "/search/", "/suggestions/", "/tips/", "/follows/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /profiles/" not in lines


@pytest.mark.parametrize(
    "path, canonical",
    [
        ("/", "http://testserver/"),
        ("/profiles/alder-fund/", "http://testserver/profiles/alder-fund/"),
        ("/profiles/?category=non-profit", "http://testserver/profiles/?category=non-profit"),
    ],
)
def test_public_pages_name_their_canonical_address(client, path, canonical):
    make_profile("Alder Fund")
    links = parse(client.get(path)).find_all("link", rel="canonical")
    assert [link["href"] for link in links] == [canonical]


def test_search_results_ask_crawlers_not_to_index_them(client):
    robots = parse(client.get("/search/?q=fund")).find("meta", attrs={"name": "robots"})
    assert robots["content"] == "noindex, follow"
