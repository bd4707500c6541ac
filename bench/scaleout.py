"""Scale-out, proven on loopback: two web hosts and two worker hosts sharing PostgreSQL, Redis and SMTP.

Run: .venv/bin/python bench/scaleout.py [--users 200] [--clients 4] [--brief-users 10000]
(``--users 0``: only the morning brief's timing; ``--brief-users 0``: only the exactly-once run.)
Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and Redis on 127.0.0.1:6379. It creates and
drops the database ``copilot_scaleout_<pid>`` and uses an empty Redis database (9–15, emptied again at the end)
with its own queue name, so it never touches another site's queue.

1. Seeds ``--users`` users, each following two of ten Greenhouse boards served by a local stub
   (``tests/stubserver.py``), in six time zones, with both digests due this hour, mail to a local SMTP sink
   (aiosmtpd).
2. Starts two gunicorn instances and two ``manage.py qcluster`` processes on the production settings
   (Redis broker and cache), like two web hosts and two worker hosts.
3. While ``--clients`` signed-in clients load pages on both web hosts, makes the 04:00 ingestion due and,
   once it is done, the quarter-hour digests run; each is also queued a second time by hand (a second
   scheduler, a broker delivering twice), which must change nothing.
4. Checks: every subscription fetched by exactly one successful run, no user with the same job twice,
   one digest record per user and kind, one mail per sent digest and none twice; 0 page errors.
5. With ``--brief-users`` > 0: the morning brief for that many users, sent by 1 and then by 2 worker
   processes (one qcluster with one worker, then two), and the speed-up.

Exit status 0 when every check holds (``tests/test_scaleout.py`` runs it with fewer brief users).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

from tests.stubserver import StubServer  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = f"copilot_scaleout_{os.getpid()}"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
HOST = "127.0.0.1"
PASSWORD = "scaleout-password-2026"
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"]
BOARDS = [f"board-{n}" for n in range(10)]
PAGES = ["/dashboard/", "/jobs/", "/applications/", "/insights/recommendations/"]
TITLES = ["Senior Python Engineer", "Backend Developer (Django)", "Platform Engineer", "Data Engineer",
          "Site Reliability Engineer", "Python Developer", "Machine Learning Engineer", "API Engineer"]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------- shared services: Redis, SMTP, boards


def empty_redis_db() -> int:
    """A Redis database nobody uses (no keys), so emptying it afterwards harms no one."""
    for db in range(15, 8, -1):
        if redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db).dbsize() == 0:
            return db
    raise SystemExit("no empty Redis database among 9–15")


def flush_redis_db(db: int) -> None:
    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db).flushdb()


class Sink:
    """The local SMTP server: keeps (recipient, subject) of every message."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        subject = str(message_from_bytes(envelope.content).get("Subject", ""))
        with self.lock:
            self.messages.extend((rcpt, subject) for rcpt in envelope.rcpt_tos)
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


def board_payload(board: str) -> dict:
    """A Greenhouse board of 12 postings, every one fitting the seeded profiles (Python, Berlin or remote)."""
    n = BOARDS.index(board)
    jobs = []
    for i, title in enumerate(TITLES + TITLES[:4]):
        job_id = str(9_000_000 + n * 100 + i)
        jobs.append({
            "id": job_id, "internal_job_id": job_id, "title": f"{title} {i}", "company_name": f"Company {n}",
            "absolute_url": f"https://job-boards.greenhouse.io/{board}/jobs/{job_id}",
            "location": {"name": "Berlin, Germany" if i % 3 else "Remote (EU)"},
            "updated_at": "2026-12-01T09:00:00-05:00", "first_published": "2026-12-01T09:00:00-05:00",
            "content": "&lt;p&gt;We build logistics software.&lt;/p&gt;&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;"
                       "&lt;li&gt;Python and Django&lt;/li&gt;&lt;li&gt;PostgreSQL&lt;/li&gt;&lt;/ul&gt;",
            "offices": [{"id": 1, "name": "Berlin, Germany", "location": "Berlin, Germany"}],
            "departments": [{"id": 2, "name": "Engineering"}], "metadata": [],
        })
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


# --------------------------------------------------------------------------- processes


