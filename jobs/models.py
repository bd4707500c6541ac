from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class RemoteOption(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class JobType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    INTERNSHIP = "internship", "Internship"
    TEMPORARY = "temporary", "Temporary"


class SalaryPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    WEEK = "week", "per week"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


class JobQuerySet(models.QuerySet):
    def for_user(self, user) -> JobQuerySet:
        """The only way views reach jobs: always scoped to their owner."""
        return self.filter(user=user)


class Job(models.Model):
    SOURCE_MANUAL = "manual"
    SOURCE_URL = "url"
    SOURCE_CSV = "csv"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    company = models.CharField(max_length=200, db_index=True)
    title = models.CharField(max_length=200, db_index=True)
    location = models.CharField(max_length=200, blank=True)
    description_html = models.TextField("description", blank=True, help_text="Sanitised HTML.")
    description_text = models.TextField(blank=True, editable=False)
    requirements = models.TextField(blank=True)
    salary_text = models.CharField("salary", max_length=200, blank=True)
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_period = models.CharField(max_length=5, choices=SalaryPeriod.choices, blank=True)
    job_type = models.CharField(max_length=12, choices=JobType.choices, blank=True)
    remote_option = models.CharField(max_length=8, choices=RemoteOption.choices, blank=True)
    tech_stack = models.JSONField(default=list, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.CharField(max_length=2000, blank=True, editable=False, db_index=True)
    source = models.CharField(max_length=40, default=SOURCE_MANUAL, db_index=True)
    external_id = models.CharField(max_length=200, blank=True)
    attribution_url = models.URLField(max_length=2000, blank=True)
    posted_date = models.DateField(null=True, blank=True)
    date_applied = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="job_user_created"),
            models.Index(Lower("company"), "user", name="job_user_company"),
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
        from django.urls import reverse

        return reverse("jobs:detail", args=[self.pk])
