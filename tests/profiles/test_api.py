import pytest
import reversion
from reversion.models import Version

from profiles.models import FormerSlug
from tests.factories import make_profile, make_source

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_list_gives_published_profiles_a_page_at_a_time(client, editor):
    source = make_source()
    make_profile("Alder Fund", citations={"first": source}, location="Alder Falls")
    make_profile("Bayside Union", category="labor-union", citations={"first": source})
    make_profile("Hidden Draft", published=False, citations={"first": source})
    client.force_login(editor)  # even an editor sees only published profiles here
    data = get_json(client, "/api/profiles/")
    assert data["count"] == 2
    assert data["next"] is None and data["previous"] is None
    first = data["results"][0]
    assert first["slug"] == "alder-fund"
    assert first["category"] == {"slug": "non-profit", "name": "Non-profit", "is_person": False}
    assert first["location"] == "Alder Falls"
    assert first["api_url"] == "http://testserver/api/profiles/alder-fund/"
    assert first["html_url"] == "http://testserver/profiles/alder-fund/"


def test_the_list_takes_the_browse_filters(client):
    source = make_source()
    make_profile("Alder Fund", citations={"first": source}, types=["Literacy"])
    make_profile("Bayside Union", category="labor-union", citations={"first": source})
    slugs = [
        p["slug"] for p in get_json(client, "/api/profiles/", category="labor-union")["results"]
    ]
    assert slugs == ["bayside-union"]
    slugs = [
        p["slug"]
        for p in get_json(client, "/api/profiles/", type="literacy", letter="a")["results"]
    ]
    assert slugs == ["alder-fund"]


def test_an_unknown_filter_value_is_a_json_400(client):
    data = get_json(client, "/api/profiles/", 400, category="no-such-category")
    assert data["status"] == 400
    assert "no-such-category" in str(data["errors"]["category"])


