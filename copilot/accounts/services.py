"""Writes to accounts and profiles, and the data version every cache of a user's data is keyed by."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation

from copilot.accounts.models import Profile, User

_batched: ContextVar[set[int] | None] = ContextVar("batched_data_version_bumps", default=None)


def get_profile(user: User) -> Profile:
    """The user's profile, created empty on first use (users made by createsuperuser have none yet)."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


def user_language(user: User) -> str:
    """The language of what is written for the user without a request to go by (mail, and the texts a
    worker stores for the user's pages): the one picked in Settings, else the one their browser last
    asked for (there is no browser to ask now), else the site's default (``LANGUAGE_CODE``)."""
    profile = get_profile(user)
    return profile.language or profile.browser_language or settings.LANGUAGE_CODE


def remember_browser_language(sender, request, user, **kwargs) -> None:
    """At each sign-in, keep the browser's language (Accept-Language) for the mail of a user who left the
    language on "Your browser's language" (:func:`user_language`)."""
    if request is None:
        return
    code = translation.get_language_from_request(request)
    Profile.objects.filter(user=user).exclude(browser_language=code).update(browser_language=code)


@transaction.atomic
def create_user(*, username: str, email: str, password: str | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, email=email, password=password, **extra)
    Profile.objects.create(user=user)
    return user


def bump_data_version(user_id: int) -> None:
    """Say the user's data changed: whatever was computed from it and cached is stale from now on.

    Call after any change to a user's jobs, applications or profile (one UPDATE, no read). Caches
    (``insights.cache``) key their entries by ``Profile.data_version``, which works across web and
    worker processes without a shared cache.
    """
    pending = _batched.get()
    if pending is not None:
        pending.add(user_id)
        return
    Profile.objects.filter(user_id=user_id).update(data_version=F("data_version") + 1)


@contextmanager
def batched_bumps() -> Iterator[None]:
    """Batch writes (imports, demo data) bump each user's data version once at the end instead of per row."""
    pending: set[int] = set()
    token = _batched.set(pending)
    try:
        yield
    finally:
        _batched.reset(token)
        for user_id in pending:
            bump_data_version(user_id)


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the user and, by cascade, every row they own (jobs, applications, subscriptions, logs)."""
    user.delete()
