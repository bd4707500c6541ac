from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from copilot.accounts.models import ExperienceLevel
from copilot.dates import validate_sensible_date
from copilot.weburl import validate_web_url
from jobs.choices import ClosedBy, JobOrigin, JobType, RemoteOption, SalaryPeriod
from jobs.sources import SOURCES

__all__ = ["BackgroundFetch", "ClosedBy", "IngestionRun", "Job", "JobAlert", "JobOrigin", "JobType", "RemoteOption",
           "Resume", "SalaryPeriod", "ScoringRules", "SourceSubscription"]


class JobQuerySet(models.QuerySet):
    def for_user(self, user) -> JobQuerySet:
        """The only way views reach jobs: always scoped to their owner."""
        return self.filter(user=user)

    def open(self) -> JobQuerySet:
        """Jobs still open: what advice (the skill gap, recommendations, the morning brief) is about."""
        return self.filter(closed_at__isnull=True)


class Job(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    company = models.CharField(max_length=200, db_index=True)
    title = models.CharField(max_length=200, db_index=True)
    location = models.CharField(max_length=200, blank=True)
    description_html = models.TextField(_("description"), blank=True, help_text="Sanitised HTML.")
    description_text = models.TextField(blank=True, editable=False)
    requirements = models.TextField(blank=True)
    salary_text = models.CharField(_("salary"), max_length=200, blank=True)
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_period = models.CharField(max_length=5, choices=SalaryPeriod.choices, blank=True)
    job_type = models.CharField(max_length=12, choices=JobType.choices, blank=True)
    remote_option = models.CharField(max_length=8, choices=RemoteOption.choices, blank=True)
    # What the posting asks of the candidate, as canonical skill names: the tech skills it requires, the
    # ones it only prefers ("nice to have", "bonus"), and soft skills and spoken languages, kept apart
    # from the tech stack so they never weigh in the stack score or the skill gap's technical lists.
    tech_stack = models.JSONField(_("tech stack (required)"), default=list, blank=True)
    preferred_stack = models.JSONField(_("nice to have"), default=list, blank=True)
    soft_skills = models.JSONField(_("soft skills and languages"), default=list, blank=True)
    # Seniority stated in the description/requirements ("" if none), derived on write for fast scoring.
    text_level = models.CharField(max_length=6, blank=True, editable=False)
    url = models.URLField(max_length=2000, blank=True, validators=[validate_web_url])
    canonical_url = models.CharField(max_length=2000, blank=True, editable=False, db_index=True)
    source = models.CharField(max_length=40, default=JobOrigin.MANUAL, db_index=True)
    external_id = models.CharField(max_length=200, blank=True)
    attribution_url = models.URLField(max_length=2000, blank=True, validators=[validate_web_url])
    posted_date = models.DateField(null=True, blank=True, validators=[validate_sensible_date])
    date_applied = models.DateField(null=True, blank=True, validators=[validate_sensible_date])
    # True once the user gave the tech stack (the job form, a CSV column): re-reading the posting
    # (manage.py reread_jobs) then keeps it instead of extracting the stack again.
    stack_edited = models.BooleanField(default=False, editable=False)
    # Which rules derived the fields above (jobs.services.DERIVED_VERSION); older jobs are re-read.
    derived_version = models.PositiveSmallIntegerField(default=0, editable=False)
    # Closed postings (jobs.closing): the followed board that listed the job, how many successful runs
    # in a row it was missing from that board, when it was closed and by whom, and when a closed job
    # nobody tracks was archived (hidden from the lists after the user's period).
    subscription = models.ForeignKey("SourceSubscription", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="jobs", editable=False,
                                     help_text="The followed board that lists this job.")
    missing_runs = models.PositiveSmallIntegerField(default=0, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.CharField(max_length=5, choices=ClosedBy.choices, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The owner's match score (jobs.matching), stored by every write (jobs.services.fill_derived_fields)
    # and refreshed when the profile or the rules change (jobs.scores), so "best match" is an indexed sort.
    match_score = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="job_user_created"),
            models.Index(Lower("company"), "user", name="job_user_company"),
            models.Index(fields=["user", "-match_score", "-id"], name="job_user_score"),
            # The jobs list at 10,000 jobs: sort by title, the source filter's choices, the closed jobs it counts.
            models.Index(Lower("title"), "user", name="job_user_title"),
            models.Index(fields=["user", "source"], name="job_user_source"),
            models.Index(fields=["user"], condition=models.Q(closed_at__isnull=False), name="job_user_closed"),
            # The list's count of open jobs (every page of the default list): an index-only scan, not the table.
            models.Index(fields=["user"], condition=models.Q(closed_at__isnull=True), name="job_user_open"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source", "external_id"],
                condition=~models.Q(external_id=""),
                name="job_unique_external_id_per_source",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="job_salary_min_lte_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def tracked(self):
        """The job's application, or None: for templates, where ``job.application`` on an untracked job
        raises, and the template engine then lists the job's attributes (``dir``) for every row."""
        try:
            return self.application  # the reverse one-to-one from applications
        except models.ObjectDoesNotExist:
            return None


# --------------------------------------------------------------------------- ingestion


def _source_choices() -> list[tuple[str, str]]:
    return [(kind, cls.label) for kind, cls in SOURCES.items()]


class SourceSubscriptionQuerySet(models.QuerySet):
    def for_user(self, user) -> SourceSubscriptionQuerySet:
        """The only way views reach subscriptions: always scoped to their owner."""
        return self.filter(user=user)

    def enabled(self) -> SourceSubscriptionQuerySet:
        return self.filter(enabled=True)


class SourceSubscription(models.Model):
    """One board or saved search a user pulls jobs from.

    ``params`` is ``{"board": "<token>"}`` for company boards (Greenhouse, Lever, Ashby) and
    ``{"query": "...", "location": "..."}`` for aggregators, always built by
    ``jobs.sources.ingest.subscription_params`` so equal subscriptions store equal JSON."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="source_subscriptions")
    kind = models.CharField(_("source"), max_length=20, choices=_source_choices)
    params = models.JSONField(default=dict)
    label = models.CharField(max_length=100, blank=True)
    enabled = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True, help_text="When the board was last asked for jobs.")
    last_error = models.TextField(blank=True)
    last_added = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceSubscriptionQuerySet.as_manager()

    # Not stored: what the subscriptions page shows, set per request by jobs.sources.views._decorate.
    source_label: str
    interval_text: str
    next_allowed: datetime | None
    source_available: bool
    latest_run: IngestionRun | None
    refreshable: bool

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "params"], name="source_subscription_unique_per_user"),
        ]
        indexes = [models.Index(fields=["enabled", "kind"], name="source_sub_enabled_kind")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.label or self.describe_params()

    def describe_params(self) -> str:
        """"acme" for a board; "python in Berlin" / "all jobs" for a search."""
        params = self.params or {}
        if params.get("board"):
            return str(params["board"])
        query, location = params.get("query") or "", params.get("location") or ""
        text = gettext("“%(query)s”") % {"query": query} if query else gettext("all jobs")
        # Translators: a saved search: "“python” in Berlin", "all jobs in Berlin".
        return gettext("%(search)s in %(location)s") % {"search": text, "location": location} if location else text


class IngestionRunQuerySet(models.QuerySet):
    def for_user(self, user) -> IngestionRunQuerySet:
        return self.filter(user=user)

    def active(self) -> IngestionRunQuerySet:
        return self.filter(status__in=[IngestionRun.Status.QUEUED, IngestionRun.Status.RUNNING])

    def abandoned(self, now: datetime) -> IngestionRunQuerySet:
        """Runs no worker will finish: running past their lease (the worker died), or without a lease
        for too long (queued but never picked up, the task lost with its broker; or started before leases)."""
        return self.active().filter(
            models.Q(lease_expires_at__lt=now)
            | models.Q(lease_expires_at__isnull=True, created_at__lt=now - IngestionRun.QUEUE_WAIT)
        )


class IngestionRun(models.Model):
    """What one fetch of one subscription did: counts, outcome, error.

    A worker running it holds a lease (``lease_expires_at``), longer than a fetch may take; a run
    still running after its lease lost its worker, and ``jobs.sources.ingest.recover_runs`` ends it."""

    #: Longer than a run can take: a board's fetch is cut at ``ingest.BOARD_DEADLINE``, then the write.
    LEASE = timedelta(minutes=2)
    #: A run queued this long was never picked up (all workers down, or the task lost).
    QUEUE_WAIT = timedelta(minutes=15)

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Daily schedule")
        USER = "user", _("Refresh now")
        ADMIN = "admin", "Admin"
        COMMAND = "command", _("Management command")

    subscription = models.ForeignKey(SourceSubscription, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="runs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ingestion_runs")
    source = models.CharField(max_length=20, db_index=True)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    fetched = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    filtered_out = models.PositiveIntegerField(default=0, help_text="Not matching the profile, or over the cap.")
    error = models.TextField(blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True,
                                            help_text="While running: when the run counts as abandoned.")
    attempt = models.PositiveSmallIntegerField(default=1, help_text="2: the retry of a run whose worker died.")

    objects = IngestionRunQuerySet.as_manager()

    # Not stored: set per request by jobs.sources.views._decorate_run for the status fragment.
    is_stale: bool
    polling: bool
    waiting_long: bool

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="ingest_run_user_created"),
            models.Index(fields=["subscription", "-created_at"], name="ingest_run_sub_created"),
        ]

    def __str__(self) -> str:
        return f"{self.source} run {self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def is_abandoned(self, now: datetime) -> bool:
        """In memory, the same rule as ``IngestionRun.objects.abandoned(now)``."""
        if not self.is_active:
            return False
        if self.lease_expires_at is not None:
            return self.lease_expires_at < now
        return self.created_at < now - self.QUEUE_WAIT


# --------------------------------------------------------------------------- fetches for a page


class BackgroundFetchQuerySet(models.QuerySet):
    def for_user(self, user) -> BackgroundFetchQuerySet:
        """The only way views reach fetches: always scoped to their owner."""
        return self.filter(user=user)


class BackgroundFetch(models.Model):
    """A fetch from outside that a page waits for: “Add from URL” (a posting's page) or a board preview.

    The web request only queues it, so a slow remote server never holds a web worker; a django-q2
    worker runs it (``jobs.fetches.run_fetch``) within ``DEADLINE`` and stores the result (JSON) for
    the page that polls it. Like an ingestion run it holds a lease while running."""

    class Kind(models.TextChoices):
        POSTING = "posting", _("Add from URL")
        PREVIEW = "preview", _("Board preview")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    #: Seconds for the whole fetch (connect, redirects, retries, body): far inside gunicorn's 30 s
    #: worker timeout, so the page's answer never waits on a fetch longer than a request could.
    DEADLINE = 20.0
    LEASE = timedelta(seconds=60)  # the deadline, then parsing and writing the result
    QUEUE_WAIT = timedelta(minutes=2)  # queued longer: no worker is taking it; the page says so
    KEEP = timedelta(days=1)  # finished fetches are deleted after this

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="background_fetches")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    request = models.JSONField(default=dict, help_text="What to fetch: the URL, or the board and its parameters.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)

    objects = BackgroundFetchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def is_abandoned(self, now: datetime) -> bool:
        """Pending, but no worker will finish it: its lease ran out, or it was never picked up."""
        if self.status == self.Status.RUNNING:
            return self.lease_expires_at is not None and self.lease_expires_at < now
        return self.status == self.Status.QUEUED and self.created_at < now - self.QUEUE_WAIT


class ScoringRules(models.Model):
    """One row: the rules (scoring code and skills taxonomy, ``jobs.scores.RULES``) every stored
    ``Job.match_score`` was computed by. ``manage.py reread_jobs`` recomputes all scores when they differ."""

    rules = models.CharField(max_length=40)
    applied_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.rules


class ResumeQuerySet(models.QuerySet):
    def for_user(self, user) -> ResumeQuerySet:
        """The only way views reach résumés: always scoped to their owner."""
        return self.filter(user=user)

    def without_file(self) -> ResumeQuerySet:
        """Everything but the file's bytes, for pages that show what was read from it."""
        return self.defer("data")


class Resume(models.Model):
    """An uploaded résumé (PDF or DOCX) and what was read from it (``jobs.resumes``).

    The file's bytes live in this row, not under MEDIA_ROOT: no URL can ever serve them but the owner's
    download view, a worker on another host reads them from the shared database, and deleting the
    account (a cascade) deletes them with everything else. A user's current résumé is the newest one
    read successfully; an upload that fails to be read leaves the current one as it was."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", _("Word (DOCX)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", pgettext_lazy("résumé status", "Reading")
        PARSED = "parsed", pgettext_lazy("résumé status", "Read")
        FAILED = "failed", _("Could not be read")

    MAX_BYTES = 5 * 1024 * 1024  # a text résumé is well under 1 MB; scans and photos are what grow past this
    LEASE = timedelta(minutes=2)  # reading is bounded (pages, characters): far inside this
    QUEUE_WAIT = timedelta(minutes=2)  # queued longer: no worker is taking it; the page says so

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes")
    filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    size = models.PositiveIntegerField(help_text="Bytes.")
    data = models.BinaryField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent read, for the page that waits.")
    error = models.TextField(blank=True)
    text = models.TextField(blank=True, editable=False)
    skills = models.JSONField(default=list, blank=True, help_text="Tech skills it mentions (canonical names).")
    other_skills = models.JSONField(default=list, blank=True, help_text="Soft skills and spoken languages.")
    years = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Years of experience it states.")
    years_evidence = models.CharField(max_length=200, blank=True)
    level = models.CharField(max_length=10, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)

    objects = ResumeQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="resume_progress_range"),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def years_evidence_text(self) -> str:
        from jobs.resumes.reading import evidence_text  # the reading rules live beside the résumé app

        return evidence_text(self.years_evidence, self.years)

    @property
    def level_label(self) -> str:
        return str(dict(ExperienceLevel.choices).get(self.level, self.level))

    def is_abandoned(self, now: datetime) -> bool:
        """Pending, but no worker will finish it: its lease ran out, or it was never picked up."""
        if self.status == self.Status.RUNNING:
            return self.lease_expires_at is not None and self.lease_expires_at < now
        return self.status == self.Status.QUEUED and self.uploaded_at < now - self.QUEUE_WAIT


class JobAlertQuerySet(models.QuerySet):
    def for_user(self, user) -> JobAlertQuerySet:
        """The only way views reach alerts: always scoped to their owner."""
        return self.filter(user=user)

    def unseen(self) -> JobAlertQuerySet:
        return self.filter(seen_at__isnull=True)


class JobAlert(models.Model):
    """A job a board brought that scored at or above its owner's alert threshold (``jobs.alerts``): shown in
    the navigation until seen, and mailed once when it also passed the email threshold."""

    class Email(models.TextChoices):
        NONE = "none", "Not mailed (below the threshold, or email off)"
        PENDING = "pending", "To be mailed"
        SENDING = "sending", "Being mailed"  # claimed by a worker: never mailed again, whatever happens next
        SENT = "sent", "Mailed"
        OVER_CAP = "over_cap", "Not mailed: the day's emails were used up"
        FAILED = "failed", "The mail could not be sent"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts")
    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="alert")
    score = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=10, choices=Email.choices, default=Email.NONE)
    emailed_at = models.DateTimeField(null=True, blank=True, help_text="When a worker claimed it for mailing.")

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "seen_at"], name="jobalert_user_seen"),
                   models.Index(fields=["user", "email", "emailed_at"], name="jobalert_user_email")]

    def __str__(self) -> str:
        return f"Alert {self.pk}: job {self.job_id} scored {self.score}"
