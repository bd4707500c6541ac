from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from applications.models import Application, Interview, Note, TimelineEvent
from insights.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo
from jobs.models import Job


def test_seed_demo_creates_the_demo_account_once_with_a_search_in_progress(db, client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    assert "Demo account created" in out.getvalue() and "already there" in out.getvalue()
    assert Job.objects.filter(user__username=DEMO_USERNAME).count() == 12
    assert Application.objects.filter(user__username=DEMO_USERNAME, status="interview").exists()
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)


@pytest.mark.parametrize("instant", [
    "2026-12-02T10:00:00+00:00",  # the morning of the walkthrough that found "applied 4 Dec" on 2 Dec
    "2026-12-02T23:30:00+00:00",  # already 3 Dec in Berlin: the demo user's dates follow her zone
    "2026-03-29T01:30:00+00:00",  # the night the clocks change in Berlin
])
def test_nothing_in_the_demo_happened_after_now(db, instant):
    with time_machine.travel(datetime.fromisoformat(instant), tick=False):
        user, _ = seed_demo()
        now = timezone.now()
        today = timezone.localdate(now, ZoneInfo(user.profile.timezone))
    applications = Application.objects.filter(user=user)
    assert applications.filter(applied_date__isnull=False).count() >= 6
    for application in applications:
        assert application.applied_date is None or application.applied_date <= today, application
        assert application.status_changed_at <= now and application.updated_at <= now
        assert application.created_at <= now
    for job in Job.objects.filter(user=user):
        assert job.created_at <= now and (job.date_applied is None or job.date_applied <= today), job
        assert job.posted_date is None or job.posted_date <= today
    assert not TimelineEvent.objects.filter(application__user=user, created_at__gt=now).exists()
    assert not Note.objects.filter(application__user=user, created_at__gt=now).exists()
    # Each history still reads in order, and the upcoming interview (a plan, not a past event) is ahead.
    for application in applications:
        times = list(application.events.order_by("id").values_list("created_at", flat=True))
        assert times == sorted(times)
    assert Interview.objects.filter(application__user=user, starts_at__gt=now).exists()
def test_the_demo_has_a_resume_read_with_changes_to_review(db):
    from copilot.accounts.models import Profile
    from insights.demo import seed_demo
    from jobs.models import Resume
    from jobs.resumes.services import diff_for

    user, _ = seed_demo()
    resume = Resume.objects.get(user=user)
    assert resume.status == "parsed" and (resume.years, resume.level) == (6, "senior")
    diff = diff_for(resume=resume, profile=Profile.objects.get(user=user))
    assert {"Celery", "Kubernetes", "FastAPI"} <= set(diff.add)
    assert {"htmx", "Linux"} <= set(diff.remove) and diff.level == "senior"