class Site:
    """The environment every host of the site shares, and the processes this script started."""

    def __init__(self, *, redis_db: int, smtp_port: int, boards_url: str) -> None:
        self.ports = [free_port(), free_port()]
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST")},
            "DJANGO_SETTINGS_MODULE": "copilot.settings", "DEBUG": "0", "SECRET_KEY": "scaleout-" + "s" * 50,
            "DATABASE_URL": f"{PG}/{DB_NAME}", "DATABASE_POOL_SIZE": "4",
            "REDIS_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{redis_db}", "Q_CLUSTER_NAME": f"scaleout{os.getpid()}",
            "EMAIL_URL": f"smtp://{HOST}:{smtp_port}", "ACCOUNT_EMAIL_VERIFICATION": "none",
            "ALLOWED_HOSTS": HOST, "SITE_URL": f"http://{HOST}:{self.ports[0]}", "SECURE_SSL_REDIRECT": "0",
            "TIME_ZONE": "UTC", "LOG_LEVEL": "warning", "ENABLE_SCHEDULER": "1", "ENABLE_JOB_SCRAPING": "1",
            "JOB_BOARD_BASE_URLS": json.dumps({"greenhouse": boards_url}),
        }
        self.processes: list[subprocess.Popen] = []
        self.log_dir = Path(tempfile.mkdtemp(prefix="copilot-scaleout-"))
        self.logs: list[Path] = []

    def start(self, args: list[str], **env: str) -> subprocess.Popen:
        # Output to a file, never an unread pipe: a full pipe would stop a chatty worker mid-task.
        name = f"{len(self.logs)}-{Path(args[-1] if args[-1] == 'qcluster' else 'gunicorn').name}.log"
        self.logs.append(self.log_dir / name)
        with open(self.logs[-1], "w") as output:
            process = subprocess.Popen(args, cwd=ROOT, env={**self.env, **env}, start_new_session=True,
                                       stdout=output, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def start_web(self, workers: int) -> None:
        for port in self.ports:
            self.start([sys.executable, "-m", "gunicorn", "copilot.wsgi", "-w", str(workers), "-b", f"{HOST}:{port}",
                        "--log-level", "warning", "--timeout", "30"])
        for port in self.ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection(HOST, port, timeout=2)
                    conn.request("GET", "/robots.txt")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn on {port} did not start")
                time.sleep(0.3)

    def start_worker(self, workers: int) -> subprocess.Popen:
        return self.start([sys.executable, "manage.py", "qcluster"], Q_WORKERS=str(workers))

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                # Idle by now; a qcluster can take half a minute to wind down, and a task cut short here would
                # be finished by the leases anyway.
                process.wait(timeout=8)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if process in self.processes:
            self.processes.remove(process)

    def stop_all(self) -> None:
        self.stop_many(list(self.processes))

    def stop_many(self, processes: list[subprocess.Popen]) -> None:
        """SIGTERM to all at once (a qcluster takes seconds to finish its tasks and stop), then wait."""
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            self.stop(process)


# --------------------------------------------------------------------------- seeding (in this process, Django)


def local_hour_now(zone: str) -> int:
    from django.utils import timezone

    return timezone.now().astimezone(ZoneInfo(zone)).hour


def seed_subscribers(users: int) -> None:
    """``users`` users following two boards each, both digests due in their own zone this hour."""
    from django.contrib.auth.hashers import make_password

    from copilot.accounts.models import Profile, User
    from jobs.models import SourceSubscription

    password = make_password(PASSWORD)  # hashed once: 200 hashes would cost a minute
    made = User.objects.bulk_create([User(username=f"sub{i}", email=f"sub{i}@example.com", password=password)
                                     for i in range(users)])
    profiles = []
    for i, user in enumerate(made):
        zone = ZONES[i % len(ZONES)]
        hour = local_hour_now(zone)
        profiles.append(Profile(user=user, timezone=zone, skills=["Python", "Django"], preferred_locations=["Berlin"],
                                experience_level="senior", morning_hour=hour, evening_hour=hour))
    Profile.objects.bulk_create(profiles)
    SourceSubscription.objects.bulk_create([
        SourceSubscription(user=user, kind="greenhouse", params={"board": BOARDS[(i + k) % len(BOARDS)]})
        for i, user in enumerate(made) for k in (0, 3)])


def seed_brief_users(count: int) -> list[int]:
    """``count`` users with a morning brief due now (evening off): jobs new today, a follow-up due."""
    from django.utils import timezone

    from applications.models import Application
    from copilot.accounts.models import Profile, User
    from jobs.models import Job

    made = User.objects.bulk_create([User(username=f"brief{i}", email=f"brief{i}@example.com", password="!")
                                     for i in range(count)], batch_size=2000)
    Profile.objects.bulk_create([
        Profile(user=user, timezone=ZONES[i % len(ZONES)], skills=["Python", "Django"], preferred_locations=["Berlin"],
                morning_hour=local_hour_now(ZONES[i % len(ZONES)]), evening_digest=False)
        for i, user in enumerate(made)], batch_size=2000)
    jobs = Job.objects.bulk_create([
        Job(user=user, title=f"{TITLES[(i + n) % len(TITLES)]} {n}", company=f"Company {n}", location="Berlin",
            tech_stack=["Python", "Django"]) for i, user in enumerate(made) for n in range(3)], batch_size=2000)
    today = timezone.now().date()
    Application.objects.bulk_create([
        Application(user_id=job.user_id, job=job, status="applied", applied_date=today - timedelta(days=7),
                    follow_up_date=today) for job in jobs[::3]], batch_size=2000)
    return [user.pk for user in made]


# --------------------------------------------------------------------------- signed-in load


def log_in(port: int, username: str) -> str:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    body = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    conn.request("POST", "/accounts/login/", body=urlencode({"login": username, "password": PASSWORD,
                                                              "csrfmiddlewaretoken": token}),
                 headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
                          "Referer": f"http://{HOST}:{port}/accounts/login/"})
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie", ""))
    if response.status != 302 or not session:
        raise SystemExit(f"log in as {username} on {port} failed: {response.status}")
    return f"sessionid={session.group(1)}; csrftoken={csrf}"


