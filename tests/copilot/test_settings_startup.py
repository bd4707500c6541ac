"""Start-up behaviour of the real settings module, checked in fresh interpreters."""

import json
import os
import subprocess
import sys

import pytest

from tests.paths import PROJECT_ROOT

UNSET = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "PYTEST_CURRENT_TEST",
         "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run(argv: list[str], **env: str) -> subprocess.CompletedProcess:
    """A fresh interpreter on the production settings, with only ``env`` set on top of a clean environment."""
    clean = {k: v for k, v in os.environ.items() if k not in UNSET}
    clean.update(DJANGO_SETTINGS_MODULE="copilot.settings", **env)
    return subprocess.run([sys.executable, *argv], cwd=PROJECT_ROOT, env=clean, capture_output=True, text=True,
                          timeout=120)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run(["manage.py", *args], **env)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DEBUG", "perhaps"), ("DATABASE_URL", "nosuchdb://x"), ("SITE_URL", "not-a-url"), ("EMAIL_URL", "http://mail"),
     ("TRUSTED_PROXY_COUNT", "nginx"), ("TRUSTED_PROXY_COUNT", "-1"), ("DATABASE_CONNECT_TIMEOUT", "0")],
)
def test_a_malformed_variable_stops_start_up_naming_it(variable, value):
    result = run_manage("check", **{"DEBUG": "1", variable: value})
    assert result.returncode != 0
    assert variable in result.stderr


def test_production_requires_a_secret_key():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="x" * 20 + "-a-long-random-production-secret-value-123456",
        ALLOWED_HOSTS="jobs.example.com", SITE_URL="https://jobs.example.com", EMAIL_URL="smtp://mailer:secret@smtp.example.com:587?tls=1",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_redis_url_makes_redis_the_cache_and_the_task_broker():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    script = (
        "from django.conf import settings; from django.core.cache import cache, caches; "
        "cache.set('copilot-probe', 42, 5); caches['pages'].set('copilot-probe', 43, 5); "
        "print(settings.Q_CLUSTER.get('redis'), 'orm' in settings.Q_CLUSTER, cache.get('copilot-probe'), "
        "caches['pages'].get('copilot-probe'), settings.SESSION_ENGINE)"
    )
    result = run_manage("shell", "-c", script, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == ["redis://127.0.0.1:6379/15", "False", "42", "43",
                                          "django.contrib.sessions.backends.cached_db"]
    without = run_manage("shell", "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)",
                         DEBUG="1", REDIS_URL="")
    assert without.stdout.split()[-1] == "django.contrib.sessions.backends.db"


def test_trusted_proxy_count_sets_how_the_login_limits_find_the_client():
    script = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    assert run_manage("shell", "-c", script, DEBUG="1").stdout.split()[-1] == "0"
    assert run_manage("shell", "-c", script, DEBUG="1", TRUSTED_PROXY_COUNT="1").stdout.split()[-1] == "1"


def test_without_redis_every_process_shares_one_cache_in_the_database(tmp_path):
    """The login limits live in the cache: each gunicorn worker must see the others' counts."""
    database = f"sqlite:///{tmp_path / 'shared-cache.sqlite3'}"
    assert run_manage("migrate", "--noinput", DEBUG="1", DATABASE_URL=database).returncode == 0
    written = run_manage("shell", "-c", "from django.core.cache import cache; cache.set('probe', 42, 60)",
                         DEBUG="1", DATABASE_URL=database)
    read = run_manage("shell", "-c", "from django.core.cache import cache; print(cache.get('probe'))",
                      DEBUG="1", DATABASE_URL=database)
    assert written.returncode == 0 and read.returncode == 0, written.stderr + read.stderr
    assert read.stdout.split()[-1] == "42"


# What a process that has imported pytest sees in the production settings, and how it answers a request
# from the test client's host. No setup_test_environment(): that would allow the "testserver" host.
PROBE_UNDER_PYTEST = """
import pytest  # first: settings must not care what else the process imported
import json
import django
from django.conf import settings
django.setup()
from django.test import Client
response = Client().get("/robots.txt")
print(json.dumps({
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "static_from_finders": settings.WHITENOISE_USE_FINDERS,
    "tasks_inline": settings.Q_CLUSTER.get("sync", False),
    "testserver_status": response.status_code,
}))
"""


def test_production_settings_refuse_to_start_without_a_secret_key_even_under_pytest():
    result = run(["-c", "import pytest, django; django.setup()"], DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_relax_nothing_when_pytest_is_imported():
    result = run(["-c", PROBE_UNDER_PYTEST], DEBUG="0", SECRET_KEY="s" * 60, SITE_URL="https://jobs.example.com")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "allowed_hosts": ["jobs.example.com"],
        "ssl_redirect": True,
        "hsts": 31_536_000,
        "secure_cookies": [True, True],
        "static_storage": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "static_from_finders": False,
        "tasks_inline": False,
        "testserver_status": 400,
    }
