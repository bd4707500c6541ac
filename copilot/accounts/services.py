from __future__ import annotations

from django.db import transaction

from copilot.accounts.models import Profile, User


def get_profile(user: User) -> Profile:
    """The user's profile, created empty on first use (users made by createsuperuser have none yet)."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


@transaction.atomic
def create_user(*, username: str, email: str, password: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, email=email, password=password, **extra)
    Profile.objects.create(user=user)
    return user
