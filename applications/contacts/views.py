from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.contacts import services
from applications.contacts.forms import ContactForm, InteractionForm, LinkContactForm
from applications.contacts.models import Contact, Interaction
from applications.models import Application
from applications.views import detail_context, get_application_for_user
from copilot.requests import AuthedRequest
from jobs.models import Job

PAGE_SIZE = 50


def get_contact_for_user(request: AuthedRequest, pk: int) -> Contact:
    return get_object_or_404(Contact.objects.for_user(request.user), pk=pk)


def _user_applications(request: AuthedRequest):
    return Application.objects.for_user(request.user).select_related("job").order_by("job__company", "job__title")


@login_required
def contact_list(request: AuthedRequest) -> HttpResponse:
    q = " ".join(request.GET.get("q", "").split())[:200]
    contacts = (Contact.objects.for_user(request.user).search(q)
                .annotate(application_count=Count("applications", distinct=True),
                          last_interaction=Max("interactions__date"))
                .order_by(Lower("name"), "id"))  # aggregation drops Meta.ordering
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "applications/contacts/list.html"
    if request.htmx and request.htmx.target == "contact-results":
        template += "#results"
    return render(request, template, {"page": page, "contacts": page.object_list, "q": q})


def _origin(request: AuthedRequest) -> tuple[Application | None, Job | None]:
    """A contact added from an application's or a job's page is linked to it (owner-checked: else 404)."""
    source = request.POST if request.method == "POST" else request.GET
    application = job = None
    if source.get("application"):
        application = get_application_for_user(request, _object_id(source["application"]))
    if source.get("job"):
        job = get_object_or_404(Job.objects.for_user(request.user), pk=_object_id(source["job"]))
    return application, job


def _object_id(value: str) -> int:
    """An id typed into a form or query string; anything else (words, "²", 30 digits) matches nothing."""
    return int(value) if re.fullmatch(r"[0-9]{1,18}", value) else 0


@login_required
def contact_create(request: AuthedRequest) -> HttpResponse:
    application, job = _origin(request)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = services.create_contact(user=request.user, application=application, job=job, **form.cleaned_data)
        messages.success(request, _("Added %(name)s.") % {"name": contact.name})
        return redirect(application or job or contact)
    return render(request, "applications/contacts/form.html",
                  {"form": form, "application": application, "job": job, "heading": _("New contact")},
                  status=400 if form.errors else 200)


@login_required
def contact_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request, pk)
    return render(request, "applications/contacts/detail.html", _contact_context(request, contact))


def _contact_context(request: AuthedRequest, contact: Contact, log_form: InteractionForm | None = None) -> dict:
    applications = contact.applications.select_related("job").order_by("job__company", "job__title")
    return {
        "contact": contact,
        "applications": applications,
        "jobs": contact.jobs.order_by("company", "title"),
        "interactions": contact.interactions.select_related("application__job"),
        "log_form": log_form or InteractionForm(applications=_user_applications(request)),
    }


@login_required
def contact_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request, pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.update_contact(contact=contact, **form.cleaned_data)
        messages.success(request, _("Contact saved."))
        return redirect(contact)
    return render(request, "applications/contacts/form.html",
                  {"form": form, "contact": contact, "heading": _("Edit %(name)s") % {"name": contact.name}},
                  status=400 if form.errors else 200)


@login_required
def contact_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request, pk)
    if request.method == "POST":
        services.delete_contact(contact=contact)
        messages.success(request, _("Deleted %(name)s.") % {"name": contact.name})
        return redirect("contacts:list")
    return render(request, "applications/contacts/confirm_delete.html", {"contact": contact})


