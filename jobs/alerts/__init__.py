"""Live alerts: a job a board brought that scores at or above the user's threshold shows up at once.

Recording
    :func:`services.record_alerts` runs after an ingestion run committed its new jobs
    (``jobs.sources.ingest.run_subscription``): it scores the run's new jobs with the match score
    (``jobs.matching.queryset_totals``, one query) and writes a :class:`~jobs.models.JobAlert` for each at or above
    ``Profile.alert_min_score``. One alert per job (a one-to-one), so a repeated call adds nothing.

Showing, without reloading
    Every signed-in page carries a bell in the top bar that polls ``alerts:nav`` with htmx (every
    ``ALERT_POLL_SECONDS``, 30 by default). Polling suits the deployment in the README: gunicorn's sync
    workers answer each poll in a few milliseconds and are free again, where server-sent events would hold a
    worker per open tab. The bell shows how many alerts are unseen and lists the latest; opening one, or
    "Mark all as seen", marks them seen.

Mailing, exactly once and a few a day
    With ``Profile.alert_email`` on, an alert at or above ``alert_email_min_score`` is recorded ``pending`` and a
    django-q2 task (:func:`tasks.send_alert_emails`) mails it through the configured mailer (``MAILERS``, the
    digests' path). The task claims alerts in a transaction holding the user's profile row, counting what was
    claimed that local day: at most :data:`mail.DAILY_CAP` emails per user and local day, whatever number of
    workers run at once; the rest turn ``over_cap`` (still in the bell). A claimed alert is ``sending`` before
    the mailer is called, and nothing ever mails a ``sending``, ``sent`` or ``failed`` alert again: at most
    once per job, and exactly once unless the mail server refused it (then ``failed``, logged).
"""