class Load:
    """A few signed-in clients loading pages on both web hosts until stopped; every non-200 is an error.
    The session signed in on one host is used on the other: both share the database and SECRET_KEY."""

    def __init__(self, site: Site, clients: int) -> None:
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        cookies = [log_in(site.ports[i % 2], f"sub{i}") for i in range(clients)]
        self.threads = [threading.Thread(target=self.loop, args=(i, cookie, site.ports), daemon=True)
                        for i, cookie in enumerate(cookies)]
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()

    def loop(self, index: int, cookie: str, ports: list[int]) -> None:
        conns = [http.client.HTTPConnection(HOST, port, timeout=30) for port in ports]
        n = 0
        while not self.stop.is_set():
            which = (index + n) % 2
            path = PAGES[(index + n // 2) % len(PAGES)]
            n += 1
            started = time.perf_counter()
            try:
                conns[which].request("GET", path, headers={"Cookie": cookie})
                response = conns[which].getresponse()
                response.read()
                error = None if response.status == 200 else f"{ports[which]}{path} {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                error = f"{ports[which]}{path} {exc!r}"
                conns[which].close()
                conns[which] = http.client.HTTPConnection(HOST, ports[which], timeout=30)
            with self.lock:
                self.latencies.append(time.perf_counter() - started)
                if error:
                    self.errors.append(error)

    def finish(self) -> str:
        self.stop.set()
        for thread in self.threads:
            thread.join(40)
        elapsed = time.monotonic() - self.started
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000 if ordered else float("nan")

        rate = len(ordered) / elapsed
        return (f"{len(ordered)} signed-in page loads in {elapsed:.0f} s on both web hosts ({rate:.1f} req/s, "
                f"p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms): {len(self.errors)} errors")


# --------------------------------------------------------------------------- the run


def wait_for(what: str, condition, timeout: float) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.5)
    return time.monotonic() - started


def make_due(name: str) -> None:
    """What the clock does at 04:00 or on the quarter hour: the schedule's next run is now."""
    from django.utils import timezone
    from django_q.models import Schedule

    assert Schedule.objects.filter(name=name).update(next_run=timezone.now() - timedelta(seconds=1)) == 1


def scheduled(name: str) -> bool:
    """A cluster's scheduler has queued the run made due (it moved the next run on)."""
    from django.utils import timezone
    from django_q.models import Schedule

    return Schedule.objects.get(name=name).next_run > timezone.now()


def exactly_once(users: int, sink: Sink) -> list[str]:
    """The checks; the list of what failed."""
    from django.db.models import Count

    from insights.models import DigestLog
    from jobs.models import IngestionRun, Job, SourceSubscription

    failures = []
    subscriptions = SourceSubscription.objects.filter(user__username__startswith="sub").count()
    succeeded = Counter(IngestionRun.objects.filter(status="succeeded").values_list("subscription_id", flat=True))
    if len(succeeded) != subscriptions or set(succeeded.values()) != {1}:
        failures.append(f"ingestion: {len(succeeded)} of {subscriptions} subscriptions ran, counts "
                        f"{sorted(set(succeeded.values()))}")
    twice = (Job.objects.values("user_id", "company", "title").annotate(n=Count("id")).filter(n__gt=1).count())
    per_user = set(Job.objects.filter(user__username__startswith="sub").values("user_id").annotate(n=Count("id"))
                   .values_list("n", flat=True))
    if twice or len(per_user) != 1:
        failures.append(f"jobs: {twice} duplicated, jobs per user {sorted(per_user)} (every user follows two boards)")
    logs = Counter(DigestLog.objects.filter(user__username__startswith="sub").values_list("user_id", "kind"))
    if len(logs) != users * 2 or set(logs.values()) != {1}:
        failures.append(f"digests: {len(logs)} user-kind records of {users * 2}, counts {sorted(set(logs.values()))}")
    statuses = Counter(DigestLog.objects.filter(user__username__startswith="sub").values_list("status", flat=True))
    sent = statuses.get("sent", 0)
    mails = Counter(sink.messages)
    if sink.count() != sent or any(n > 1 for n in mails.values()):
        failures.append(f"mail: {sink.count()} messages for {sent} sent digests; "
                        f"{sum(1 for n in mails.values() if n > 1)} recipients got one twice")
    log(f"ingestion: {sum(succeeded.values())} successful runs for {subscriptions} subscriptions, "
        f"{Job.objects.filter(user__username__startswith='sub').count()} jobs, {twice} duplicated; digests: "
        f"{dict(statuses)}; {sink.count()} mails, none twice" if not failures else "checks failed")
    return failures


def scale_out(site: Site, sink: Sink, args: argparse.Namespace) -> list[str]:
    from django_q.tasks import async_task

    from insights.models import DigestLog
    from jobs.models import IngestionRun, SourceSubscription

    site.start_web(workers=2)
    workers = [site.start_worker(2), site.start_worker(2)]
    log(f"two web hosts (gunicorn -w 2 on ports {site.ports[0]} and {site.ports[1]}) and two worker hosts "
        f"(qcluster, 2 workers each) share PostgreSQL {DB_NAME}, Redis and the SMTP sink")
    load = Load(site, args.clients)
    subscriptions = SourceSubscription.objects.count()

    make_due("daily-ingestion")
    async_task("jobs.sources.tasks.ingest_all")  # a second scheduler, a broker delivering twice
    took = wait_for("the 04:00 ingestion", lambda: IngestionRun.objects.filter(
        status__in=["succeeded", "failed", "skipped"]).values("subscription_id").distinct().count() >= subscriptions
        and not IngestionRun.objects.filter(status__in=["queued", "running"]).exists(), args.timeout)
    log(f"04:00 ingestion for {args.users} users ({subscriptions} subscriptions) done in {took:.1f} s")

    make_due("digests")
    async_task("insights.digests.tasks.send_due_digests")  # the same quarter hour's run, twice
    settled = ["sent", "skipped", "failed", "unknown"]
    took = wait_for("both digests", lambda: DigestLog.objects.filter(status__in=settled).count() >= args.users * 2
                    and sink.count() >= DigestLog.objects.filter(status="sent").count(), args.timeout)
    log(f"digests (morning brief and evening summary) for {args.users} users done in {took:.1f} s")
    make_due("digests")  # and the next quarter hour of the same hour finds nothing left to send
    wait_for("the next digests run", lambda: scheduled("digests"), args.timeout)
    time.sleep(5)  # its tasks run, and anything sent twice arrives
    failures = exactly_once(args.users, sink)
    summary = load.finish()
    log(summary)
    if load.errors:
        failures.append(f"page errors: {load.errors[:5]}")
    site.stop_many(workers)
    return failures


def morning_brief(site: Site, sink: Sink, count: int, timeout: float) -> None:
    from django.utils import timezone
    from django_q.tasks import async_task

    from insights.digests.sending import due_user_ids
    from insights.digests.tasks import CHUNK_SIZE
    from insights.models import DigestLog

    user_ids = seed_brief_users(count)
    clock = timezone.now()  # both runs send as of this moment, whichever hour they end in
    log(f"seeded {count:,} users with a morning brief due")
    times = {}
    for processes in (1, 2):
        DigestLog.objects.filter(user_id__in=user_ids).delete()
        sink.clear()
        workers = [site.start_worker(1) for _ in range(processes)]
        time.sleep(3)  # the clusters start
        started = time.monotonic()
        # What the quarter-hour task does (tasks.send_due_digests), with the clock fixed at seeding time.
        due = due_user_ids(clock)
        for start in range(0, len(due), CHUNK_SIZE):
            async_task("insights.digests.tasks.send_digest_chunk", due[start:start + CHUNK_SIZE], clock.isoformat())
        wait_for(f"{count} morning briefs", lambda: DigestLog.objects.filter(
            user_id__in=user_ids, status__in=["sent", "skipped", "failed"]).count() >= count, timeout)
        times[processes] = time.monotonic() - started
        sent = DigestLog.objects.filter(user_id__in=user_ids, status="sent").count()
        log(f"morning brief for {count:,} users with {processes} worker process{'es' if processes > 1 else ''}: "
            f"{times[processes]:.1f} s ({count / times[processes]:.0f} users/s), {sent:,} sent, {sink.count():,} mails")
        site.stop_many(workers)
    log(f"speed-up with 2 worker processes: {times[1] / times[2]:.2f}x ({os.cpu_count()} CPU cores, shared with the "
        f"database, Redis, the SMTP sink and this script)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--brief-users", type=int, default=10_000)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()

    redis_db = empty_redis_db()
    subprocess.run(["psql", PG, "-qc", f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
    subprocess.run(["psql", PG, "-qc", f"CREATE DATABASE {DB_NAME}"], check=True)
    sink = Sink()
    smtp = Controller(sink, hostname=HOST, port=free_port())
    smtp.start()
    boards = StubServer()
    boards.__enter__()
    for board in BOARDS:
        boards.json(f"/v1/boards/{board}/jobs", board_payload(board))
    site = Site(redis_db=redis_db, smtp_port=smtp.port, boards_url=boards.base_url)
    try:
        os.environ.update(site.env)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        call_command("install_schedules", verbosity=0)
        if 60 - time.gmtime().tm_min < 4:  # the digests are due this hour: do not start on its last minutes
            time.sleep((60 - time.gmtime().tm_min) * 60 - time.gmtime().tm_sec + 5)
        if args.users:  # 0: only the morning brief's timing
            seed_subscribers(args.users)
            failures = scale_out(site, sink, args)
            if failures:
                for failure in failures:
                    log(f"FAILED {failure}")
                log(f"the processes' output is in {site.log_dir}")
                return 1
            log("exactly once: every subscription fetched once, no job twice, one digest of each kind per user, "
                "no mail twice; 0 page errors")
        if args.brief_users:
            morning_brief(site, sink, args.brief_users, max(args.timeout, args.brief_users / 3))
        return 0
    finally:
        site.stop_all()
        boards.__exit__(None, None, None)
        smtp.stop()
        from django.db import connections

        connections.close_all()
        subprocess.run(["psql", PG, "-qc", f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"], check=False)
        flush_redis_db(redis_db)


if __name__ == "__main__":
    sys.exit(main())
