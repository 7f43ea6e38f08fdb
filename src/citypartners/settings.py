"""The one settings module. Every knob comes from the environment; development defaults just work.

`CITYPARTNERS_ENV=production` switches on production behaviour and refuses to start with an
unsafe configuration (see `core.config`).
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from citypartners.core.config import (
    check_networks,
    env,
    env_bool,
    env_list,
    require_production_setting,
)

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env("CITYPARTNERS_VAR_DIR", str(PROJECT_DIR / "var")))

ENVIRONMENT = env("CITYPARTNERS_ENV", "development")
IS_PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("CITYPARTNERS_DEBUG", not IS_PRODUCTION)

SECRET_KEY = require_production_setting(
    "CITYPARTNERS_SECRET_KEY",
    env("CITYPARTNERS_SECRET_KEY", ""),
    is_production=IS_PRODUCTION,
    development_default="dev-only-insecure-key-never-use-in-production-0123456789abcdef",
    min_length=50,
)
ALLOWED_HOSTS = env_list(
    "CITYPARTNERS_ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if IS_PRODUCTION:
    require_production_setting(
        "CITYPARTNERS_ALLOWED_HOSTS", ",".join(ALLOWED_HOSTS), is_production=True
    )
    if DEBUG:
        raise SystemExit("CITYPARTNERS_DEBUG must not be on when CITYPARTNERS_ENV=production")

# The home city whose partnerships the public site presents (slug of a Place).
CITYPARTNERS_HOME = env("CITYPARTNERS_HOME", "berlin")
CITYPARTNERS_DATASET = Path(env("CITYPARTNERS_DATASET", str(PROJECT_DIR / "data" / "berlin")))

INSTALLED_APPS = [
    "modeltranslation",
    "citypartners.backoffice",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "reversion",
    "csp",
    "axes",
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # backup codes for two-factor authentication
    "citypartners.core",
    "citypartners.sources",
    "citypartners.places",
    "citypartners.homes",
    "citypartners.partnerships",
    "citypartners.activities",
    "citypartners.network",
    "citypartners.editors",
    "django_tasks",
    "citypartners.jobs.apps.TasksDatabaseConfig",  # django_tasks_db, named in both languages
    "citypartners.jobs",
    "citypartners.messaging",
    "citypartners.newsletter",
    "citypartners.dataset",
    "citypartners.ingest",
    "citypartners.search",
    "citypartners.feedback",
    "citypartners.web",
    "citypartners.national",
    "citypartners.partnersearch",
    "citypartners.pages",
    "citypartners.opendata",
    "citypartners.api",
    # After our apps, so api/templates/ninja/ overrides ninja's docs page; serves its
    # bundled Swagger UI from our static files instead of a CDN.
    "ninja",
]

MIDDLEWARE = [
    # Outermost: stores public pages exactly as answered (see citypartners.pagecache).
    "citypartners.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "citypartners.core.resilience.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "citypartners.backoffice.two_factor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "citypartners.core.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "citypartners.urls"
WSGI_APPLICATION = "citypartners.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "citypartners.web.context_processors.site",
            ],
        },
    },
]

_test_database_url = env("CITYPARTNERS_TEST_DATABASE_URL", "")
_database_url = _test_database_url or env(
    "DATABASE_URL", f"sqlite:///{VAR_DIR / 'citypartners.sqlite3'}"
)
DATABASES = {
    "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": 3}  # fail fast while the server is away
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # IMMEDIATE: a transaction takes the write lock at its start and waits for it (up to the
    # timeout); a deferred one that upgrades later fails at once while the worker writes.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # repeated characters (aaaaaaaaaaaa) and the user name with digits for letters (ed1tor-ed1tor)
    {"NAME": "citypartners.backoffice.passwords.RepetitionAndNameValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("de", "en"), "de": ("en",), "en": ("de",)}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("CITYPARTNERS_STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves straight from the app directories (no collectstatic needed).
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = not IS_PRODUCTION
MEDIA_ROOT = Path(env("CITYPARTNERS_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        # Django's Redis backend, reusing its Redis client and working on without Redis while
        # it is away (see opendata/cache.py); an unreachable Redis costs a request at most 1 s.
        "default": {
            "BACKEND": "citypartners.opendata.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Open data (API and downloads): requests per client IP and window (0 switches the limit off),
# how long a response stays in the cache (0: never cached), and the Cache-Control max-age.
CITYPARTNERS_API_RATE_LIMIT = int(env("CITYPARTNERS_API_RATE_LIMIT", "300"))
CITYPARTNERS_API_RATE_WINDOW = int(env("CITYPARTNERS_API_RATE_WINDOW", "60"))
CITYPARTNERS_API_CACHE_SECONDS = int(env("CITYPARTNERS_API_CACHE_SECONDS", "3600"))
CITYPARTNERS_API_MAX_AGE = int(env("CITYPARTNERS_API_MAX_AGE", "60"))
# Public pages (`@public_page` views): how long a page stays in the cache; an edit to the registry
# makes every older page stale at once. 0 switches the page cache off.
# Off by default while developing (DEBUG), where templates change under a running server.
CITYPARTNERS_PAGE_CACHE_SECONDS = int(
    env("CITYPARTNERS_PAGE_CACHE_SECONDS", "0" if DEBUG else "3600")
)
# Seconds a worker trusts the registry version it last read before asking the shared cache again:
# how long after an edit an anonymous visitor may still be shown the page before it (0: ask always).
CITYPARTNERS_PAGE_CACHE_VERSION_SECONDS = float(
    env("CITYPARTNERS_PAGE_CACHE_VERSION_SECONDS", "0.5")
)
# Bytes of pages each worker process also keeps in its own memory (see pagecache/local.py).
CITYPARTNERS_PAGE_CACHE_LOCAL_BYTES = int(
    env("CITYPARTNERS_PAGE_CACHE_LOCAL_BYTES", str(64 * 1024 * 1024))
)
# Behind a reverse proxy: the addresses or networks of the proxies whose X-Forwarded-For is
# believed (comma-separated, e.g. 127.0.0.1 for the shipped nginx); none by default, so a client
# cannot choose its own address. Every rate limit, the log-in lock-out and the audit log use the
# address that `core.clientaddr` finds with it.
CITYPARTNERS_TRUSTED_PROXIES = check_networks(
    "CITYPARTNERS_TRUSTED_PROXIES", env_list("CITYPARTNERS_TRUSTED_PROXIES", [])
)
# Public pages: renders (page-cache misses) per client address per minute; 0 switches it off.
CITYPARTNERS_PAGE_RATE_LIMIT = int(env("CITYPARTNERS_PAGE_RATE_LIMIT", "120"))
# Rate limits are counted in the default cache by django-ratelimit (see messaging/limits.py).
# Without REDIS_URL that is the local-memory cache of the one development process; the library's
# check warns about it because it is not shared between processes.
RATELIMIT_USE_CACHE = "default"
# While the cache (Redis) is away, limits let requests through rather than answering 429 to
# everyone (see opendata/cache.py); the log-in lock-out counts in the database and still holds.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_HASH_ALGORITHM = "hashlib.sha256"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    [] if REDIS_URL else ["django_ratelimit.E003"]
)
# Addresses per sitemap file (the protocol allows 50,000); /sitemap.xml is an index of the files.
CITYPARTNERS_SITEMAP_URLS_PER_FILE = int(env("CITYPARTNERS_SITEMAP_URLS_PER_FILE", "50000"))
# Where the download files are written, once per registry version.
CITYPARTNERS_DOWNLOADS_DIR = Path(env("CITYPARTNERS_DOWNLOADS_DIR", str(VAR_DIR / "downloads")))

EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("CITYPARTNERS_FROM_EMAIL", "partnerschaften@example.berlin")
EMAIL_TIMEOUT = int(env("CITYPARTNERS_EMAIL_TIMEOUT", "30"))

# Absolute links in e-mails (confirmation, unsubscribe, preferences) start with this URL.
CITYPARTNERS_BASE_URL = env("CITYPARTNERS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
if IS_PRODUCTION and not CITYPARTNERS_BASE_URL.startswith("https://"):
    raise SystemExit(
        "CITYPARTNERS_BASE_URL must be an https:// URL in production: one-click unsubscribe "
        "(RFC 8058) requires it. See .env.example."
    )
# Newsletter: the List-Id, how long a confirmation link lives, when unconfirmed sign-ups go,
# how many mails one queue task sends, and how often a temporary SMTP failure is retried.
CITYPARTNERS_NEWSLETTER_LIST_ID = env("CITYPARTNERS_NEWSLETTER_LIST_ID", "")
CITYPARTNERS_NEWSLETTER_UNSUBSCRIBE_MAILTO = env("CITYPARTNERS_NEWSLETTER_UNSUBSCRIBE_MAILTO", "")
CITYPARTNERS_NEWSLETTER_CONFIRM_HOURS = int(env("CITYPARTNERS_NEWSLETTER_CONFIRM_HOURS", "72"))
CITYPARTNERS_NEWSLETTER_PURGE_DAYS = int(env("CITYPARTNERS_NEWSLETTER_PURGE_DAYS", "7"))
CITYPARTNERS_NEWSLETTER_BATCH_SIZE = int(env("CITYPARTNERS_NEWSLETTER_BATCH_SIZE", "50"))
CITYPARTNERS_NEWSLETTER_MAX_ATTEMPTS = int(env("CITYPARTNERS_NEWSLETTER_MAX_ATTEMPTS", "6"))
# Public forms (newsletter, contact, proposal): submissions per client address and per e-mail
# address within CITYPARTNERS_RATE_WINDOW seconds.
CITYPARTNERS_RATE_LIMIT_PER_CLIENT = int(env("CITYPARTNERS_RATE_LIMIT_PER_CLIENT", "20"))
CITYPARTNERS_RATE_LIMIT_PER_EMAIL = int(env("CITYPARTNERS_RATE_LIMIT_PER_EMAIL", "3"))
CITYPARTNERS_RATE_WINDOW = int(env("CITYPARTNERS_RATE_WINDOW", "3600"))
# Background tasks: django.tasks (the django-tasks backport) on its database backend, in the
# site's own database; `citypartners worker` runs them (docs/decisions/0011).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
# A running task whose worker has not stamped its heartbeat for this long (seconds, database
# clock) is run again by another worker; an idle worker looks for new work this often; a task
# failing temporarily is retried after this base delay (doubling, at most an hour).
CITYPARTNERS_TASK_LOCK_TIMEOUT = int(env("CITYPARTNERS_TASK_LOCK_TIMEOUT", "300"))
CITYPARTNERS_TASK_POLL_SECONDS = float(env("CITYPARTNERS_TASK_POLL_SECONDS", "1"))
CITYPARTNERS_TASK_RETRY_SECONDS = float(env("CITYPARTNERS_TASK_RETRY_SECONDS", "30"))
# Finished tasks are pruned daily: successful ones after this many days, failed ones after …
CITYPARTNERS_TASK_KEEP_DAYS = int(env("CITYPARTNERS_TASK_KEEP_DAYS", "7"))
CITYPARTNERS_TASK_KEEP_FAILED_DAYS = int(env("CITYPARTNERS_TASK_KEEP_FAILED_DAYS", "30"))
# Where barrier reports go; empty: the office's address in the registry, else the sender above.
CITYPARTNERS_FEEDBACK_EMAIL = env("CITYPARTNERS_FEEDBACK_EMAIL", "")

LOGIN_URL = "admin:login"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("CITYPARTNERS_SSL_REDIRECT", True)
    # Load balancers and process managers probe the app server itself, over plain HTTP: a
    # probe redirected to https counts as failed (found by bench/two_servers.py).
    SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Structured logs: one JSON object per line in production (or when CITYPARTNERS_LOG_FORMAT=json).
LOG_FORMAT = env("CITYPARTNERS_LOG_FORMAT", "json" if IS_PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "citypartners.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("CITYPARTNERS_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Who publishes the site (shown in the header and the official-site line).
CITYPARTNERS_OWNER = env("CITYPARTNERS_OWNER", "Land Berlin")

# Largest document `citypartners ingest` and the back-office upload accept.
CITYPARTNERS_INGEST_MAX_BYTES = int(env("CITYPARTNERS_INGEST_MAX_BYTES", str(20 * 1024 * 1024)))

# Security headers. No inline script or style anywhere; JSON-LD data blocks are not scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Back-office logins: five failures for a user from one address lock that pair out for an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Object-level permissions: an editor's homes decide which records are theirs (editors.rules).
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("CITYPARTNERS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "backoffice/locked_out.html"
# The lock-out keys on the same proxy-aware client address as the rate limits.
AXES_CLIENT_IP_CALLABLE = "citypartners.core.clientaddr.axes_client_ip"
OTP_TOTP_ISSUER = env("CITYPARTNERS_OTP_ISSUER", "citypartners")
# Every back-office account must set up two-factor authentication before using the back office
# (administrators, superusers, always must).
CITYPARTNERS_REQUIRE_TWO_FACTOR = env_bool("CITYPARTNERS_REQUIRE_TWO_FACTOR", False)
# How many days the link in an invitation for a new home's first editor stays valid.
CITYPARTNERS_INVITATION_DAYS = int(env("CITYPARTNERS_INVITATION_DAYS", "7"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
