"""The floor for bench/bench_http.py: a one-file Django project that answers every request with a
saved copy of a Sourcebook page, from memory, through Django's default middleware (as
`startproject` makes it). Nothing a Django site does per request can cost less than this.

    FLOOR_PAGE=var/bench/floor.html gunicorn --chdir bench floor_app -w 2
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "django.contrib.sessions",
    ],
    DATABASES={},
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
)

PAGE = Path(os.environ["FLOOR_PAGE"]).read_bytes()


def saved_page(request, rest=""):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", saved_page), path("<path:rest>", saved_page)]
application = get_wsgi_application()
