"""Every recurring task, declared in one place and installed by `manage.py install_schedules`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class ScheduleSpec:
    name: str
    func: str
    cron: str  # server time
    description: str


SCHEDULES: list[ScheduleSpec] = [
    ScheduleSpec(
        name="worker-heartbeat",
        func="copilot.tasks.heartbeat",
        cron="* * * * *",
        description="Proves to /health that a worker is running.",
    ),
    ScheduleSpec(
        name="daily-ingestion",
        func="jobs.sources.tasks.ingest_all",
        cron="0 4 * * *",
        description="Pulls new jobs for every enabled job-source subscription; off with ENABLE_JOB_SCRAPING.",
    ),
    ScheduleSpec(
        name="archive-closed-jobs",
        func="jobs.tasks.archive_closed_jobs",
        cron="30 4 * * *",
        description="Hides closed jobs nobody tracks once each user's period (Settings) has passed.",
    ),
    # Every 15 minutes hits each user's chosen hour in every time zone (offsets are whole quarter
    # hours: +05:30, +05:45). A user is only sent a digest while their local hour *is* their hour:
    # if the workers are down for that whole hour, the day's digest is skipped rather than sent
    # stale hours later; a run later within the same hour still sends it. Once per user, kind and
    # local day is enforced by DigestLog, so the four runs of the hour never send twice.
    # Work a dead worker left behind: each run and each digest claim holds a lease, and these sweeps end
    # the ones whose lease ran out (README, "Reliability": what each kind of task guarantees).
    ScheduleSpec(
        name="recover-jobs-work",
        func="jobs.tasks.recover_abandoned_work",
        cron="* * * * *",
        description="Ends ingestion runs and page fetches whose worker died (failed, with the reason; a scheduled "
                    "run is retried once); deletes day-old fetches.",
    ),
    ScheduleSpec(
        name="recover-csv-imports",
        func="applications.spreadsheets.tasks.recover_imports",
        cron="* * * * *",
        description="Large CSV imports whose worker died: handed to another worker, which carries on after the "
                    "last committed batch.",
    ),
    ScheduleSpec(
        name="recover-digest-claims",
        func="insights.digests.tasks.recover_claims",
        cron="* * * * *",
        description="Digest claims whose worker died: a send that never started is retried, one that may have "
                    "started is marked unknown.",
    ),
    ScheduleSpec(
        name="digests",
        func="insights.digests.tasks.send_due_digests",
        cron="*/15 * * * *",
        description="Sends morning briefs and evening summaries due in each user's time zone; retries failed ones.",
    ),
]


@dataclass(frozen=True)
class DailyTime:
    """A daily schedule's time as a page states it: in the server's zone and in the user's."""

    server: str  # "04:00"
    server_zone: str  # "UTC"
    local: str  # "05:00"
    local_zone: str  # "Europe/Berlin"

    @property
    def same(self) -> bool:
        return self.server == self.local


def daily_time(name: str, *, user_zone: str, now: datetime | None = None) -> DailyTime:
    """When the daily schedule ``name`` runs today (cron "M H * * *", server time), in both zones: the
    offset between them changes with daylight saving time, so it is worked out for today."""
    spec = next(s for s in SCHEDULES if s.name == name)
    minute, hour = (int(part) for part in spec.cron.split()[:2])
    server_zone = ZoneInfo(settings.TIME_ZONE)
    day = (now or timezone.now()).astimezone(server_zone).date()
    run = datetime.combine(day, time(hour, minute), tzinfo=server_zone)
    local = run.astimezone(ZoneInfo(user_zone))
    return DailyTime(server=run.strftime("%H:%M"), server_zone=settings.TIME_ZONE, local=local.strftime("%H:%M"),
                     local_zone=user_zone)
