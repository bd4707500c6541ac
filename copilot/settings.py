"""Career Co-Pilot settings: everything a deployment changes comes from environment variables.

Only DEBUG=1 relaxes anything (a development key, local hosts, unhashed static files, no HTTPS).
Nothing here looks at how the process was started: the tests use ``copilot.settings_test``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from copilot.env import env_bool, env_choice, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

SITE_URL = env_url("SITE_URL", "http://localhost:8000")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [])
if not ALLOWED_HOSTS:
    ALLOWED_HOSTS = [urlsplit(SITE_URL).hostname or "localhost"]
CSRF_TRUSTED_ORIGINS = [SITE_URL]

ENABLE_SCHEDULER = env_bool("ENABLE_SCHEDULER", True)
ENABLE_JOB_SCRAPING = env_bool("ENABLE_JOB_SCRAPING", True)
# How often every open page asks for new job alerts (jobs.alerts), in seconds.
ALERT_POLL_SECONDS = env_int("ALERT_POLL_SECONDS", 30, minimum=1, maximum=3600)
ADZUNA_APP_ID = env_str("ADZUNA_APP_ID")
ADZUNA_APP_KEY = env_str("ADZUNA_APP_KEY")
# The salary conversion table an operator keeps (insights/salaries/rates.py); empty: the shipped one.
SALARY_RATES_FILE = env_str("SALARY_RATES_FILE")
REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss", "unix"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "django_htmx",
    "django_q",
    "copilot",
    "copilot.accounts",
    "jobs",
    "jobs.sources",
    "jobs.resumes",
    "applications",
    "applications.contacts",
    "insights",
    "insights.digests",
    "insights.salaries",
    "ninja",  # its Swagger UI assets, served locally (no CDN, so the strict CSP holds)
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "copilot.middleware.PermissionsPolicyMiddleware",
    "copilot.middleware.HealthCheckMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "copilot.middleware.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "copilot.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "copilot.middleware.UserTimezoneMiddleware",
    "copilot.middleware.UserLanguageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "copilot.urls"
WSGI_APPLICATION = "copilot.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 2, minimum=1, maximum=60)  # seconds
try:
    DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE avoids lock-upgrade deadlocks.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool owns connection reuse
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),  # the URL's own (?sslmode=require&application_name=...)
        # An unreachable database is answered within seconds (a 503 page, /health's JSON), not after
        # a ten-second wait: both the connect and the wait for a pooled connection are short.
        "connect_timeout": DATABASE_CONNECT_TIMEOUT,
        "pool": {"min_size": 1, "max_size": env_int("DATABASE_POOL_SIZE", 10, minimum=1, maximum=200),
                 "timeout": DATABASE_CONNECT_TIMEOUT},
    }
# Every connection is checked before use (for the pool: ConnectionPool.check_connection on each checkout),
# so one the database dropped while idle — a restart, a failover — costs no request and no task.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches -------------------------------------------------------------------
# "default" holds the login rate limits (allauth): shared by every web worker and every host, or each
# gunicorn worker would count failed logins apart. Without Redis the database holds it (table
# copilot_cache, made by copilot's migration 0003). "insights" holds computed insights, keyed by the
# user's data version, so a per-process copy is never stale: without Redis it stays in memory, a
# database round trip cheaper than the computation it saves only barely. "pages" holds rendered pages
# (copilot.pagecache), keyed the same way; in memory each process keeps at most PAGE_CACHE_ENTRIES of them.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300, minimum=0, maximum=3600)  # 0: render every page
PAGE_CACHE_ENTRIES = env_int("PAGE_CACHE_ENTRIES", 200, minimum=10, maximum=100_000)
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "insights": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                     "KEY_PREFIX": "insights"},
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                  "KEY_PREFIX": "pages"},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "copilot_cache"},
        "insights": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "insights"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
                  "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES}},
    }

# With Redis, a signed-in request reads its session from Redis (written to both: cached_db), not from the
# database: one query less on every page. The database copy outlives a Redis restart.
SESSION_ENGINE = ("django.contrib.sessions.backends.cached_db" if REDIS_URL
                  else "django.contrib.sessions.backends.db")

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "landing"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "copilot.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Career Co-Pilot] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme
# Behind N reverse proxies of our own (nginx: 1) the client is the Nth address from the right of
# X-Forwarded-For; the rest of that header is the client's to forge. 0: REMOTE_ADDR is the client.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
# Per client address (as above) and per account ("key": the login typed), shared across processes (CACHES).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}

# --- Email --------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Career Co-Pilot <copilot@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def _smtp_options() -> dict | None:
    """SMTP options from EMAIL_URL (smtp://user:pass@host:587?tls=1, smtps://...) or EMAIL_HOST & co."""
    url = env_str("EMAIL_URL")
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "submission") or not parts.hostname:
            raise ImproperlyConfigured(
                f"EMAIL_URL must look like smtp://user:password@host:port; got scheme {parts.scheme!r}."
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("EMAIL_URL has a malformed port.") from None
        query = parse_qs(parts.query)
        return {
            "host": parts.hostname,
            "port": port or (465 if parts.scheme == "smtps" else 587 if parts.scheme == "submission" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": parts.scheme != "smtps" and query.get("tls", ["0"])[0].lower() in ("1", "true", "yes"),
            "timeout": 15,
        }
    host = env_str("EMAIL_HOST")
    if not host:
        return None
    use_ssl = env_bool("EMAIL_USE_SSL", False)
    use_tls = env_bool("EMAIL_USE_TLS", not use_ssl)
    if use_ssl and use_tls:
        raise ImproperlyConfigured("EMAIL_USE_SSL and EMAIL_USE_TLS cannot both be on.")
    return {
        "host": host,
        "port": env_int("EMAIL_PORT", 465 if use_ssl else 587, minimum=1, maximum=65535),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": use_tls,
        "use_ssl": use_ssl,
        "timeout": 15,
    }


SMTP_OPTIONS = _smtp_options()
EMAIL_CONFIGURED = SMTP_OPTIONS is not None
if EMAIL_CONFIGURED:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": SMTP_OPTIONS}}
else:
    # No SMTP configured: mail is written to the console (stdout) so nothing is lost silently.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

ACCOUNT_EMAIL_VERIFICATION = env_choice(
    "ACCOUNT_EMAIL_VERIFICATION", "mandatory" if EMAIL_CONFIGURED else "optional", ("none", "optional", "mandatory")
)

# --- django-q2 ----------------------------------------------------------------
Q_CLUSTER = {
    # Every web and worker host of one site uses the same name (the Redis queue's key); two sites sharing
    # one Redis need two names (or two Redis databases).
    "name": env_str("Q_CLUSTER_NAME", "copilot"),
    "workers": env_int("Q_WORKERS", 2, minimum=1, maximum=64),
    "timeout": 600,
    "retry": 720,  # must exceed timeout or a long task runs twice
    "max_attempts": 3,
    "catch_up": False,
    "save_limit": 500,
    "label": "Tasks",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# --- Internationalisation -----------------------------------------------------
# Pages follow the language picked in Settings, else the browser's (Accept-Language), else English.
# Catalogues live in locale/<code>/LC_MESSAGES/django.po; `manage.py compiletranslations` (run by bin/run
# and bin/test) turns them into the .mo files Django reads. Dates and numbers follow copilot/formats/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["copilot.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security -----------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features no page of this app uses, denied to every origin (copilot.middleware).
# Only features Chromium knows: it logs an error in the console for each name it does not (ambient-light-sensor
# and bluetooth were two).
PERMISSIONS_POLICY = [
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid", "idle-detection", "interest-cohort",
    "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
]
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^health$"]

# --- Logging ------------------------------------------------------------------
LOG_LEVEL = env_choice("LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "copilot.logging.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django-q": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}

# --- App ----------------------------------------------------------------------
# Requests a minute per API token (or per signed-in user of the API); past it, 429 (api.ratelimit).
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120, minimum=1, maximum=100_000)
WORKER_HEARTBEAT_MAX_AGE = 180  # seconds before /health calls the worker stale
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "copilot.staticfinders.PackagedAssetFinder",
]
