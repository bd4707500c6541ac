"""Production settings send the security headers; checked in a fresh interpreter with DEBUG off."""

import json
import os
import subprocess
import sys

import pytest

from tests.paths import PROJECT_ROOT

PROBE = """
import json
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
# collectstatic has not run here; the manifest storage is exercised by the deployment docs, not this probe.
override_settings(STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client()
plain = client.get("/", headers={"host": "jobs.example.com"})
secure = client.get("/", secure=True, headers={"host": "jobs.example.com"})
login = client.get("/accounts/login/", secure=True, headers={"host": "jobs.example.com"})
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location", "")],
    "headers": dict(secure.headers),
    "cookies": {name: dict(morsel) for name, morsel in login.cookies.items()},
}))
"""


@pytest.fixture(scope="module")
def production():
    unset = {"DATABASE_URL", "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(DJANGO_SETTINGS_MODULE="copilot.settings", DEBUG="0", SECRET_KEY="p" * 60,
               ALLOWED_HOSTS="jobs.example.com", SITE_URL="https://jobs.example.com",
               DATABASE_URL=f"sqlite:///{PROJECT_ROOT / 'tests' / '.headers-probe.sqlite3'}")
    result = subprocess.run([sys.executable, "-c", "import django, os; django.setup(); exec(os.environ['PROBE'])"],
                            cwd=PROJECT_ROOT, env={**env, "PROBE": PROBE}, capture_output=True, text=True, timeout=120)
    (PROJECT_ROOT / "tests" / ".headers-probe.sqlite3").unlink(missing_ok=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_http_redirects_to_https(production):
    status, location = production["redirect"]
    assert status == 301 and location.startswith("https://jobs.example.com/")


def test_hsts_nosniff_referrer_and_framing(production):
    headers = production["headers"]
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_csp_has_nonces_and_no_unsafe_sources(production):
    csp = production["headers"]["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_cookies_are_secure_and_http_only(production):
    csrf = production["cookies"]["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"


def test_permissions_policy_denies_powerful_features(production):
    policy = production["headers"]["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in policy
