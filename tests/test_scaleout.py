"""The scale-out run (bench/scaleout.py): two web and two worker processes sharing PostgreSQL and Redis do the
04:00 ingestion and both digests exactly once for 200 users while signed-in pages load without an error.

The morning brief's timing with 1 and 2 workers is left to the script. Slow (two to four minutes, a dozen
processes): it runs in the PostgreSQL pass when Redis answers on
127.0.0.1:6379, and is skipped otherwise; ``-m "not slow"`` leaves it out."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tests.paths import PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.postgresql]


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379")
def test_two_web_and_two_worker_hosts_do_the_daily_work_exactly_once_under_load():
    result = subprocess.run(
        [sys.executable, "bench/scaleout.py", "--users", "200", "--clients", "4", "--brief-users", "0"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr[-3000:]
    assert result.returncode == 0, output
    assert "exactly once: every subscription fetched once" in result.stdout, output
    assert "ingestion: 400 successful runs for 400 subscriptions, 4800 jobs, 0 duplicated" in result.stdout, output
    assert ": 0 errors" in result.stdout and "400 mails, none twice" in result.stdout, output
