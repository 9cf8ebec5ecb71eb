import json

import pytest
from pyld import jsonld

from tests.factories import make_profile, make_source
from tests.html import parse

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"


def schema_org_loader(url, options=None):
    """The schema.org context without the network: every term is in the schema.org vocabulary."""
    assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}, url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": SCHEMA}},
    }


def json_ld(client, profile):
    scripts = parse(client.get(profile.get_absolute_url())).find_all(
        "script", type="application/ld+json"
    )
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def expanded(data):
    """The data as a JSON-LD processor reads it: [{"@type": [...], "https://schema.org/x": ...}]."""
    return jsonld.expand(data, {"documentLoader": schema_org_loader})


@pytest.mark.parametrize(
    "category, schema_type", [("non-profit", "Organization"), ("person", "Person")]
)
def test_a_profile_has_json_ld_of_the_right_type(client, category, schema_type):
    profile = make_profile("Marguerite Okafor", category=category, location="Port Verity")
    [subject] = expanded(json_ld(client, profile))
    assert subject["@type"] == [SCHEMA + schema_type]
    assert subject[SCHEMA + "name"] == [{"@value": "Marguerite Okafor"}]
    assert subject[SCHEMA + "url"] == [{"@value": "http://testserver/profiles/marguerite-okafor/"}]
    place = SCHEMA + ("homeLocation" if schema_type == "Person" else "location")
    assert subject[place][0][SCHEMA + "name"] == [{"@value": "Port Verity"}]


def test_the_json_ld_gives_the_page_dates_aliases_and_each_cited_source(client):
    first = make_source(title="Budget Hearing Minutes", authors="Ruth Ambler; Jordan Vale")
    second = make_source(title="Reading Rooms Reopen", url="", kind="book")
    profile = make_profile(
        "Alder Fund",
        aliases="AF",
        lead="One.[^a] Two.[^b] Three.[^a]",
        citations={"a": first, "b": second},
    )
    data = json_ld(client, profile)
    assert data["@context"] == "https://schema.org"
    assert data["alternateName"] == ["AF"]
    page = data["mainEntityOfPage"]
    assert page["@type"] == "ProfilePage"
    assert page["dateModified"] == profile.updated.isoformat()
    assert page["url"] == data["url"]
    citations = page["citation"]
    assert [c["name"] for c in citations] == ["Budget Hearing Minutes", "Reading Rooms Reopen"]
    assert citations[0]["author"] == ["Ruth Ambler", "Jordan Vale"]
    assert citations[0]["url"] == first.url and "url" not in citations[1]
    assert citations[1]["@type"] == "Book"
    [subject] = expanded(data)
    assert subject[SCHEMA + "mainEntityOfPage"][0]["@type"] == [SCHEMA + "ProfilePage"]


def test_text_in_the_data_cannot_end_the_script_element(client):
    profile = make_profile(
        "Alder </script><script>alert(1)</script> Fund",
        slug="alder-fund",
        lead="Quotes </script><!-- and & signs.[^first]",
    )
    response = client.get(profile.get_absolute_url())
    soup = parse(response)
    assert len(soup.find_all("script", type="application/ld+json")) == 1
    scripts = soup.find_all("script")
    assert all(s.get("src") or s["type"] == "application/ld+json" for s in scripts)
    assert json_ld(client, profile)["name"] == profile.name
    assert b"</script><script>alert" not in response.content


def test_a_profile_has_open_graph_tags_and_a_description(client):
    profile = make_profile(
        "Alder Fund", lead="The **Alder Fund** lends books in Alder Falls.[^first]"
    )
    soup = parse(client.get(profile.get_absolute_url()))

    def meta(**attrs):
        return soup.find("meta", attrs=attrs)["content"]

    assert meta(property="og:title") == "Alder Fund"
    assert meta(property="og:type") == "website"
    assert meta(property="og:url") == "http://testserver/profiles/alder-fund/"
    assert meta(property="og:description") == "The Alder Fund lends books in Alder Falls."
    assert meta(name="description") == "The Alder Fund lends books in Alder Falls."
