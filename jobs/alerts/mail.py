"""Mail alerts as they arrive: at most :data:`DAILY_CAP` a day per user, each alert at most once.

See the package docstring for the guarantees; the claim is :func:`_claim`.
"""

from __future__ import annotations

import logging
import unicodedata
import zoneinfo
from datetime import datetime
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from copilot.accounts.models import Profile, User
from copilot.accounts.services import user_language
from jobs.matching import match_job
from jobs.models import JobAlert

logger = logging.getLogger("copilot.alerts")

DAILY_CAP = 3  # emails per user and local day: immediate mail is for the few jobs worth interrupting for
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
Email = JobAlert.Email


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _one_line(text: str, limit: int = 110) -> str:
    """Subjects come from outside (job titles): no control or format characters, one line, cut."""
    chars = (" " if unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp") else char
             for char in text)
    subject = " ".join("".join(chars).split())
    return subject if len(subject) <= limit else subject[: limit - 1].rstrip() + "…"


def _local_midnight(profile: Profile, now: datetime) -> datetime:
    zone = zoneinfo.ZoneInfo(profile.timezone)
    return now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)


def _claim(user_id: int, now: datetime) -> list[JobAlert]:
    """Take the user's pending alerts for mailing, best first, within the day's cap; the rest turn over_cap.

    Holding the profile row (``select_for_update``; SQLite serialises writers anyway) makes the count and the
    claim one step, so two workers mailing the same user never pass the cap together."""
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user_id=user_id)
        pending = JobAlert.objects.filter(user_id=user_id, email=Email.PENDING)
        if not profile.alert_email:  # switched off since the alert was recorded
            pending.update(email=Email.NONE)
            return []
        used = JobAlert.objects.filter(user_id=user_id, email__in=[Email.SENDING, Email.SENT, Email.FAILED],
                                       emailed_at__gte=_local_midnight(profile, now)).count()
        ids = list(pending.order_by("-score", "id").values_list("id", flat=True)[: max(DAILY_CAP - used, 0)])
        JobAlert.objects.filter(id__in=ids, email=Email.PENDING).update(email=Email.SENDING, emailed_at=now)
        pending.exclude(id__in=ids).update(email=Email.OVER_CAP)
    return list(JobAlert.objects.filter(id__in=ids).select_related("job", "user", "user__profile").order_by("-score"))


def build_message(alert: JobAlert) -> EmailMultiAlternatives:
    """The alert's mail, in the user's language (:func:`copilot.accounts.services.user_language`)."""
    with translation.override(user_language(alert.user)):
        return _build_message(alert)


def _build_message(alert: JobAlert) -> EmailMultiAlternatives:
    job, user = alert.job, alert.user
    settings_url = _absolute(reverse("profile:settings") + "#alerts-settings")
    context = {
        "alert": alert, "job": job, "match": match_job(job, user.profile),
        "job_url": _absolute(job.get_absolute_url()), "dashboard_url": _absolute(reverse("dashboard")),
        "settings_url": settings_url, "unsubscribe_url": settings_url,
        "kind_label": gettext_lazy("Job alert emails"), "cap": DAILY_CAP,
        # Translators: inside "Unsubscribe from the job alert emails".
        "kind_name": gettext_lazy("job alert emails"),
    }
    subject = _one_line(render_to_string("emails/job-alert-subject.txt", context))
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string("emails/job-alert-body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
        headers={"Auto-Submitted": "auto-generated",
                 "Message-ID": f"<alert.{alert.pk}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"})
    html = render_to_string("emails/job-alert-body.html", {**context, "subject": subject})
    message.attach_alternative(_INLINER.inline(html), "text/html")
    return message


def send_alert_emails(user_id: int, *, now: datetime | None = None) -> dict[str, int]:
    """Mail the user's pending alerts within the cap; counts of what happened."""
    if not User.objects.filter(pk=user_id).exists():
        return {"sent": 0, "failed": 0}
    claimed = _claim(user_id, now or timezone.now())
    sent = failed = 0
    if claimed:
        connection = mailers.default
        for alert in claimed:
            try:
                delivered = connection.send_messages([build_message(alert)])
            except Exception:
                delivered = 0
                logger.exception("job alert mail failed", extra={"alert_id": alert.pk, "user_id": user_id})
            status = Email.SENT if delivered else Email.FAILED
            JobAlert.objects.filter(pk=alert.pk, email=Email.SENDING).update(email=status)
            sent, failed = sent + bool(delivered), failed + (not delivered)
    return {"sent": sent, "failed": failed}


__all__ = ["DAILY_CAP", "build_message", "send_alert_emails"]
