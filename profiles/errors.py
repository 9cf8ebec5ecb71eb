"""The site's own error pages: not found, server error, and database unavailable.

The 500 and 503 pages are rendered without the request's context processors and without a
query, since the error may be the database itself. Under /api/ errors are JSON, as the API's
own errors are.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# How long a client should wait before trying again when the database is down: a restart or a
# failover usually takes well under a minute.
RETRY_AFTER_SECONDS = 30
# Fields of the public forms worth giving back to whoever sent them, with their labels.
TYPED_FIELDS = {
    "name": gettext_lazy("Name"),
    "lead": gettext_lazy("Introduction"),
    "body": gettext_lazy("Text"),
    "location": gettext_lazy("Location"),
    "aliases": gettext_lazy("Also known as"),
    "message": gettext_lazy("Message"),
    "source_url": gettext_lazy("Source"),
}


def page_not_found(request, exception=None):
    """A friendly 404 with the search box and a way to suggest a new profile."""
    return render(request, "404.html", status=404)


def database_unavailable(exception):
    return isinstance(exception, OperationalError | InterfaceError) or (
        isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
    )


def what_they_typed(request):
    """The text a visitor sent with a form, so that a failure never loses it silently."""
    if request.method != "POST":
        return []
    return [
        (label, request.POST[name])
        for name, label in TYPED_FIELDS.items()
        if request.POST.get(name, "").strip()
    ]


def server_error(request):
    """A 503 with Retry-After when the database is unavailable, else the site's 500 page;
    JSON for the API."""
    unavailable = database_unavailable(sys.exc_info()[1])
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        message = (
            _("The database is not available just now; try again in a minute.")
            if unavailable
            else _("Something went wrong on our side; the error has been logged.")
        )
        response = JsonResponse({"status": status, "message": message}, status=status)
    else:
        context = {"unavailable": unavailable, "typed": what_they_typed(request)}
        response = HttpResponse(render_to_string("500.html", context), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
