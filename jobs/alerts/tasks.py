"""django-q2 entry points for alerts: thin, take ids."""

from __future__ import annotations

from jobs.alerts import mail


def send_alert_emails(user_id: int) -> dict[str, int]:
    return mail.send_alert_emails(user_id)
