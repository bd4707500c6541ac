"""Start-up behaviour of the real settings module, checked in fresh interpreters."""

import os
import subprocess
import sys
from tests.paths import PROJECT_ROOT

import pytest



def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    clean.update(DJANGO_SETTINGS_MODULE="copilot.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DEBUG", "perhaps"), ("DATABASE_URL", "nosuchdb://x"), ("SITE_URL", "not-a-url"), ("EMAIL_URL", "http://mail")],
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
        "from django.conf import settings; from django.core.cache import cache; "
        "cache.set('copilot-probe', 42, 5); "
        "print(settings.Q_CLUSTER.get('redis'), 'orm' in settings.Q_CLUSTER, cache.get('copilot-probe'))"
    )
    result = run_manage("shell", "-c", script, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["redis://127.0.0.1:6379/15", "False", "42"]
