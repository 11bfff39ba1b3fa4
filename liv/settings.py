"""Settings for LIV, read from environment variables through :mod:`liv.env`.

Development needs nothing set: ``DEBUG`` defaults to off, and ``make run`` turns it on. With ``DEBUG`` off a
real ``SECRET_KEY`` is required and the security settings are those ``manage.py check --deploy`` asks for.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from liv import embedded_db
from liv.email_config import read_email_settings
from liv.env import env_bool, env_email, env_int, env_list, env_origins, env_str, env_text

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# The test suite runs with DEBUG off (as production does) but over plain HTTP on a test server.
TESTING = env_bool("LIV_TESTING", False)
_DEV_SECRET = "insecure-development-key-only-for-DEBUG-and-tests"  # noqa: S105 - refused below when DEBUG is off
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET if DEBUG or TESTING else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
if not DEBUG and not TESTING and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = (env_str("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its tabs and fallbacks apply there.
    "modeltranslation",
    # Django's admin with LIV's site (the coordinator's area figures on the start page).
    "liv.admin_site.LivAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "axes",
    "liv",
    "regions",
    "services",
    "feedback",
    "cooperation",
    "exchange",
    "notifications",
    "ptv",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "liv.middleware.RejectBadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liv.urls"
WSGI_APPLICATION = "liv.wsgi.application"

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
                "liv.context_processors.site",
            ],
        },
    },
]

# --- Database: PostgreSQL only --------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL")
if _database_url is None:
    _database_url = embedded_db.database_url(embedded_db.data_directory(env_str("LIV_PGDATA")))
if not _database_url.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must be a PostgreSQL URL (postgres://…); LIV runs on PostgreSQL only.")
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0))}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Every session: the search materialises its matched set (tens of thousands of rows at national scale), and
# PostgreSQL's 4 MB default sends that to temporary files (docs/search.md, "Performance"). And pgvector's HNSW index
# scan goes on until the filters (a place, the facets) leave enough of the nearest services: by default it reads
# 40 and filters them afterwards, so a query naming Helsinki got none of Helsinki's services by meaning.
_SESSION_OPTIONS = f"-c work_mem={env_str('DB_WORK_MEM', '16MB')} -c hnsw.iterative_scan=relaxed_order"
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
_db_options["options"] = f"{_db_options.get('options', '')} {_SESSION_OPTIONS}".strip()
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_liv")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "liv"}}

AUTHENTICATION_BACKENDS = [
    # axes' check of the (user name, address) pair, then the slower limit per user name (liv/login_limits.py).
    "liv.login_limits.UserNameThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "sv", "en")}
MODELTRANSLATION_AUTO_POPULATE = False
# modeltranslation's tabs use jQuery UI, by default from a public CDN; LIV serves its own copy (nothing may load
# from outside, and the Content-Security-Policy allows scripts from our own origin only).
JQUERY_UI_URL = "liv/vendor/jquery-ui/jquery-ui.min.js"

# --- Static files ----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if TESTING:
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Security ----------------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions are the admin's only: a working day by default (Django's default is two weeks), at most two weeks.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60, minimum=60 * 5, maximum=14 * 24 * 60 * 60)
# Where a log-in goes when its next= is missing or refused (another host): the admin's start page in the
# language of the log-in page, not Django's default /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "admin:index"
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not TESTING)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy (django-csp 4): everything from our own origin, nothing from outside.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Search -------------------------------------------------------------------------------------------
# Recent searches kept per process and directory version (services/cache.py); 0 turns the cache off.
SEARCH_CACHE_ENTRIES = env_int("SEARCH_CACHE_ENTRIES", 512, minimum=0, maximum=100_000)
# Parts of the search switched off, for the evaluation's ablation only (bench/search_quality.py --without).
SEARCH_WITHOUT = frozenset(part for part in (env_str("LIV_SEARCH_WITHOUT") or "").split(",") if part)
_SEARCH_PARTS = {"semantic", "fallback", "synonyms", "question_words", "places", "guidance"}
if not SEARCH_WITHOUT <= _SEARCH_PARTS:
    raise ImproperlyConfigured(f"LIV_SEARCH_WITHOUT names unknown parts: {sorted(SEARCH_WITHOUT - _SEARCH_PARTS)}.")

# --- The client's address behind our own reverse proxies (liv/client_address.py) --------------------------
# How many proxies of our own stand in front of gunicorn, each appending to X-Forwarded-For: 0 (no proxy) uses
# the connecting address. Must match the deployment exactly (docs/deployment.md).
# The Suomi.fi Service Catalogue's Open API, read by `manage.py sync_ptv` (docs/data-format.md#ptv), and the pause
# between its requests in milliseconds (at least 100: the catalogue is a shared public service).
PTV_BASE_URL = (env_str("PTV_BASE_URL", "https://api.palvelutietovaranto.suomi.fi") or "").rstrip("/")
PTV_REQUEST_INTERVAL = env_int("PTV_REQUEST_INTERVAL_MS", 500, minimum=100, maximum=60_000) / 1000

TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)

# --- Failed logins (django-axes): keyed on user name and address together, plus a slower limit per user name --
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "liv.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "liv.login_limits.locked_out"
# Failures of one user name from all addresses within the cool-off before it may log in only from addresses it
# has logged in from before; at least twice the pair's limit, so that it only catches guessing spread widely.
LOGIN_USERNAME_FAILURE_LIMIT = env_int(
    "LOGIN_USERNAME_FAILURE_LIMIT", 10 * AXES_FAILURE_LIMIT, minimum=2 * AXES_FAILURE_LIMIT, maximum=100_000
)
LOGIN_KNOWN_ADDRESS_DAYS = env_int("LOGIN_KNOWN_ADDRESS_DAYS", 90, minimum=1, maximum=3650)
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

SITE_NAME = _("Lifelong guidance services")
AXES_VERBOSE = False

# --- E-mail (liv/email_config.py; docs/deployment.md, "E-mail notifications") ------------------------------------
# SMTP from EMAIL_HOST & co. in production; the console backend under DEBUG (make run) when EMAIL_HOST is unset.
_email = read_email_settings(debug=DEBUG)
EMAIL_BACKEND = _email.backend
EMAIL_CONFIGURED = _email.configured
EMAIL_HOST = _email.host
EMAIL_PORT = _email.port
EMAIL_USE_TLS = _email.use_tls
EMAIL_USE_SSL = _email.use_ssl
EMAIL_HOST_USER = _email.user
EMAIL_HOST_PASSWORD = _email.password
EMAIL_TIMEOUT = _email.timeout
DEFAULT_FROM_EMAIL = SERVER_EMAIL = _email.from_email
# How often `send_notifications` tries one message before leaving it as failed (shown in the admin's log).
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 10, minimum=1, maximum=1000)

# --- Error answers and database outages (liv/errors.py) -------------------------------------------------------
# Under /api/ every error is JSON, also those produced by middleware or by Django itself.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "liv.errors.ApiJsonErrorsMiddleware"
)
# --- The API for integrators (exchange/http.py; docs/api.md, "For integrators") ---------------------------------
# Under /api/: CORS for reading (origins allowed, '*' by default: everything the API returns is public), validators
# from the directory's version (ETag, Last-Modified, 304), Cache-Control, 405 for anything but GET/HEAD/OPTIONS.
# Outside the JSON errors, so that their answers get its headers too, and before CSRF, which would answer a POST
# with 403.
API_CORS_ORIGINS = env_origins("API_CORS_ORIGINS", ["*"])
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60, minimum=0, maximum=86400)
MIDDLEWARE.insert(MIDDLEWARE.index("liv.errors.ApiJsonErrorsMiddleware"), "exchange.http.ApiHttpMiddleware")
# A database host that does not answer fails a request (503) or the readiness check within seconds.
_db_options.setdefault("connect_timeout", 5)

# --- Database connections under the development server ---------------------------------------------------------
# runserver (make run) serves every request in a new thread and never closes that thread's connection when the
# thread ends, so a persistent connection per request would pile up until "too many clients already".
if DEBUG or sys.argv[1:2] == ["runserver"]:
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# --- Read replica (liv/db_router.py; docs/deployment.md, "A read replica") -------------------------------------
# DATABASE_REPLICA_URL: a read-only copy of DATABASE_URL's database (PostgreSQL streaming replication). The ORM's
# reads of GET/HEAD requests outside the admin go there; every write and everything else stays on the primary.
_replica_url = env_str("DATABASE_REPLICA_URL")
if _replica_url is not None:
    if not _replica_url.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a PostgreSQL URL (postgres://…), like DATABASE_URL.")
    _replica = dj_database_url.parse(_replica_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    if all(_replica.get(key) == DATABASES["default"].get(key) for key in ("HOST", "PORT", "NAME")):
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL names the same database as DATABASE_URL; leave it unset to read from the primary."
        )
    _replica["CONN_HEALTH_CHECKS"] = True
    _replica_options = _replica.setdefault("OPTIONS", {})
    _replica_options["options"] = f"{_replica_options.get('options', '')} {_SESSION_OPTIONS}".strip()
    _replica_options.setdefault("connect_timeout", 5)
    # A test run never writes to the standby: there the replica is the test database itself.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["liv.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.append("liv.db_router.ReadOnlyRequestsFromReplica")
elif TESTING:
    # For tests/test_db_router.py: a second, separate test database on the same server, created only for the tests
    # that ask for it (pytest-django); they switch the routing on themselves.
    DATABASES["replica"] = {
        **DATABASES["default"],
        "OPTIONS": dict(DATABASES["default"]["OPTIONS"]),
        "TEST": {"NAME": f"{DATABASES['default']['TEST']['NAME']}_replica"},
    }

# --- Who runs the site: the accessibility statement and the privacy notice name them (liv/statements.py) --------
# The site is run by whoever deploys it, so these come from the deployment; `check --deploy` refuses a production
# configuration without them (liv/checks.py). DEBUG and the tests show an example organisation, marked as such.
_EXAMPLE_OPERATOR = DEBUG or TESTING
SITE_ORGANISATION = env_text("SITE_ORGANISATION", "Esimerkkiorganisaatio (demo)" if _EXAMPLE_OPERATOR else None)
SITE_ORGANISATION_SV = env_text(
    "SITE_ORGANISATION_SV", "Exempelorganisation (demo)" if _EXAMPLE_OPERATOR else SITE_ORGANISATION
)
SITE_ORGANISATION_EN = env_text(
    "SITE_ORGANISATION_EN", "Example organisation (demo)" if _EXAMPLE_OPERATOR else SITE_ORGANISATION
)
SITE_CONTACT_EMAIL = env_email("SITE_CONTACT_EMAIL", "liv-demo@example.org" if _EXAMPLE_OPERATOR else None)
PRIVACY_CONTACT_EMAIL = env_email("PRIVACY_CONTACT_EMAIL", SITE_CONTACT_EMAIL)
SITE_POSTAL_ADDRESS = env_text("SITE_POSTAL_ADDRESS", "", max_length=300)
if not SITE_URL.startswith(("https://", "http://")) or not SITE_URL.split("://", 1)[1] or " " in SITE_URL:
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must be the site's address, e.g. https://liv.example.fi.")

# --- Personal data kept only as long as needed (feedback/retention.py; docs/deployment.md, "Personal data") --------
# Citizens' feedback (message and e-mail address) is deleted this many days after it was received.
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 365, minimum=30, maximum=3650)
# Search texts that found no service with all their words, counted per week without anything about who searched
# (services/search/unanswered.py), are deleted this many days after their week; 0 records none.
SEARCH_LOG_DAYS = env_int("SEARCH_LOG_DAYS", 90, minimum=0, maximum=730)
