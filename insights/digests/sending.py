"""Render and send digests, at most once per user, kind and local day.

Claiming
    A digest is claimed *before* it is built or sent, by inserting its ``DigestLog`` row
    (``pending``, attempt 1). The unique constraint on (user, kind, local_date) lets exactly one
    worker win; the others get an ``IntegrityError`` and move on. A failed send turns the row
    ``failed``; a later run re-claims it with a conditional ``update()`` (failed → pending,
    ``attempts < MAX_ATTEMPTS``), which again only one worker can win. After a successful send
    the row is marked ``sent``.

A worker that dies (the trade-off)
    The claim is held for ``DigestLog.LEASE``. Just before the message is handed to the mailer
    (the mail server already connected) the row turns ``sending``. A worker that dies leaves the
    row ``pending`` or ``sending`` past its lease, and :func:`recover_claims` (every minute) ends it:
    ``pending`` means the send never started, so the row turns ``failed`` and the next run sends
    it, once, the same local day; ``sending`` means the mail may have gone out, so the row turns
    ``unknown`` and is never sent automatically: two identical digests erode trust in every later
    one more than a missed one does. Operators find ``unknown`` rows with the admin's status
    filter and can allow a retry. A send that raises after the server accepted the message (e.g.
    a timeout waiting for the final reply) can still produce a duplicate on retry; the
    Message-ID is the same for every attempt of a digest, so most mail clients collapse such a
    pair into one.

Which digests are due
    :func:`send_due_digests` runs every 15 minutes (``copilot/schedules.py``) and sends to users
    whose *current* local hour is their morning/evening hour, toggle on. A run that misses the
    hour (worker down) does not send a late digest at 11:00: a morning brief is only useful in
    the morning. Failed sends are retried on later runs while it is still the same local day.
    Daylight saving: on the day an hour is skipped, users who chose it get no digest; the hour
    that repeats in autumn cannot send twice (same local date, same row).
"""

from __future__ import annotations

import logging
import time
import unicodedata
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from copilot.accounts.models import Profile
from copilot.accounts.services import get_profile, user_language
from insights.digests.content import KIND_NAMES, EveningSummary, MorningBrief, absolute_url, build_digest
from insights.digests.tokens import unsubscribe_path
from insights.models import DigestLog

logger = logging.getLogger("copilot.digests")

KINDS: tuple[str, ...] = tuple(DigestLog.Kind.values)
MAX_ATTEMPTS = 3
#: A failed digest is retried no sooner than this after its last attempt, times the attempts so far.
RETRY_DELAY = timedelta(minutes=10)
SUBJECT_MAX = 110
TEMPLATE_NAMES = {DigestLog.Kind.MORNING: "morning-brief", DigestLog.Kind.EVENING: "evening-summary"}
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


# ----------------------------------------------------------------------------------------------- rendering


@dataclass(frozen=True, slots=True)
class RenderedDigest:
    kind: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str


