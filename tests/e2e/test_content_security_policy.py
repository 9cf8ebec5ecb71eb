"""Every browser test fails on a Content-Security-Policy violation (tests/e2e/conftest.py);
this proves the check sees one."""

import pytest


@pytest.mark.allows_csp_violations
def test_an_inline_script_under_the_sites_policy_is_reported(page, live_server):
    policy = "default-src 'self'; script-src 'self'; style-src 'self'"
    page.route(
        f"{live_server.url}/csp-check/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": policy},
            body="<!doctype html><title>x</title><p style='color:red'>x</p>"
            "<script>document.title = 'ran'</script>",
        ),
    )
    page.goto(f"{live_server.url}/csp-check/")
    assert page.title() == "x", "the inline script must not run"
    assert page.csp_violations, "the console must report the violation"
