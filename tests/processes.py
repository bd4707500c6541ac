"""Other processes for the tests that need one: production settings in a fresh interpreter, a worker
that is killed, a database that does not answer. Plain helpers; the fixtures live in conftest files."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.paths import PROJECT_ROOT

# Variables of the test run that must not leak into a process on the production settings.
_TEST_ONLY = {"DATABASE_URL", "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE",
              "PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID", "PYTEST_XDIST_WORKER_COUNT"}

# Appended to every probe: psycopg's pool threads would hold a plain exit for 20 s when the database is away.
_EXIT = "\nimport os as _os, sys as _sys\n_sys.stdout.flush()\n_sys.stderr.flush()\n_os._exit(0)\n"


def production_env(**extra: str) -> dict[str, str]:
    """The production settings (DEBUG off) on jobs.example.com, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in _TEST_ONLY}
    env.update(DJANGO_SETTINGS_MODULE="copilot.settings", DEBUG="0", SECRET_KEY="p" * 60, LOG_LEVEL="error",
               ALLOWED_HOSTS="jobs.example.com", SITE_URL="https://jobs.example.com")
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str], *, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``code`` after ``django.setup()`` in a fresh interpreter; fails the test if it fails."""
    script = "import django\ndjango.setup()\n" + code + _EXIT
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def start_python(code: str, env: dict[str, str]) -> subprocess.Popen:
    """Start ``code`` after ``django.setup()`` in a fresh interpreter (the caller kills or waits)."""
    script = "import django\ndjango.setup()\n" + code + _EXIT
    return subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def database_url(connection: Any, **options: str) -> str:
    """A DATABASE_URL for the test database ``connection`` uses (PostgreSQL)."""
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    query = "&".join(f"{k}={v}" for k, v in options.items())
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}" + (f"?{query}" if query else "")


@contextmanager
def silent_database() -> Iterator[int]:
    """A port that accepts TCP connections and never answers: a database that hangs, not one that refuses."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        for connection in held:
            connection.close()
