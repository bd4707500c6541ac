from io import StringIO

from django.core.management import call_command

from applications.models import Application
from insights.demo import DEMO_PASSWORD, DEMO_USERNAME
from jobs.models import Job


def test_seed_demo_creates_the_demo_account_once_with_a_search_in_progress(db, client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    assert "Demo account created" in out.getvalue() and "already there" in out.getvalue()
    assert Job.objects.filter(user__username=DEMO_USERNAME).count() == 12
    assert Application.objects.filter(user__username=DEMO_USERNAME, status="interview").exists()
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)


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
