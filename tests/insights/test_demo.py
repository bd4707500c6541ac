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
