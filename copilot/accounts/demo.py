"""The demo account: a believable job search in progress, written for this project."""

from __future__ import annotations

from django.db import transaction

from copilot.accounts.models import Profile, User
from copilot.accounts.services import batched_bumps
from jobs.demo import seed_jobs

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "copilot-demo-2026"
DEMO_EMAIL = "demo@copilot.example"

DEMO_PROFILE = {
    "skills": ["Python", "Django", "PostgreSQL", "Docker", "REST", "JavaScript", "htmx", "Redis", "Git", "Linux"],
    "preferred_locations": ["Berlin, Germany", "Remote - EU"],
    "experience_level": "mid",
    "target_roles": ["Backend Engineer", "Python Developer", "Platform Engineer"],
    "remote_preference": "any",
    "timezone": "Europe/Berlin",
}


@transaction.atomic
def seed_demo(*, reset: bool = False) -> tuple[User, bool]:
    if reset:
        User.objects.filter(username=DEMO_USERNAME).delete()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(
        username=DEMO_USERNAME, email=DEMO_EMAIL, password=DEMO_PASSWORD, first_name="Dana"
    )
    _mark_email_verified(user)
    Profile.objects.create(user=user, **DEMO_PROFILE)
    with batched_bumps():
        seed_jobs(user)
    return user, True


def _mark_email_verified(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
