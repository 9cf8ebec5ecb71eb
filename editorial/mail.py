"""Emails the site sends outside a request: written from templates, sent through Django's mail
API (the console in development, SMTP when EMAIL_HOST is set, the outbox in tests).

Every email to the public carries its unsubscribe link in the text and in the headers that let
a mail program offer one-click unsubscribing (RFC 2369 List-Unsubscribe, RFC 8058
List-Unsubscribe-Post).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

# For emails with no request behind them when SOURCEBOOK_SITE_URL is not set: the dev server.
LOCAL_SITE_URL = "http://127.0.0.1:8000"


def absolute_url(path, seen_at=""):
    """The address of a path of the site, for a link in an email: under SOURCEBOOK_SITE_URL,
    else under ``seen_at`` (the address a request came to), else under the dev server's."""
    return (settings.SITE_URL or seen_at or LOCAL_SITE_URL).rstrip("/") + path


def templated_email(template, context, to, *, unsubscribe_url=None):
    """The email written by <template>_subject.txt and <template>_body.txt, to one address.

    With ``unsubscribe_url`` (absolute, answering a POST without a session or CSRF token) the
    email gets the List-Unsubscribe headers; its body must show the link too.
    """
    context = {**context, "unsubscribe_url": unsubscribe_url}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
