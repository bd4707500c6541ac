"""Throughput of every main page against a trivial view, in one run (issue 15).

Run: .venv/bin/python bench/pages.py [--seconds 10] [--warmup 2] [--jobs 10000] [--applications 1000]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and wrk (Debian's ``wrk``). It creates a
throwaway database (dropped at the end), collects the static files, seeds one user with 10,000 jobs and
1,000 applications (with their histories and interviews), starts gunicorn (2 sync workers, production
settings) on a free loopback port, signs in, and measures each page with wrk (2 threads, 20 connections)
after a warm-up: req/s, p50 and p95 latency, and the ratio to the trivial view (/robots.txt) of the same
run, asked for with the same signed-in cookie as the pages (the issue's 1,026 req/s is that: the session and
the user are read, the view does nothing) and, for reference, without one. Target: every page at 0.40 or
more of the signed-in trivial view. Pages seen again are served from the rendered-page cache
(``copilot.pagecache``); ``--no-page-cache`` renders every request, which is what the first view after a
change costs; ``--redis URL`` runs with Redis as production does (caches and sessions). The load generator
shares the machine with the server and the database, as does anything else running. Every wrk run is
bounded by ``--seconds``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB_NAME = f"copilot_bench_pages_{os.getpid()}"
USERNAME, PASSWORD = "bench", "bench-password-2026"
TARGET = 0.40

# wrk prints these from its own latency histogram (microseconds) and counters.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), e.status + e.connect + e.read + e.write + e.timeout))
end
"""

