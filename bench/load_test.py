"""Load test on loopback: gunicorn + PostgreSQL, 50 signed-in users browsing for 60 s.

Run: .venv/bin/python bench/load_test.py [--users 50] [--seconds 60] [--workers 4]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth). It creates and drops the database
`copilot_load`, starts gunicorn on 127.0.0.1:8765, seeds 50 users (200 jobs and 40 applications each),
then runs two phases: the app's pages, and a trivial view (/robots.txt) on the same server, so the ratio
shows how close the pages are to the framework's floor. Every loop is bounded by time and by count.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
HOST, PORT = "127.0.0.1", 8765
DB_NAME = "copilot_load"
PG = "postgres://postgres@127.0.0.1:5432"
PAGES = ["/dashboard/", "/jobs/", "/applications/", "/insights/recommendations/"]
MAX_REQUESTS_PER_USER = 100_000
PASSWORD = "load-test-password-2026"


def env() -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"{PG}/{DB_NAME}", "DEBUG": "0", "SECRET_KEY": "load-test-" + "x" * 40,
            "ALLOWED_HOSTS": HOST, "SITE_URL": f"http://{HOST}:{PORT}", "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "warning", "ENABLE_SCHEDULER": "0", "DATABASE_POOL_SIZE": "8"}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env(), check=True)


def seed(users: int) -> None:
    script = f"""
import random
from django.utils import timezone
from copilot.accounts.services import create_user
from jobs.models import Job
from jobs.services import fill_derived_fields
from applications.models import Application, TimelineEvent
rng = random.Random(1)
titles = ["Backend Engineer", "Python Developer", "Platform Engineer", "Data Engineer", "SRE"]
for u in range({users}):
    user = create_user(username=f"load{{u}}", email=f"load{{u}}@example.com", password="{PASSWORD}",
                       )
    user.profile.skills = ["Python", "Django", "PostgreSQL"]; user.profile.preferred_locations = ["Berlin"]
    user.profile.experience_level = "mid"; user.profile.save()
    jobs = [fill_derived_fields(Job(user=user, title=f"{{rng.choice(titles)}} {{n}}", company=f"Company {{n % 37}}",
            location="Berlin, Germany", description_html="<p>Python, Django, PostgreSQL, Docker and Kubernetes.</p>"),
            stack_given=False) for n in range(200)]
    jobs = Job.objects.bulk_create(jobs)
    apps = Application.objects.bulk_create([Application(user=user, job=j, status=rng.choice(
        ["interested", "applied", "interview", "rejected"])) for j in jobs[:40]])
    TimelineEvent.objects.bulk_create([TimelineEvent(application=a, from_status="", to_status=a.status,
        created_at=timezone.now()) for a in apps])
"""
    subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env(), check=True)


def log_in(username: str) -> str:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    body = response.read().decode()
    cookies = dict(re.findall(r"(csrftoken)=([^;]+)", response.getheader("Set-Cookie", "")))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode({"login": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    conn.request("POST", "/accounts/login/", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookies['csrftoken']}",
        "Referer": f"http://{HOST}:{PORT}/accounts/login/"})
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie", ""))
    assert response.status == 302 and session, f"login failed for {username}: {response.status}"
    conn.close()
    return f"sessionid={session.group(1)}; csrftoken={cookies['csrftoken']}"


def run_phase(cookies: list[str], paths: list[str], seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user_loop(index: int, cookie: str) -> None:
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        local, local_errors = [], []
        for n in range(MAX_REQUESTS_PER_USER):
            if time.monotonic() >= deadline:
                break
            path = paths[(index + n) % len(paths)]
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    local_errors.append(f"{path} {response.status}")
            except (OSError, http.client.HTTPException) as error:
                local_errors.append(f"{path} {error!r}")
                conn.close()
                conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
            local.append((time.perf_counter() - start) * 1000)
        conn.close()
        with lock:
            latencies.extend(local)
            errors.extend(local_errors)

    threads = [threading.Thread(target=user_loop, args=(i, c)) for i, c in enumerate(cookies)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else float("nan")

    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": pct(0.50), "p95": pct(0.95),
            "p99": pct(0.99), "mean": statistics.fmean(latencies) if latencies else float("nan"), "errors": errors}


def report(label: str, result: dict) -> None:
    print(f"{label:28s} {result['requests']:7d} req  {result['rps']:7.1f} req/s  p50 {result['p50']:6.1f} ms  "
          f"p95 {result['p95']:6.1f} ms  p99 {result['p99']:6.1f} ms  errors {len(result['errors'])}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    subprocess.run(["psql", PG, "-qc", f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
    subprocess.run(["psql", PG, "-qc", f"CREATE DATABASE {DB_NAME}"], check=True)
    server = None
    try:
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        seed(args.users)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "copilot.wsgi", "-w", str(args.workers), "-b", f"{HOST}:{PORT}",
             "--log-level", "warning"], cwd=ROOT, env=env(), start_new_session=True)
        for _ in range(100):
            try:
                http.client.HTTPConnection(HOST, PORT, timeout=1).request("GET", "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        cookies = [log_in(f"load{u}") for u in range(args.users)]
        print(f"gunicorn -w {args.workers} on {HOST}:{PORT}, PostgreSQL, {args.users} users, "
              f"{args.seconds:.0f} s per phase, "
              f"{os.cpu_count()} CPU cores shared by server, database and load generator")
        pages = run_phase(cookies, PAGES, args.seconds)
        report("pages (dashboard, jobs, board, recommendations)", pages)
        floor = run_phase(cookies, ["/robots.txt"], args.seconds)
        report("trivial view (/robots.txt)", floor)
        print(f"pages reach {pages['rps'] / floor['rps'] * 100:.0f}% of the trivial view's throughput")
        for error in (pages["errors"] + floor["errors"])[:10]:
            print("error:", error)
        return 1 if pages["errors"] or floor["errors"] else 0
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        subprocess.run(["psql", PG, "-qc", f"DROP DATABASE IF EXISTS {DB_NAME}"], check=False)


if __name__ == "__main__":
    sys.exit(main())
