from __future__ import annotations

import pytest
from django.core import mail

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _empty_outbox():
    mail.outbox = []
    yield


@pytest.fixture
def carol(db):
    """Morning brief at 08:00 in Tokyo."""
    return make_user("carol", skills=["Go", "Kubernetes"], timezone="Asia/Tokyo")


@pytest.fixture
def dave(db):
    """Morning brief at 08:00 in New York."""
    return make_user("dave", skills=["Go", "Kubernetes"], timezone="America/New_York")