SEED = """
import random, sys
sys.path.insert(0, "bench")
from bench_insights import make_applications, make_jobs
from applications.models import Application, Note
from copilot.accounts.models import Profile, User
from jobs.scores import rescore_user
user = User.objects.create_user(username="{username}", email="bench@example.com", password="{password}")
Profile.objects.create(user=user, skills=["Python", "Django", "PostgreSQL", "Docker", "Redis", "Git", "Linux"],
                       preferred_locations=["Berlin, Germany", "Remote - EU"], experience_level="mid",
                       timezone="Europe/Berlin")
rng = random.Random(7)
make_jobs(user, {jobs}, rng)
make_applications(user, {applications}, rng)
rescore_user(user.pk)  # bulk-created jobs: their stored match scores, as a profile change would
busy = Application.objects.filter(user=user).order_by("id").first()
Note.objects.bulk_create([Note(application=busy, text=f"Call number {{n}} went well.") for n in range(20)])
print(f"APP {{busy.pk}} JOB {{busy.job_id}}")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def env(port: int) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"{PG}/{DB_NAME}", "DEBUG": "0", "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": HOST, "SITE_URL": f"http://{HOST}:{port}", "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "warning", "ENABLE_SCHEDULER": "0", "ENABLE_JOB_SCRAPING": "0",
            "DJANGO_SETTINGS_MODULE": "copilot.settings"}


def log_in(port: int) -> str:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    body = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)  # type: ignore[union-attr]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)  # type: ignore[union-attr]
    conn.request("POST", "/accounts/login/", body=urlencode({"login": USERNAME, "password": PASSWORD,
                                                            "csrfmiddlewaretoken": token}),
                 headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
                          "Referer": f"http://{HOST}:{port}/accounts/login/"})
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie", ""))
    if response.status != 302 or not session:
        raise SystemExit(f"could not sign in: {response.status}")
    return f"sessionid={session.group(1)}; csrftoken={csrf}"


def check(port: int, path: str, cookie: str) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def wrk(port: int, path: str, cookie: str, seconds: float, script: str) -> dict[str, float]:
    command = ["wrk", "-t2", "-c20", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", script,
               f"http://{HOST}:{port}{path}"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    found = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    if not found:
        raise SystemExit(f"wrk said: {output}")
    requests, duration_us, p50, p95, errors = (int(v) for v in found.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": requests / (duration_us / 1e6) if duration_us else 0.0, "p50": p50 / 1000, "p95": p95 / 1000,
            "errors": errors + (int(non2xx.group(1)) if non2xx else 0)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="wrk duration per page (default 10)")
    parser.add_argument("--warmup", type=float, default=2, help="wrk warm-up per page (default 2)")
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--applications", type=int, default=1_000)
    parser.add_argument("--no-page-cache", action="store_true", help="render every request (PAGE_CACHE_SECONDS=0)")
    parser.add_argument("--redis", metavar="URL", default="",
                        help="run as production with Redis (caches, sessions): e.g. redis://127.0.0.1:6379/14, "
                             "a database number of its own (emptied first)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    port = free_port()
    work = tempfile.mkdtemp(prefix="copilot-bench-pages-")
    script = str(Path(work) / "report.lua")
    Path(script).write_text(WRK_SCRIPT)
    environment = env(port)
    if args.no_page_cache:
        environment["PAGE_CACHE_SECONDS"] = "0"
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
        environment["REDIS_URL"] = args.redis
    subprocess.run(["psql", PG, "-qc", f"CREATE DATABASE {DB_NAME}"], check=True)
    server = None
    try:
        started = time.monotonic()
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=environment,
                       check=True)
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                       env=environment, check=True)
        seeded = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             SEED.format(username=USERNAME, password=PASSWORD, jobs=args.jobs, applications=args.applications)],
            cwd=ROOT, env=environment, check=True, capture_output=True, text=True).stdout
        # What autovacuum does soon after a bulk load: fresh statistics (else the planner expects one row).
        subprocess.run(["psql", f"{PG}/{DB_NAME}", "-qc", "VACUUM ANALYZE"], check=True)
        ids = re.search(r"APP (\d+) JOB (\d+)", seeded)
        assert ids, seeded
        application_id, job_id = ids.groups()
        print(f"set-up (migrate, collectstatic, seed {args.jobs:,} jobs and {args.applications:,} applications): "
              f"{time.monotonic() - started:.0f} s")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "copilot.wsgi", "-w", "2", "-b", f"{HOST}:{port}",
             "--log-level", "warning"], cwd=ROOT, env=environment, start_new_session=True)
        for _ in range(150):
            try:
                if check(port, "/robots.txt", "") == 200:
                    break
            except OSError:
                time.sleep(0.2)
        cookie = log_in(port)
        pages = [
            ("trivial view, no cookie", "/robots.txt", ""),
            ("trivial view, signed in", "/robots.txt", cookie),
            ("/health", "/health", ""),
            ("dashboard", "/dashboard/", cookie),
            ("jobs list (newest)", "/jobs/", cookie),
            ("jobs list, oldest", "/jobs/?sort=oldest", cookie),
            ("jobs list, company", "/jobs/?sort=company", cookie),
            ("jobs list, title", "/jobs/?sort=title", cookie),
            ("jobs list, best match", "/jobs/?sort=score", cookie),
            ("jobs search", "/jobs/?q=platform+engineer", cookie),
            ("jobs filters", "/jobs/?remote=remote&status=none&added=30&sort=score", cookie),
            ("applications board", "/applications/", cookie),
            ("applications table", "/applications/table/", cookie),
            ("application detail", f"/applications/{application_id}/", cookie),
            ("job detail", f"/jobs/{job_id}/", cookie),
            ("recommendations", "/insights/recommendations/", cookie),
            ("skill gap", "/insights/skills/", cookie),
            ("analytics", "/insights/analytics/", cookie),
        ]
        for label, path, page_cookie in pages:
            status = check(port, path, page_cookie)
            if status != 200:
                raise SystemExit(f"{label}: {path} answered {status}")
        print(f"gunicorn -w 2 (sync) on {HOST}:{port}, PostgreSQL, wrk -t2 -c20 -d{args.seconds:.0f}s after "
              f"{args.warmup:.0f} s of warm-up; {os.cpu_count()} CPU cores shared by server, database, wrk and "
              f"anything else running (load average before: {os.getloadavg()[0]:.1f}); rendered-page cache "
              f"{'off' if args.no_page_cache else 'on'}; {'Redis' if args.redis else 'no Redis'}\n")
        print(f"{'page':30s} {'req/s':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'ratio':>6s} {'no cookie':>9s}  errors")
        floor = bare = 0.0
        failures = 0
        for label, path, page_cookie in pages:
            # Wait out what the previous page's run left queued (gunicorn answers a backlog wrk gave up on).
            with contextlib.suppress(OSError):
                check(port, "/robots.txt", "")
            if args.warmup > 0:
                wrk(port, path, page_cookie, args.warmup, script)
            result = wrk(port, path, page_cookie, args.seconds, script)
            if path == "/robots.txt":
                bare, floor = (bare, result["rps"]) if page_cookie else (result["rps"], floor)
            ratio = f"{result['rps'] / floor:6.2f}" if floor else f"{'':6s}"
            below = path != "/robots.txt" and result["rps"] / floor < TARGET
            failures += below or bool(result["errors"])
            print(f"{label:30s} {result['rps']:8.0f} {result['p50']:8.1f} {result['p95']:8.1f} {ratio} "
                  f"{result['rps'] / bare:9.2f}  {result['errors']:.0f}{'  BELOW 0.40' if below else ''}", flush=True)
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")
        return 1 if failures else 0
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        subprocess.run(["psql", PG, "-qc", f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
