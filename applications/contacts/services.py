"""Every write to contacts and interactions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.contacts.models import Contact, Interaction
from applications.models import Application
from copilot.accounts.services import bump_data_version
from jobs.models import Job

CONTACT_FIELDS = ("name", "role", "company", "email", "phone", "linkedin_url", "notes")


@transaction.atomic
def create_contact(*, user, application: Application | None = None, job: Job | None = None, **fields) -> Contact:
    """A new contact, linked at once to the application or job it was added from."""
    contact = Contact(user=user, **{name: fields.get(name, "") for name in CONTACT_FIELDS})
    contact.full_clean(exclude=["user"])
    contact.save()
    if application is not None:
        link_to_application(contact=contact, application=application)
    if job is not None:
        link_to_job(contact=contact, job=job)
    return contact


@transaction.atomic
def update_contact(*, contact: Contact, **fields) -> Contact:
    for name in CONTACT_FIELDS:
        if name in fields:
            setattr(contact, name, fields[name])
    contact.full_clean(exclude=["user"])
    contact.save()
    return contact


@transaction.atomic
def delete_contact(*, contact: Contact) -> None:
    """Delete the person; what was said stays on the applications' timelines, without the name."""
    Interaction.objects.filter(contact=contact, application__isnull=True).delete()
    contact.delete()
    bump_data_version(contact.user_id)


def _same_owner(contact: Contact, owner_id: int) -> None:
    if contact.user_id != owner_id:
        raise ValidationError(_("This contact belongs to another user."))


def link_to_application(*, contact: Contact, application: Application) -> None:
    """Idempotent: the many-to-many table ignores a link that exists."""
    _same_owner(contact, application.user_id)
    contact.applications.add(application)


def unlink_from_application(*, contact: Contact, application: Application) -> None:
    contact.applications.remove(application)


def link_to_job(*, contact: Contact, job: Job) -> None:
    _same_owner(contact, job.user_id)
    contact.jobs.add(job)


def unlink_from_job(*, contact: Contact, job: Job) -> None:
    contact.jobs.remove(job)


@transaction.atomic
def log_interaction(
    *, user, kind: str, date: date, note: str = "", contact: Contact | None = None,
    application: Application | None = None, follow_up_date: date | None = None,
) -> Interaction:
    """Record a conversation; on an application it joins the timeline and may set the next follow-up.

    The contact is linked to the application if it was not yet: talking about it makes them part of it.
    """
    if contact is None and application is None:
        raise ValidationError(_("Say who the conversation was with, or which application it was about."))
    if contact is not None:
        _same_owner(contact, user.pk)
    if application is not None and application.user_id != user.pk:
        raise ValidationError(_("This application belongs to another user."))
    if follow_up_date is not None and application is None:
        raise ValidationError(_("A follow-up date belongs to an application."))
    interaction = Interaction(user=user, contact=contact, application=application, kind=kind, date=date,
                              note=note.strip())
    interaction.full_clean(exclude=["user", "contact", "application"])
    interaction.save()
    if application is not None:
        if contact is not None:
            link_to_application(contact=contact, application=application)
        fields = ["updated_at"]
        if follow_up_date is not None:
            application.follow_up_date = follow_up_date
            fields.append("follow_up_date")
        application.save(update_fields=fields)
        bump_data_version(user.pk)
    return interaction


@transaction.atomic
def delete_interaction(*, interaction: Interaction) -> None:
    interaction.delete()
    if interaction.application_id is not None:
        bump_data_version(interaction.user_id)
