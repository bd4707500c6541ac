"""Settings for the test suite: fast hashing, synchronous tasks, local-memory mail and cache."""

from copilot.settings import *  # noqa: F403
from copilot.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each test database gets plain connections; pooling is exercised in production settings.
    DATABASES["default"]["OPTIONS"] = {}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
STATIC_ROOT = None  # whitenoise serves from the finders in tests