def clean_subject(text: str, limit: int = SUBJECT_MAX) -> str:
    """One line of printable text, at most ``limit`` characters: job titles come from outside.

    Control and format characters (CR, LF, NUL, bidi overrides, zero-width, line/paragraph
    separators) become spaces, runs of whitespace one space; an overlong subject is cut at a
    word boundary with an ellipsis.
    """
    chars = [
        " " if unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp") else char
        for char in text
    ]
    subject = " ".join("".join(chars).split())
    if len(subject) > limit:
        cut = subject[: limit - 1]
        if " " in cut[limit // 2 :]:
            cut = cut[: cut.rindex(" ")]
        subject = cut.rstrip(" ,;:-·") + "…"
    return subject


def render_digest(user, digest: MorningBrief | EveningSummary) -> RenderedDigest:
    """Subject, text and HTML (CSS inlined) of a digest, with absolute links and the unsubscribe link, in the
    user's language (:func:`copilot.accounts.services.user_language`)."""
    with translation.override(user_language(user)):
        return _render_digest(user, digest)


def _render_digest(user, digest: MorningBrief | EveningSummary) -> RenderedDigest:
    name = TEMPLATE_NAMES[digest.kind]
    unsubscribe_url = absolute_url(unsubscribe_path(user.pk, digest.kind))
    context = {
        "digest": digest,
        "site_url": settings.SITE_URL.rstrip("/"),
        "dashboard_url": absolute_url(reverse("dashboard")),
        "settings_url": absolute_url(reverse("profile:settings")),
        "unsubscribe_url": unsubscribe_url,
        "kind_label": DigestLog.Kind(digest.kind).label,
        "kind_name": KIND_NAMES[digest.kind],
        "hour": getattr(get_profile(user), f"{digest.kind}_hour"),
    }
    # Dates and times in the templates are shown in the user's zone, not the server's.
    with timezone.override(zoneinfo.ZoneInfo(digest.timezone)):
        subject = clean_subject(render_to_string(f"emails/{name}-subject.txt", context))
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = _INLINER.inline(render_to_string(f"emails/{name}-body.html", {**context, "subject": subject}))
    return RenderedDigest(kind=digest.kind, subject=subject, text=_tidy_text(text), html=html,
                          unsubscribe_url=unsubscribe_url)


def _tidy_text(text: str) -> str:
    """Templates leave blank lines where tags were: keep at most one empty line in a row."""
    lines: list[str] = []
    blank = False
    for line in text.splitlines():
        line = line.rstrip()
        if not line:
            if not blank and lines:
                lines.append("")
            blank = True
            continue
        lines.append(line)
        blank = False
    return "\n".join(lines).strip() + "\n"


def build_message(user, rendered: RenderedDigest, local_date: date) -> EmailMultiAlternatives:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{rendered.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",  # RFC 8058
            "Auto-Submitted": "auto-generated",
            # The same for every attempt of this digest, so clients collapse an unlikely duplicate.
            "Message-ID": f"<digest.{rendered.kind}.{user.pk}.{local_date:%Y%m%d}@{domain}>",
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def compose(user, kind: str, *, now: datetime) -> tuple[MorningBrief | EveningSummary, RenderedDigest] | None:
    """The digest as it would be sent at ``now`` (``None`` when there is nothing to say), in the user's
    language (labels and reasons are worded while it is built); no writes."""
    with translation.override(user_language(user)):
        digest = build_digest(user, kind, now=now)
        if digest is None:
            return None
        return digest, render_digest(user, digest)


# ----------------------------------------------------------------------------------------------- who is due


@dataclass(frozen=True, slots=True)
class Due:
    profile: Profile
    kind: str
    local_date: date
    claimed: bool  # a DigestLog row exists already for this user, kind and day

    @property
    def user(self):
        return self.profile.user


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _recipients(kind: str, user_ids: Iterable[int] | None):
    profiles = Profile.objects.filter(**{f"{kind}_digest": True}, user__is_active=True).exclude(user__email="")
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=list(user_ids))
    return profiles


def due_digests(kind: str, now: datetime, *, force: bool = False, user_ids: Iterable[int] | None = None) -> list[Due]:
    """Users who should get ``kind`` now: toggle on, an address, and (unless ``force``) the local hour
    equal to their chosen hour. Three queries whatever the number of users: the time zones in use,
    the profiles (grouped by local hour, so the database does the filtering), the claims made today."""
    profiles = _recipients(kind, user_ids)
    by_slot: dict[tuple[date, int], list[str]] = {}
    for name in profiles.order_by().values_list("timezone", flat=True).distinct():
        local = now.astimezone(_zone(name))
        by_slot.setdefault((local.date(), local.hour), []).append(name)
    if not by_slot:
        return []
    condition = Q()
    for (_, hour), names in by_slot.items():
        condition |= Q(timezone__in=names) if force else Q(timezone__in=names, **{f"{kind}_hour": hour})
    selected = profiles.filter(condition)
    chosen = list(selected.select_related("user").order_by("user_id"))
    claimed = set(
        DigestLog.objects.filter(kind=kind, local_date__in={day for day, _ in by_slot},
                                 user_id__in=selected.values("user_id"))
        .values_list("user_id", "local_date")
    ) if chosen else set()
    due = []
    for profile in chosen:
        local_date = now.astimezone(_zone(profile.timezone)).date()
        due.append(Due(profile, kind, local_date, (profile.user_id, local_date) in claimed))
    return due


def retryable_digests(now: datetime, *, kinds: Iterable[str] = KINDS,
                      user_ids: Iterable[int] | None = None) -> list[DigestLog]:
    """Failed digests with attempts left, whose delay has passed and whose local day is still today."""
    logs = DigestLog.objects.filter(
        status=DigestLog.Status.FAILED, attempts__lt=MAX_ATTEMPTS, kind__in=list(kinds),
        local_date__range=(now.date() - timedelta(days=1), now.date() + timedelta(days=1)),
        attempted_at__lte=now - RETRY_DELAY,
    ).select_related("user__profile")
    if user_ids is not None:
        logs = logs.filter(user_id__in=list(user_ids))
    return [
        log for log in logs.order_by("id")
        if log.attempted_at is not None and log.attempted_at <= now - RETRY_DELAY * log.attempts
        and now.astimezone(_zone(log.user.profile.timezone)).date() == log.local_date
    ]


# ----------------------------------------------------------------------------------------------- sending


class _Outbox:
    """One connection to the configured mailer for a whole run; dropped and reopened after a failure."""

    def __init__(self) -> None:
        self._connection: BaseEmailBackend | None = None

    def connect(self) -> BaseEmailBackend:
        if self._connection is None:
            connection = mailers.default
            connection.open()
            self._connection = connection
        return self._connection

    def send(self, message: EmailMultiAlternatives) -> None:
        connection = self.connect()
        try:
            sent = connection.send_messages([message])
        except Exception:
            self.close()
            raise
        if not sent:
            raise RuntimeError("The mailer accepted no message.")

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:
                logger.debug("closing the mail connection failed", exc_info=True)


def _retrying[T](write: Callable[[], T], *, tries: int = 5) -> T:
    """Run a short write again when the database is momentarily locked (SQLite under concurrent
    workers): above all the mark after a send must not be lost to a lock."""
    for attempt in range(tries):
        try:
            return write()
        except OperationalError:
            if attempt == tries - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _claim(user_id: int, kind: str, local_date: date, now: datetime) -> DigestLog | None:
    """The new pending row, or ``None`` when another worker (or an earlier run) has it."""

    def insert() -> DigestLog | None:
        try:
            with transaction.atomic():
                return DigestLog.objects.create(user_id=user_id, kind=kind, local_date=local_date,
                                                status=DigestLog.Status.PENDING, attempts=1, attempted_at=now,
                                                lease_expires_at=_lease())
        except IntegrityError:
            return None

    return _retrying(insert)


def _reclaim(log: DigestLog, now: datetime) -> bool:
    """Take a failed row back to pending; only one worker's update matches."""
    won = _retrying(lambda: DigestLog.objects.filter(
        pk=log.pk, status=DigestLog.Status.FAILED, attempts__lt=MAX_ATTEMPTS
    ).update(status=DigestLog.Status.PENDING, attempts=F("attempts") + 1, attempted_at=now,
             lease_expires_at=_lease()))
    if won:
        log.refresh_from_db(fields=["status", "attempts", "attempted_at"])
    return bool(won)


def _lease() -> datetime:
    # The wall clock, not the run's ``now``: a chunk may start minutes after the run that queued it.
    return timezone.now() + DigestLog.LEASE


def _mark_sending(log: DigestLog) -> bool:
    """pending → sending, just before the hand-over to the mailer. False: the claim was lost (its lease
    ran out and it was recovered), or the database would not say: then the message is not sent."""
    try:
        return bool(_retrying(lambda: DigestLog.objects.filter(pk=log.pk, status=DigestLog.Status.PENDING).update(
            status=DigestLog.Status.SENDING, lease_expires_at=_lease())))
    except OperationalError:
        return False


def _finish(log: DigestLog, status: str, *, after: str = DigestLog.Status.PENDING, **fields) -> None:
    """Record the outcome of a row in state ``after``. If even that fails, the row keeps its state until its
    lease runs out: a ``pending`` one is then retried, a ``sending`` one marked unknown, never sent twice."""
    claimed = DigestLog.objects.filter(pk=log.pk, status=after)
    try:
        _retrying(lambda: claimed.update(status=status, lease_expires_at=None, **fields))
    except OperationalError as error:
        logger.error("digest outcome not recorded; recovery will settle it when its lease runs out",
                     extra={**_log_fields(log), "outcome": status, "error": str(error)[:500]})


def _log_fields(log: DigestLog) -> dict:
    return {"task": "send_digests", "digest_id": log.pk, "user_id": log.user_id, "kind": log.kind,
            "local_date": log.local_date.isoformat(), "attempt": log.attempts}


def _deliver(log: DigestLog, user, now: datetime, outbox: _Outbox) -> str:
    """Build, render and send one claimed digest; record the outcome on its row. Never raises: one
    user's failure (a bug, the mail server, the database) must not stop everyone else's digest."""
    try:
        composed = compose(user, log.kind, now=now)
    except Exception as error:  # a bug for one user must not stop everyone else's digest
        logger.exception("digest could not be built", extra={**_log_fields(log), "error": repr(error)})
        _finish(log, DigestLog.Status.FAILED, last_error=f"build: {type(error).__name__}: {error}"[:2000])
        return DigestLog.Status.FAILED
    if composed is None:
        _finish(log, DigestLog.Status.SKIPPED, last_error="")
        logger.info("digest skipped: nothing to say", extra=_log_fields(log))
        return DigestLog.Status.SKIPPED
    _, rendered = composed
    message = build_message(user, rendered, log.local_date)
    state = DigestLog.Status.PENDING
    try:
        outbox.connect()  # still "pending": a worker dying while the server does not answer sent nothing
        if not _mark_sending(log):
            logger.warning("digest claim lost before the send; not sent", extra=_log_fields(log))
            return "taken"
        state = DigestLog.Status.SENDING
        outbox.send(message)
    except Exception as error:  # SMTP errors, refused connections, timeouts...
        _finish(log, DigestLog.Status.FAILED, after=state, last_error=f"{type(error).__name__}: {error}"[:2000])
        logger.warning(
            "digest send failed",
            extra={**_log_fields(log), "error_type": type(error).__name__, "error": str(error)[:500],
                   "will_retry": log.attempts < MAX_ATTEMPTS, "stage": "connect" if state == "pending" else "send"},
        )
        return DigestLog.Status.FAILED
    _finish(log, DigestLog.Status.SENT, after=DigestLog.Status.SENDING, sent_at=now, last_error="")
    logger.info("digest sent", extra={**_log_fields(log), "subject_length": len(rendered.subject)})
    return DigestLog.Status.SENT


def due_user_ids(now: datetime, *, kinds: Iterable[str] = KINDS) -> list[int]:
    """Everyone with a digest to send now: due and not yet claimed today, or failed and due a retry."""
    ids = {log.user_id for log in retryable_digests(now, kinds=kinds)}
    for kind in kinds:
        ids.update(due.profile.user_id for due in due_digests(kind, now) if not due.claimed)
    return sorted(ids)


def send_due_digests(now: datetime | None = None, *, kinds: Iterable[str] = KINDS, force: bool = False,
                     user_ids: Iterable[int] | None = None) -> dict[str, int]:
    """The scheduled entry point: retry failed digests, then send every digest due now.

    ``force`` ignores the hour (not the toggle, and never once-per-day); ``user_ids`` limits the run.
    Returns counts by outcome (sent, failed, skipped, taken: claimed by someone else or earlier).
    """
    now = now or timezone.now()
    kinds = [kind for kind in KINDS if kind in set(kinds)]
    user_ids = list(user_ids) if user_ids is not None else None
    summary: Counter[str] = Counter()
    outbox = _Outbox()
    logger.info("digests run started", extra={"task": "send_digests", "kinds": ",".join(kinds), "force": force})
    try:
        for log in retryable_digests(now, kinds=kinds, user_ids=user_ids):
            if not _reclaim(log, now):
                summary["taken"] += 1
                continue
            if not getattr(log.user.profile, f"{log.kind}_digest"):
                _finish(log, DigestLog.Status.SKIPPED, last_error="Switched off before the retry.")
                summary[DigestLog.Status.SKIPPED] += 1
                continue
            summary["retried"] += 1
            summary[_deliver(log, log.user, now, outbox)] += 1
        for kind in kinds:
            for due in due_digests(kind, now, force=force, user_ids=user_ids):
                claimed = None if due.claimed else _claim(due.user.pk, kind, due.local_date, now)
                if claimed is None:
                    summary["taken"] += 1
                    continue
                summary[_deliver(claimed, due.user, now, outbox)] += 1
    finally:
        outbox.close()
    result = {key: summary[key] for key in ("sent", "failed", "skipped", "taken", "retried")}
    logger.info("digests run finished", extra={"task": "send_digests", **result})
    return result


# ----------------------------------------------------------------------------------------------- crashed workers

NEVER_STARTED = "The worker stopped before handing it to the mailer; it is sent on the next run (same local day)."
MAY_HAVE_GONE = ("The worker stopped while handing it to the mailer: it may or may not have gone out. "
                 "Check the mail server's log; “Allow a retry” sends it again.")


def recover_claims(now: datetime | None = None) -> dict[str, int]:
    """Settle the digest claims whose worker died (their lease ran out): ``pending`` ones never reached
    the mailer and become ``failed`` (retried by the next run, once, the same local day); ``sending``
    ones may have gone out and become ``unknown``, never sent automatically. Claims from before leases
    (no lease, pending for longer than one) cannot tell which, so they are ``unknown`` too."""
    now = now or timezone.now()
    Status = DigestLog.Status
    expired = Q(lease_expires_at__lt=now)
    legacy = Q(lease_expires_at__isnull=True, attempted_at__lt=now - DigestLog.LEASE)
    retried = _retrying(lambda: DigestLog.objects.filter(expired, status=Status.PENDING).update(
        status=Status.FAILED, lease_expires_at=None, last_error=NEVER_STARTED))
    unknown = _retrying(lambda: DigestLog.objects.filter(
        expired | legacy, status__in=[Status.PENDING, Status.SENDING]).update(
        status=Status.UNKNOWN, lease_expires_at=None, last_error=MAY_HAVE_GONE))
    if retried or unknown:
        logger.warning("digest claims abandoned by their worker: %d to retry, %d unknown", retried, unknown,
                       extra={"task": "recover_claims", "retry": retried, "unknown": unknown})
    return {"retry": retried, "unknown": unknown}
