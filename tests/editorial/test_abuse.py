import hashlib
import re
import socket
import threading
import time
from datetime import UTC, datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from editorial import ratelimit
from editorial.abuse import started_token
from editorial.models import RateLimitCounter, Suggestion
from tests.editorial.submitting import (
    field_errors,
    filled_in,
    form_fields,
    preview_edit,
    send_report,
)
from tests.factories import make_profile
from tests.html import parse

pytestmark = pytest.mark.django_db

A_MOMENT = datetime(2026, 5, 4, 12, 0, 20, tzinfo=UTC)


def send_edit_directly(client, profile, **values):
    """Post the suggest form straight to the send endpoint (validation happens first)."""
    page = client.get(reverse("editorial:suggest_edit", args=[profile.slug]))
    data = filled_in(page, **values)
    return client.post(reverse("editorial:suggest_edit_send", args=[profile.slug]), data)


BAD_INPUT = {
    "an empty message": (
        {"location": "Port Verity", "message": ""},
        "Tell the editors what is wrong and where the new information comes from.",
    ),
    "a 1 MB body": (
        {"body": "Filler text. " * 80_660, "message": "More detail."},
        "This text is too long",
    ),
    "NUL bytes": (
        {"location": "Port\x00Verity", "message": "Shorter name."},
        "Null characters are not allowed.",
    ),
    "30 links": (
        {
            "location": "Port Verity",
            "message": " ".join(f"https://spam{n}.example/offer" for n in range(30)),
        },
        "Your suggestion adds 30 links; at most 10 are allowed",
    ),
    "an unknown marker key": (
        {"lead": "The fund runs reading programs.[^made-up]", "message": "Better wording."},
        "The marker [^made-up] does not match any citation of this profile.",
    ),
    "a javascript: source": (
        {
            "lead": "The fund runs reading programs.[^new]",
            "message": "New source.",
            "source-0-key": "new",
            "source-0-url": "javascript:alert(document.cookie)",
            "source-0-title": "Click me",
        },
        "starting with http:// or https://",
    ),
}


