"""Small helpers that build test data (make_x style)."""

from __future__ import annotations

import itertools

from copilot.accounts.models import Profile, User

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def make_user(username: str | None = None, *, password: str = PASSWORD, **profile_fields) -> User:
    n = next(_counter)
    username = username or f"user{n}"
    user = User.objects.create_user(username=username, email=f"{username}@example.com", password=password)
    Profile.objects.create(user=user, **profile_fields)
    return user


def make_job(user, *, title: str = "Backend Engineer", company: str = "Acme Widgets", **fields):
    """A job saved through the service, so derived fields are filled as in the app."""
    from jobs.services import create_job

    fields.setdefault("location", "Berlin, Germany")
    fields.setdefault("description_html", "<p>Python, Django and PostgreSQL services.</p>")
    return create_job(user=user, title=title, company=company, **fields)


def make_application(user, job=None, *, status: str = "interested", **job_fields):
    from applications.services import start_application

    job = job or make_job(user, **job_fields)
    return start_application(user=user, job=job, status=status)