def test_pages_link_to_each_other(client, monkeypatch):
    from profiles.api import Pagination

    monkeypatch.setattr(Pagination, "page_size", 2)
    source = make_source()
    for name in ["Alpha Fund", "Beta Fund", "Gamma Fund"]:
        make_profile(name, citations={"first": source})
    first = get_json(client, "/api/profiles/")
    assert first["next"] == "http://testserver/api/profiles/?page=2"
    second = get_json(client, "/api/profiles/", page=2)
    assert [p["slug"] for p in second["results"]] == ["gamma-fund"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1.5", "\x00"])
def test_a_bad_page_number_is_a_json_400_with_a_message(client, page):
    make_profile()
    data = get_json(client, "/api/profiles/", 400, page=page)
    assert data["status"] == 400
    assert data["message"].startswith("There is no page")


def test_a_profile_gives_every_field_its_facts_citations_sources_and_revision(client, editor):
    source = make_source(title="Budget Hearing Minutes", notes="Editors only: check the date.")
    profile = make_profile(
        "Alder Fund",
        aliases="AF\nAlder Foundation",
        types=["Literacy"],
        facts=[("Formation", "2004[^first]")],
        citations={"first": source},
        user=editor,
    )
    data = get_json(client, "/api/profiles/alder-fund/")
    assert data["name"] == "Alder Fund"
    assert data["aliases"] == ["AF", "Alder Foundation"]
    assert data["types"] == [{"slug": "literacy", "name": "Literacy"}]
    assert data["lead"] == profile.lead
    assert data["lead_html"] == profile.lead_html and "<sup" in data["lead_html"]
    assert data["body"] == profile.body and data["body_html"] == profile.body_html
    assert data["toc"] == [{"level": 2, "title": "Background", "anchor": "background"}]
    assert data["facts"][0]["label"] == "Formation"
    assert data["facts"][0]["value"] == "2004[^first]"
    citation = data["citations"][0]
    assert citation["key"] == "first" and citation["accessed"] == "2026-10-01"
    assert citation["source"]["title"] == "Budget Hearing Minutes"
    assert citation["source"]["api_url"] == f"http://testserver/api/sources/{source.pk}/"
    latest = Version.objects.get_for_object(profile).first().revision_id
    assert data["current_revision"] == latest
    assert "Editors only" not in str(data) and "notes" not in citation["source"]


def test_a_profile_lists_its_revisions_newest_first(client, editor):
    profile = make_profile("Alder Fund", user=editor, comment="Created the profile.")
    with reversion.create_revision():
        reversion.set_comment("Fixed a typo.")
        profile.lead = "The Alder Fund runs reading programs in Alder Falls.[^first]"
        profile.save()
    data = get_json(client, "/api/profiles/alder-fund/revisions/")
    assert [(r["user"], r["comment"]) for r in data["results"]] == [
        (None, "Fixed a typo."),
        ("Edith", "Created the profile."),
    ]
    assert data["results"][0]["id"] > data["results"][1]["id"]
    assert data["results"][0]["date"]


def test_a_source_gives_its_public_fields(client):
    source = make_source(title="Budget Hearing Minutes", notes="Editors only.")
    make_profile("Alder Fund", citations={"first": source})
    data = get_json(client, f"/api/sources/{source.pk}/")
    assert data["title"] == "Budget Hearing Minutes"
    assert data["url"] == source.url
    assert data["published_date"] == "2020-05-17"
    assert "notes" not in data


@pytest.mark.parametrize(
    "url",
    [
        "/api/profiles/no-such-profile/",
        "/api/profiles/hidden-draft/",
        "/api/profiles/no-such-profile/revisions/",
        "/api/sources/999999/",
        "/api/no-such-thing/",
    ],
)
def test_an_unknown_or_unpublished_address_is_a_json_404_with_a_message(client, url):
    make_profile("Hidden Draft", published=False)
    data = get_json(client, url, 404)
    assert data["status"] == 404
    assert data["message"]


def test_a_former_slug_redirects_permanently_to_the_current_one(client):
    profile = make_profile("Alder Fund")
    with reversion.create_revision():
        FormerSlug.objects.create(slug="old-alder-fund", profile=profile)
    response = client.get("/api/profiles/old-alder-fund/")
    assert response.status_code == 301
    assert response["Location"] == "/api/profiles/alder-fund/"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_refuses_to_change_anything_with_a_json_405(client, method):
    make_profile("Alder Fund")
    for url in ["/api/profiles/", "/api/profiles/alder-fund/"]:
        response = getattr(client, method)(url, {"name": "Vandal"}, content_type="application/json")
        assert response.status_code == 405
        assert response.json()["status"] == 405
        assert "GET" in response["Allow"]


def test_any_website_may_read_the_api_but_not_send_credentials(client):
    make_profile("Alder Fund")
    response = client.get("/api/profiles/", headers={"Origin": "https://elsewhere.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/profiles/",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/profiles/", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in page, "only the API is open to other sites"


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_query_count_does_not_grow_with_profiles(client, django_assert_num_queries, count):
    source = make_source()
    for number in range(count):
        make_profile(f"Alder Fund {number}", types=["Literacy"], citations={"first": source})
    # the count, the page of profiles (with categories), their types
    with django_assert_num_queries(3):
        get_json(client, "/api/profiles/")


@pytest.mark.parametrize("citations", [1, 30])
def test_the_profile_query_count_does_not_grow_with_citations(
    client, django_assert_num_queries, citations
):
    sources = {f"s{i}": make_source() for i in range(citations)}
    body = "## Record\n\n" + " ".join(f"Fact.[^s{i}]" for i in range(citations))
    make_profile("Alder Fund", body=body, citations=sources, facts=[("Formation", "2004")])
    # profile with category, types, facts with labels, citations with sources, filings,
    # revision, connections
    with django_assert_num_queries(7):
        data = get_json(client, "/api/profiles/alder-fund/")
    assert len(data["citations"]) == citations
