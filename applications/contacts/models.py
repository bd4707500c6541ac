"""Contacts (people the user talks to) and the interactions logged with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copilot.dates import validate_sensible_date
from copilot.weburl import validate_web_url


class ContactQuerySet(models.QuerySet):
    def for_user(self, user) -> ContactQuerySet:
        """The only way views reach contacts: always scoped to their owner."""
        return self.filter(user=user)

    def search(self, q: str) -> ContactQuerySet:
        """Every word must appear in the name, role, company, email or notes (case-insensitive)."""
        queryset = self
        for word in q.split():
            queryset = queryset.filter(
                models.Q(name__icontains=word) | models.Q(role__icontains=word) | models.Q(company__icontains=word)
                | models.Q(email__icontains=word) | models.Q(notes__icontains=word)
            )
        return queryset


class Contact(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True, help_text=_("E.g. Recruiter, Engineering Manager."))
    company = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    linkedin_url = models.URLField("LinkedIn URL", max_length=500, blank=True, validators=[validate_web_url])
    notes = models.TextField(blank=True)
    applications = models.ManyToManyField("applications.Application", related_name="contacts", blank=True)
    jobs = models.ManyToManyField("jobs.Job", related_name="contacts", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "id"]
        indexes = [models.Index(Lower("name"), "user", name="contact_user_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])


class InteractionKind(models.TextChoices):
    EMAIL = "email", pgettext_lazy("interaction kind", "Email")
    CALL = "call", pgettext_lazy("interaction kind", "Call")
    MEETING = "meeting", pgettext_lazy("interaction kind", "Meeting")
    MESSAGE = "message", pgettext_lazy("interaction kind", "Message")


class Interaction(models.Model):
    """One conversation on one day: with a contact, about an application, or both (never neither)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interactions")
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="interactions")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="interactions")
    kind = models.CharField(max_length=8, choices=InteractionKind.choices, default=InteractionKind.EMAIL)
    date = models.DateField(validators=[validate_sensible_date])
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at", "-id"]
        indexes = [models.Index(fields=["application", "-date"], name="interaction_application_date")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=InteractionKind.values), name="interaction_kind_valid"),
        ]

    def __str__(self) -> str:
        who = self.contact.name if self.contact else "someone"
        return f"{self.get_kind_display()} with {who} on {self.date:%Y-%m-%d}"