@login_required
@require_POST
def contact_log(request: AuthedRequest, pk: int) -> HttpResponse:
    """Log an interaction from the contact's page, optionally about one of the user's applications."""
    contact = get_contact_for_user(request, pk)
    form = InteractionForm(request.POST, applications=_user_applications(request))
    if form.is_valid():
        data = form.cleaned_data
        services.log_interaction(user=request.user, contact=contact, application=data["application"],
                                 kind=data["kind"], date=data["date"], note=data["note"],
                                 follow_up_date=data["follow_up_date"])
        messages.success(request, _("Interaction logged."))
        return redirect(contact)
    return render(request, "applications/contacts/detail.html", _contact_context(request, contact, form),
                  status=400)


@login_required
@require_POST
def interaction_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    interaction = get_object_or_404(Interaction.objects.filter(user=request.user).select_related("application"),
                                    pk=pk)
    services.delete_interaction(interaction=interaction)
    messages.success(request, _("Interaction removed."))
    return redirect(interaction.application or interaction.contact or "contacts:list")


def _application_page(request: AuthedRequest, application: Application, **forms) -> HttpResponse:
    context = detail_context(application, request.user, **forms)
    return render(request, "applications/detail.html", context, status=400)


@login_required
@require_POST
def application_link(request: AuthedRequest, pk: int) -> HttpResponse:
    """Put one of the user's existing contacts on an application."""
    application = get_application_for_user(request, pk)
    form = LinkContactForm(request.POST, choices=Contact.objects.for_user(request.user))
    if not form.is_valid():
        return _application_page(request, application, link_form=form)
    contact = form.cleaned_data["contact"]
    services.link_to_application(contact=contact, application=application)
    messages.success(request, _("%(name)s is now a contact for this application.") % {"name": contact.name})
    return redirect(application)


@login_required
@require_POST
def application_unlink(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request, pk)
    form = LinkContactForm(request.POST, choices=application.contacts.all())
    if not form.is_valid():
        messages.error(request, _("That contact is not on this application; nothing changed."))
        return _application_page(request, application)
    contact = form.cleaned_data["contact"]
    services.unlink_from_application(contact=contact, application=application)
    messages.success(request, _("%(name)s was removed from this application (the contact is kept).") % {
        "name": contact.name})
    return redirect(application)


@login_required
@require_POST
def application_log(request: AuthedRequest, pk: int) -> HttpResponse:
    """Log an interaction on an application: it joins the timeline and may set the follow-up date."""
    application = get_application_for_user(request, pk)
    form = InteractionForm(request.POST, contacts=Contact.objects.for_user(request.user))
    if not form.is_valid():
        return _application_page(request, application, interaction_form=form)
    data = form.cleaned_data
    try:
        services.log_interaction(user=request.user, application=application, contact=data["contact"],
                                 kind=data["kind"], date=data["date"], note=data["note"],
                                 follow_up_date=data["follow_up_date"])
    except ValidationError as error:
        form.add_error(None, error)
        return _application_page(request, application, interaction_form=form)
    messages.success(request, _("Interaction logged. Follow-up date set.") if data["follow_up_date"]
                     else _("Interaction logged."))
    return redirect(application)


@login_required
@require_POST
def job_link(request: AuthedRequest, pk: int) -> HttpResponse:
    """Put one of the user's existing contacts on a job (from the job's page)."""
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    form = LinkContactForm(request.POST, choices=Contact.objects.for_user(request.user))
    if form.is_valid():
        contact = form.cleaned_data["contact"]
        services.link_to_job(contact=contact, job=job)
        messages.success(request, _("%(name)s is now linked to this job.") % {"name": contact.name})
    else:
        messages.error(request, _("Choose one of your contacts; nothing changed."))
    return redirect(job)


@login_required
@require_POST
def job_unlink(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    form = LinkContactForm(request.POST, choices=job.contacts.all())
    if form.is_valid():
        contact = form.cleaned_data["contact"]
        services.unlink_from_job(contact=contact, job=job)
        messages.success(request, _("%(name)s was removed from this job (the contact is kept).") % {
            "name": contact.name})
    else:
        messages.error(request, _("That contact is not on this job; nothing changed."))
    return redirect(job)
