"""Sourcebook settings: one file, configured from the environment.

Development needs nothing set: debug is on and the database is an SQLite file under var/.
Production sets DJANGO_DEBUG=false, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SOURCEBOOK_VAR_DIR", BASE_DIR / "var"))


TRUE_WORDS, FALSE_WORDS = {"true", "1"}, {"false", "0"}


def env_bool(name, default):
    """A true/false setting: true or false in any case, or 1 or 0. Anything else stops the start:
    a typo such as DJANGO_DEBUG=ture must not quietly mean false (or true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(
            f"{name} is set to {value!r}, which is neither true nor false. Set it to true or "
            "false (or 1 or 0), or leave it unset."
        )
    return word in TRUE_WORDS


def env_int(name, default):
    """A whole-number setting; anything else stops the start with the variable named."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} is set to {value!r}, which is not a whole number."
        ) from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Licences an operator can name by their SPDX id alone: (short name, address).
KNOWN_CONTENT_LICENSES = {
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}


def env_content_license():
    """The content licence: SOURCEBOOK_CONTENT_LICENSE names a known one by its SPDX id
    (default CC-BY-SA-4.0); SOURCEBOOK_CONTENT_LICENSE_NAME and _URL together state any other.
    A licence the site cannot name and link is refused at start-up rather than shown wrong."""
    license_id = os.environ.get("SOURCEBOOK_CONTENT_LICENSE", "").strip()
    name = os.environ.get("SOURCEBOOK_CONTENT_LICENSE_NAME", "").strip()
    url = os.environ.get("SOURCEBOOK_CONTENT_LICENSE_URL", "").strip()
    if name or url:
        if not (name and url.startswith(("https://", "http://"))):
            raise ImproperlyConfigured(
                "SOURCEBOOK_CONTENT_LICENSE_NAME and SOURCEBOOK_CONTENT_LICENSE_URL go together: "
                "set both, the address starting with https://, or neither."
            )
        return {"id": license_id, "name": name, "url": url}
    license_id = license_id or "CC-BY-SA-4.0"
    if license_id not in KNOWN_CONTENT_LICENSES:
        raise ImproperlyConfigured(
            f"SOURCEBOOK_CONTENT_LICENSE is set to {license_id!r}, which Sourcebook does not "
            f"know. Use one of {', '.join(KNOWN_CONTENT_LICENSES)}, or state another licence "
            "with SOURCEBOOK_CONTENT_LICENSE_NAME and SOURCEBOOK_CONTENT_LICENSE_URL."
        )
    name, url = KNOWN_CONTENT_LICENSES[license_id]
    return {"id": license_id, "name": name, "url": url}


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string before running with "
            "DJANGO_DEBUG=false; Sourcebook refuses to start in production without one."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "reversion",
    "rest_framework",
    "corsheaders",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "profiles",
    "editorial",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # After CORS, which adds its headers to a stored page as to a rendered one.
    "config.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "config.middleware.PublicCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# SQLite is opened in WAL mode with IMMEDIATE transactions: two concurrent writers then queue
# for the lock instead of failing with "database is locked" (measured: one of two concurrent
# approvers failed in 200 of 200 trials with the default deferred transactions, 0 of 200 so).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sourcebook.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    # Kept open across requests like PostgreSQL's (DATABASE_CONN_MAX_AGE): opening the file and
    # running the PRAGMAs cost every request a new connection. Each worker thread has its own.
    # A file, not memory: the concurrency tests need several connections to one database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("SOURCEBOOK_TEST_DB", str(VAR_DIR / "test.sqlite3"))
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sourcebook",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (config.page_cache): anonymous readers' copies of public pages. Redis when
# REDIS_URL is set; otherwise files under var/cache/, which every worker process shares.
PAGE_CACHE = env_bool("SOURCEBOOK_PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("SOURCEBOOK_PAGE_CACHE_SECONDS", 600)
if REDIS_URL:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "sourcebook-pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"

# Email: printed to the console in development; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Sourcebook <editors@localhost>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Behind a TLS-terminating proxy in production; every flag can be relaxed from the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy on every page, the admin included (django-csp): scripts,
# styles, fonts and requests from this site only, no inline script or style attribute, no
# plugins, no framing. Images may also be data: URIs (Bootstrap draws its icons with them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

PROFILES_PER_PAGE = 30

# How long browsers and a caching proxy may keep an anonymous page before revalidating it.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 60)
# How long a shared proxy in front (docs/nginx.conf) may serve its copy before revalidating:
# short, since every write changes pages; a revalidation is a 304 from the page cache.
PROXY_CACHE_SECONDS = env_int("SOURCEBOOK_PROXY_CACHE_SECONDS", 1)
SEARCH_RESULTS_PER_PAGE = 20
SOURCES_PER_PAGE = 50

# The read-only JSON API under /api/ (profiles.api): public data, no sessions, any origin may GET.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "EXCEPTION_HANDLER": "profiles.api.json_error_handler",
    "UNAUTHENTICATED_USER": None,
}
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
REVISIONS_PER_PAGE = 50  # history and recent changes

# The site's address, for links in emails sent outside a request (tracking links). Left empty,
# a suggestion's emails link to the address its contributor reached the site at (the request's
# scheme, host and port), and emails with no request behind them to http://127.0.0.1:8000.
SITE_URL = os.environ.get("SOURCEBOOK_SITE_URL", "")


# Public submissions (editorial): limits per network address as (seconds, submissions),
# kept in the database or, with REDIS_URL, in Redis; see editorial/ratelimit.py.
EDITORIAL_RATE_LIMITS = [
    (60, env_int("SOURCEBOOK_SUBMISSIONS_PER_MINUTE", 8)),
    (24 * 3600, env_int("SOURCEBOOK_SUBMISSIONS_PER_DAY", 50)),
]
EDITORIAL_PREVIEW_RATE_LIMITS = [  # previews store nothing
    (60, env_int("SOURCEBOOK_PREVIEWS_PER_MINUTE", 30)),
    (24 * 3600, env_int("SOURCEBOOK_PREVIEWS_PER_DAY", 300)),
]
# Beyond this many submissions a minute from everyone together, what is sent is kept in
# quarantine (spam) for an editor to look at, instead of joining the queue: a flood from many
# addresses cannot bury the editors.
EDITORIAL_SITE_SUBMISSIONS_PER_MINUTE = env_int("SOURCEBOOK_SITE_SUBMISSIONS_PER_MINUTE", 60)
# The key of the address hash; defaults to SECRET_KEY. Changing it resets the limits.
EDITORIAL_ADDRESS_SALT = os.environ.get("SOURCEBOOK_ADDRESS_SALT", "")
EDITORIAL_MIN_FILL_SECONDS = 3  # sent faster than this, a form is quarantined as spam
EDITORIAL_MAX_TEXT_CHARS = 100_000
EDITORIAL_MAX_LINKS = 10  # new links one suggestion may add
EDITORIAL_LOOKUP_RATE_LIMITS = [(60, 10), (24 * 3600, 100)]  # "fill in from the page" fetches

# Background tasks (profiles.tasks) through Django's tasks interface (django-tasks). "database"
# keeps the queue in the database and needs `manage.py db_worker` (`make run` starts one);
# "rq" keeps it in Redis for as many `manage.py rqworker --job-class django_tasks_rq.Job
# --with-scheduler` workers as needed; "immediate" runs each task inside the request.
TASK_BACKEND = os.environ.get("SOURCEBOOK_TASK_BACKEND", "database").strip().lower()
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "rq":
    RQ_URL = os.environ.get("SOURCEBOOK_RQ_URL", REDIS_URL)
    if not RQ_URL:
        raise ImproperlyConfigured(
            "SOURCEBOOK_TASK_BACKEND is rq, but neither SOURCEBOOK_RQ_URL nor REDIS_URL says "
            "where Redis is. Set one of them, for example to redis://127.0.0.1:6379/1."
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": RQ_URL, "DEFAULT_TIMEOUT": 900}}
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"SOURCEBOOK_TASK_BACKEND is set to {TASK_BACKEND!r}. Set it to database, rq or "
        "immediate, or leave it unset (database)."
    )

# The fetcher (profiles.fetcher) that link checks, archive look-ups and "fill in from the
# page" use: time, size and redirect limits, and requests to one host at once (per process).
FETCH_TIMEOUT_SECONDS = 10
FETCH_MAX_BYTES = 2 * 1024 * 1024
FETCH_MAX_REDIRECTS = 5
FETCH_PER_HOST = 2

# Link health (profiles.linkcheck): every source is checked again every LINK_CHECK_EVERY_DAYS;
# a link is dead only after failing two checks LINK_CHECK_CONFIRM_DAYS apart.
LINK_CHECK_EVERY_DAYS = int(os.environ.get("SOURCEBOOK_LINK_CHECK_EVERY_DAYS", "21"))
LINK_CHECK_CONFIRM_DAYS = 3
LINK_CHECK_SWEEP_HOURS = 6  # how often the schedule looks for due sources
LINK_CHECK_SWEEP_LIMIT = 2000  # checks one sweep queues at most
LINK_CHECK_BATCH_SIZE = 50  # sources per task
LINK_CHECK_THREADS = 8  # fetches at once within one task
# The other recurring background tasks (profiles.schedule): how often each comes back.
DATA_DUMP_EVERY_HOURS = env_int("SOURCEBOOK_DATA_DUMP_EVERY_HOURS", 24)
EDITOR_DIGEST_ROUND_MINUTES = env_int("SOURCEBOOK_EDITOR_DIGEST_ROUND_MINUTES", 10)
FOLLOW_DIGEST_ROUND_MINUTES = env_int("SOURCEBOOK_FOLLOW_DIGEST_ROUND_MINUTES", 60)
# Ask the Wayback Machine to save each new source when it is first checked (off by default).
ARCHIVE_SAVE_NEW_SOURCES = env_bool("SOURCEBOOK_ARCHIVE_NEW_SOURCES", False)

# The licence of the profiles' text and data: the footer, the API, the exports and /data/.
CONTENT_LICENSE = env_content_license()
# Where build_data_dump writes the full export that /data/ offers (profiles.dumps).
DATA_DUMP_DIR = Path(os.environ.get("SOURCEBOOK_DATA_DIR", VAR_DIR / "data"))
