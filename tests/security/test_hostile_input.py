"""Random and malicious values posted to every form: a clear answer or success, never a 500, nothing invalid stored."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications.models import Application, Interview, Note
from applications.services import schedule_interview
from copilot.accounts.models import Profile
from jobs.models import Job, SourceSubscription
from tests.factories import make_application, make_job

NASTY = [
    "", " ", "0", "-1", "-999999999999", "99999999999999999999", "1e309", "NaN", "null", "None", "true",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "' OR 1=1 --",
    "'; DROP TABLE jobs_job; --", "Robert'); DROP TABLE students;--", "%00", "\x00", "\r\nBcc: evil@example.com",
    "\u202e\u0645\u0631\u062d\u0628\u0627", "🦄" * 50, "x" * 5000, "2026-02-30", "2026-13-01", "31/12/2026",
    "0000-00-00", "9999-12-31T25:61", "../../etc/passwd", "{{ 7*7 }}", "${jndi:ldap://x}", "\ufeff", "Ω≈ç√∫",
]
hostile = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=3000),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.dates().map(str),
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

FORMS = {
    "/settings/": ["skills", "experience_level", "target_roles", "preferred_locations", "remote_preference",
                   "timezone", "morning_digest", "morning_hour", "evening_digest", "evening_hour"],
    "/jobs/new/": ["title", "company", "location", "remote_option", "job_type", "url", "salary_text", "tech_stack",
                   "description_html", "requirements", "posted_date", "date_applied", "origin"],
    "/jobs/from-url/": ["url"],
    "job-edit": ["title", "company", "location", "remote_option", "job_type", "url", "salary_text", "tech_stack",
                 "description_html", "requirements", "posted_date", "date_applied"],
    "app-move": ["status", "note", "return"],
    "app-notes": ["text"],
    "app-dates": ["applied_date", "follow_up_date"],
    "app-interviews": ["starts_at", "duration_minutes", "kind", "location", "notes"],
    "/settings/sources/add/board/": ["kind", "board", "url", "label"],
    "/settings/sources/add/search/": ["kind", "query", "location", "label"],
    "/settings/data/delete/": ["password", "confirm"],
}


@pytest.fixture
def setup(alice_client, alice):
    job = make_job(alice, title="Steady Job", company="Steady Co")
    application = make_application(alice, job, status="applied")
    schedule_interview(application=application, starts_at=timezone.now() + timedelta(days=1), kind="phone")
    return alice_client, alice, job, application


def _url(key: str, job: Job, application: Application) -> str:
    return {
        "job-edit": f"/jobs/{job.pk}/edit/",
        "app-move": f"/applications/{application.pk}/move/",
        "app-notes": f"/applications/{application.pk}/notes/",
        "app-dates": f"/applications/{application.pk}/dates/",
        "app-interviews": f"/applications/{application.pk}/interviews/",
    }.get(key, key)


def _assert_nothing_invalid_stored(user) -> None:
    profile = Profile.objects.get(user=user)
    profile.full_clean()
    for model, owner in ((Job, "user"), (Application, "user"), (SourceSubscription, "user"),
                         (Interview, "application__user"), (Note, "application__user")):
        for obj in model.objects.filter(**{owner: user}):
            obj.full_clean(exclude=["user", "application", "job"])
            for field in obj._meta.concrete_fields:
                value = getattr(obj, field.attname)
                if isinstance(value, str):
                    assert not CONTROL.search(value), (model.__name__, field.name, value[:40])
    for job in Job.objects.filter(user=user):
        assert "<script" not in job.description_html.lower() and "onerror" not in job.description_html.lower()


@pytest.mark.parametrize("form", sorted(FORMS))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_values_never_break_a_form(setup, form, data):
    client, user, job, application = setup
    payload = {name: data.draw(hostile, label=name) for name in FORMS[form]}
    response = client.post(_url(form, job, application), payload)
    assert response.status_code < 500
    assert response.status_code in (200, 302, 400), response.status_code
    if form == "/settings/data/delete/":
        assert type(user).objects.filter(pk=user.pk).exists()  # a random password never deletes the account
    _assert_nothing_invalid_stored(user)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["q", "status", "source", "remote", "job_type", "added", "sort", "page"]),
                             hostile, max_size=5))
def test_hostile_query_strings_never_break_the_lists(setup, query):
    """Any value lists the page; a control character is refused at the edge with a 400 page."""
    client = setup[0]
    refused = any(CONTROL.search(key + value) for key, value in query.items())
    for url in ("/jobs/", "/applications/table/"):
        assert client.get(url, query).status_code == (400 if refused else 200)
