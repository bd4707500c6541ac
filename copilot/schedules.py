"""Every recurring task, declared in one place and installed by `manage.py install_schedules`."""

from __future__ import annotations

from dataclasses import dataclass


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
        func="jobs.tasks.ingest_all",
        cron="0 4 * * *",
        description="Pulls new jobs for every enabled job-source subscription; off with ENABLE_JOB_SCRAPING.",
    ),
]