@pytest.mark.parametrize("values, error", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_a_clear_form_error_stores_nothing_and_keeps_what_was_typed(
    client, profile, values, error
):
    response = send_edit_directly(client, profile, **values)
    assert response.status_code == 200
    assert error in field_errors(response)
    assert Suggestion.objects.count() == 0
    kept = form_fields(parse(response).select_one("main form"))
    for name, value in values.items():
        if "\x00" in value:  # the page shows it with the NUL replaced, as browsers do
            assert kept[name].replace("\ufffd", "\x00") == value
        else:
            assert kept[name] == value, name


def test_the_ninth_submission_in_a_minute_from_one_address_gets_a_429(client, profile):
    with mock.patch("editorial.ratelimit.timezone.now", return_value=A_MOMENT):
        for number in range(8):
            response = send_report(client, profile, message=f"Mistake number {number}.")
            assert response.status_code == 302, number
        refused = send_report(client, profile, message="Mistake number 9.")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    page = BeautifulSoup(refused.content.decode(), "lxml")
    assert "You can send again after" in page.get_text()
    assert page.find("time")["datetime"] == "2026-05-04T12:01:00+00:00"
    assert Suggestion.objects.count() == 8


def test_the_daily_limit_holds_across_minutes(client, profile, settings):
    settings.EDITORIAL_RATE_LIMITS = [(60, 8), (24 * 3600, 3)]
    for minute in range(4):
        moment = A_MOMENT.replace(minute=minute)
        with mock.patch("editorial.ratelimit.timezone.now", return_value=moment):
            response = send_report(client, profile, message=f"Mistake in minute {minute}.")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 11 * 3600
    assert Suggestion.objects.count() == 3


def test_each_network_address_has_its_own_limit_and_an_ipv6_network_counts_as_one(profile):
    def attempts(address, count):
        request = mock.Mock(META={"REMOTE_ADDR": address})
        key = ratelimit.address_hash(request)
        return [ratelimit.register_attempt(key) for _ in range(count)]

    with mock.patch("editorial.ratelimit.timezone.now", return_value=A_MOMENT):
        assert attempts("203.0.113.5", 8) == [None] * 8
        assert attempts("203.0.113.6", 8) == [None] * 8
        assert attempts("2001:db8:1:2::10", 4) == [None] * 4
        assert attempts("2001:db8:1:2::99", 4) == [None] * 4
        assert attempts("2001:db8:1:2:aaaa::1", 1)[0] is not None
        assert attempts("203.0.113.5", 1)[0] is not None


def test_the_address_is_stored_only_as_a_salted_hash(client, profile):
    send_report(client, profile, message="The founding year is wrong.", REMOTE_ADDR="203.0.113.5")
    report = Suggestion.objects.get()
    assert len(report.address_hash) == 64
    assert report.address_hash != hashlib.sha256(b"203.0.113.5").hexdigest()
    stored = [str(value) for value in Suggestion.objects.values().get().values()]
    assert not any("203.0.113.5" in value for value in stored)
    assert not any(
        "203.0.113.5" in key for key in RateLimitCounter.objects.values_list("key", flat=True)
    )


def test_a_filled_honeypot_is_quarantined_as_spam_not_dropped(client, profile):
    response = send_report(
        client, profile, message="Cheap pills.", homepage="https://pills.example"
    )
    report = Suggestion.objects.get()
    assert response["Location"] == reverse("editorial:sent", args=[report.token])
    assert report.status == "spam"
    assert report.spam_reason == "The hidden honeypot field was filled in."


def test_a_form_sent_faster_than_a_person_can_is_quarantined_as_spam(client, profile):
    page = client.get(reverse("editorial:report_error", args=[profile.slug]))
    data = filled_in(page, message="Instant message.")
    data["started"] = started_token(time.time() - 0.5)
    client.post(reverse("editorial:report_error_send", args=[profile.slug]), data)
    report = Suggestion.objects.get()
    assert report.status == "spam"
    # "Sent 0.5 seconds after the form was shown." (more on a busy machine, under 3)
    assert re.fullmatch(r"Sent [0-2]\.\d seconds after the form was shown\.", report.spam_reason)


def test_a_tampered_or_expired_form_timestamp_is_an_error_with_a_fresh_one(client, profile):
    page = client.get(reverse("editorial:report_error", args=[profile.slug]))
    data = filled_in(page, message="The year is wrong.")
    data["started"] = started_token(time.time() - 30 * 24 * 3600)
    response = client.post(reverse("editorial:report_error_send", args=[profile.slug]), data)
    assert "This form was open for too long" in field_errors(response)
    fields = form_fields(parse(response).select_one("main form"))
    assert fields["message"] == "The year is wrong."
    assert fields["started"] != data["started"]
    assert Suggestion.objects.count() == 0


def test_the_same_suggestion_sent_twice_is_stored_once(client, profile):
    send_report(client, profile, message="The founding year is wrong.")
    again = send_report(client, profile, message="The  founding year is WRONG.")
    assert again.status_code == 200
    assert "We already have exactly this" in field_errors(again)
    assert Suggestion.objects.count() == 1


def test_previews_have_their_own_more_generous_limit(client, profile, settings):
    settings.EDITORIAL_PREVIEW_RATE_LIMITS = [(60, 2)]
    with mock.patch("editorial.ratelimit.timezone.now", return_value=A_MOMENT):
        responses = [
            preview_edit(client, profile, location=f"Place {n}", message="Shorter.")
            for n in range(3)
        ]
        assert send_report(client, profile, message="Still allowed.").status_code == 302
    assert [response.status_code for response in responses] == [200, 200, 429]


def test_the_database_refuses_two_identical_pending_suggestions(profile):
    report = Suggestion.objects.create(
        kind="error", profile=profile, message="Same.", content_hash="f" * 64
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Suggestion.objects.create(
            kind="error", profile=profile, message="Same.", content_hash="f" * 64
        )
    report.status = "rejected"
    report.save()
    Suggestion.objects.create(kind="error", profile=profile, message="Same.", content_hash="f" * 64)


# CSRF and methods ---------------------------------------------------------------------------------

WRITING_ENDPOINTS = [
    ("editorial:suggest_edit_preview", True),
    ("editorial:suggest_edit_send", True),
    ("editorial:report_error_send", True),
    ("editorial:tip_new_send", False),
]


def endpoint(name, takes_slug, profile):
    return reverse(name, args=[profile.slug] if takes_slug else [])


@pytest.mark.parametrize("name, takes_slug", WRITING_ENDPOINTS)
def test_public_endpoints_that_take_a_submission_refuse_get(client, profile, name, takes_slug):
    response = client.get(endpoint(name, takes_slug, profile), {"message": "Via GET."})
    assert response.status_code == 405
    assert Suggestion.objects.count() == 0


@pytest.mark.parametrize("name, takes_slug", WRITING_ENDPOINTS)
def test_public_endpoints_refuse_a_post_without_a_csrf_token(profile, name, takes_slug):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("editorial:report_error", args=[profile.slug]))
    data = filled_in(page, message="No token.")
    data.pop("csrfmiddlewaretoken", None)
    assert client.post(endpoint(name, takes_slug, profile), data).status_code == 403
    assert Suggestion.objects.count() == 0


def test_the_public_form_with_its_token_is_accepted_under_csrf_checks(profile):
    client = Client(enforce_csrf_checks=True)
    response = send_report(client, profile, message="With the token.")
    assert response.status_code == 302


# Shared counters ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_database_counter_is_exact_under_concurrent_workers(seeded_transactional_db):
    workers, attempts = 4, 10
    barrier = threading.Barrier(workers)

    def worker():
        try:
            barrier.wait()
            for _ in range(attempts):
                ratelimit.count_in_database("ratelimit:submit:shared:60", A_MOMENT)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counter = RateLimitCounter.objects.get(key="ratelimit:submit:shared:60")
    assert counter.count == workers * attempts


def redis_is_running():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.redis
@pytest.mark.skipif(not redis_is_running(), reason="Redis is not running on 127.0.0.1:6379")
def test_with_redis_configured_the_counters_live_in_redis(client, profile, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": "sourcebook-test",
        },
    }
    cache.clear()
    with mock.patch("editorial.ratelimit.timezone.now", return_value=A_MOMENT):
        for number in range(8):
            assert send_report(client, profile, message=f"Redis {number}.").status_code == 302
        assert send_report(client, profile, message="Redis 9.").status_code == 429
    assert RateLimitCounter.objects.count() == 0
    cache.clear()


def test_beyond_the_site_wide_ceiling_submissions_are_kept_in_quarantine(client, settings):
    settings.EDITORIAL_SITE_SUBMISSIONS_PER_MINUTE = 2
    profile = make_profile()
    for number in range(4):
        visitor = Client(REMOTE_ADDR=f"203.0.113.{number + 1}")
        response = send_report(visitor, profile, message=f"Report number {number} of four.")
        assert response.status_code == 302
    statuses = list(Suggestion.objects.order_by("pk").values_list("status", "spam_reason"))
    assert [status for status, _ in statuses] == ["pending", "pending", "spam", "spam"]
    assert "more than 2 submissions a minute" in statuses[-1][1]
