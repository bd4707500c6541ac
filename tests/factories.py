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
