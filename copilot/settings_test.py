"""Settings for the test suite: the production settings plus what tests need, said here and nowhere else.

Fast hashing, synchronous tasks, local-memory mail and cache, plain HTTP to the test client and the
live server, static files from the finders (no collectstatic).
"""

import os

# The production settings refuse to start without a secret key (DEBUG is off in tests too).
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-never-used-outside-the-test-suite")

from copilot.settings import *  # noqa: F403
from copilot.settings import DATABASES, Q_CLUSTER

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "[::1]"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
          "insights": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-insights"},
          "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-pages"}}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each test database gets plain connections; pooling is exercised in production settings.
    DATABASES["default"]["OPTIONS"] = {}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Requests in tests are plain HTTP (the production HTTPS settings have their own test, in a fresh process).
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None  # type: ignore[assignment]  # Django accepts None: no proxy header
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # type: ignore[assignment]  # whitenoise serves from the finders in tests
