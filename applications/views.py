from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications import calendar
from applications.contacts.forms import InteractionForm, LinkContactForm
from applications.contacts.models import Contact
from applications.contacts.timeline import last_interaction, merged_timeline
from applications.forms import DatesForm, InterviewForm, MoveForm, NoteForm
from applications.models import CLOSED_STATUSES, Application, Interview, Status
from applications.queries import (
    CARDS_PER_PAGE,
    board_columns,
    card_for,
    column_cards,
    cursor_after,
    follow_ups,
    parse_cursor,
    status_counts,
    table_queryset,
)
from applications.services import (
    BEFORE_INTERVIEW,
    add_note,
    cancel_interview,
    move_application,
    schedule_interview,
    start_application,
    update_dates,
)
from copilot.accounts.models import Profile
from copilot.accounts.services import get_profile
from copilot.pagecache import cached_page
from copilot.requests import AuthedRequest
from jobs.models import Job

FEED_HISTORY = timedelta(days=90)  # past interviews the calendar feed still lists
FOLLOW_UPS_SHOWN = 8  # above the board; the oldest first


def status_choices() -> list[tuple[str, str]]:
    """The statuses for a page's move menus, worded once per request: a board renders the menu on every
    card, and each lazy label would look its translation up again."""
    return [(value, str(label)) for value, label in Status.choices]


def get_application_for_user(request: AuthedRequest, pk: int) -> Application:
    return get_object_or_404(Application.objects.for_user(request.user).select_related("job"), pk=pk)


def _back(request: AuthedRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@cached_page
def board(request: AuthedRequest) -> HttpResponse:
    # ?open=rejected unfolds a closed column without JavaScript (with it, htmx loads the column in place).
    expanded = frozenset(request.GET.getlist("open")) & CLOSED_STATUSES
    context = {"columns": board_columns(request.user, expanded=expanded),
               "follow_ups": follow_ups(request.user, limit=FOLLOW_UPS_SHOWN),
               "status_choices": status_choices()}
    template = "applications/board.html"
    if request.htmx and request.htmx.target == "board":
        template += "#board"
    return render(request, template, context)


@login_required
@require_GET
def column(request: AuthedRequest, status: str) -> HttpResponse:
    """The next page of one board column (htmx "Show more", or unfolding a closed column)."""
    if status not in Status.values:
        raise Http404("No such column.")
    raw = request.GET.get("before", "")
    before = parse_cursor(raw) if raw else None
    if raw and before is None:
        return HttpResponseBadRequest("That page of the column does not exist; reload the board.")
    context = {"status": status, "label": str(Status(status).label), "status_choices": status_choices(),
               "cards": [], "more": "", "toggle": status in CLOSED_STATUSES and not raw, "folded": False}
    if request.GET.get("fold"):
        context["folded"] = True  # a closed column folded again: no cards, and "Show cards" back
    else:
        cards = column_cards(request.user, status, before=before, limit=CARDS_PER_PAGE + 1)
        context["cards"] = cards[:CARDS_PER_PAGE]
        context["more"] = cursor_after(cards[:CARDS_PER_PAGE]) if len(cards) > CARDS_PER_PAGE else ""
    return render(request, "applications/board.html#cards", context)


@login_required
@cached_page
def table(request: AuthedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    q = " ".join(request.GET.get("q", "").split())[:200]
    page = Paginator(table_queryset(request.user, status=status, q=q), 50).get_page(request.GET.get("page"))
    context = {"page": page, "applications": page.object_list, "status": status, "q": q,
               "status_choices": status_choices()}
    template = "applications/table.html"
    if request.htmx and request.htmx.target == "table-results":
        template += "#results"
    return render(request, template, context)


@login_required
@require_POST
def track(request: AuthedRequest, job_id: int) -> HttpResponse:
    """The Track button: start an application as `interested` (idempotent)."""
    job = get_object_or_404(Job.objects.for_user(request.user), pk=job_id)
    application = start_application(user=request.user, job=job)
    if request.htmx:
        job.application = application
        return render(request, "jobs/_track.html", {"job": job})
    messages.success(request, _("Tracking “%(title)s” — it is on your board as Interested.") % {"title": job.title})
    return _back(request, job.get_absolute_url())


@login_required
@cached_page
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request, pk)
    return render(request, "applications/detail.html", detail_context(application, request.user))


def detail_context(application: Application, user, **forms) -> dict:
    """The application's page; contact forms re-rendered with errors come in ``forms`` too."""
    interactions = list(application.interactions.select_related("contact"))
    return {
        "application": application,
        "job": application.job,
        "timeline": merged_timeline(application.events.all(), interactions),
        "last_interaction": last_interaction(interactions),
        "contacts": application.contacts.all(),
        "link_form": forms.get("link_form") or LinkContactForm(
            choices=Contact.objects.for_user(user).exclude(applications=application)),
        "interaction_form": forms.get("interaction_form") or InteractionForm(contacts=Contact.objects.for_user(user)),
        "notes": application.dated_notes.all(),
        "interviews": application.interviews.all(),
        "move_form": forms.get("move_form") or MoveForm(initial={"status": application.status}),
        "note_form": forms.get("note_form") or NoteForm(),
        "dates_form": forms.get("dates_form") or DatesForm(initial={
            "applied_date": application.applied_date, "follow_up_date": application.follow_up_date}),
        "interview_form": forms.get("interview_form") or InterviewForm(),
        "offer_interview_move": application.status in BEFORE_INTERVIEW,
        "status_choices": status_choices(),
    }


@login_required
@require_POST
def move(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        error = _("That status is not valid; nothing changed.")
        returns = request.POST.get("return") if request.htmx else None
        if returns == "card":  # the card again, where it was, with the message on it
            return render(request, "applications/_card.html", {
                "application": card_for(application), "status_choices": status_choices(),
                "move_error": error, "failed_move": application.pk}, status=400)
        if returns == "board":  # the board again, the message on the card that did not move
            return render(request, "applications/board.html#board",
                          {"columns": board_columns(request.user), "status_choices": status_choices(),
                           "move_error": error, "failed_move": application.pk}, status=400)
        if returns == "row":
            return render(request, "applications/_table_row.html", {
                "application": application, "status_choices": status_choices(), "move_error": error}, status=400)
        messages.error(request, error)
        return render(request, "applications/detail.html", detail_context(application, request.user, move_form=form),
                      status=400)
    previous = application.get_status_display()
    application = move_application(application=application, status=form.cleaned_data["status"],
                                   note=form.cleaned_data["note"])
    if request.htmx:
        returns = request.POST.get("return")
        if returns == "card":
            return _moved_card(request, application, previous)
        if returns == "board":
            return render(request, "applications/board.html#board",
                          {"columns": board_columns(request.user), "status_choices": status_choices()})
        if returns == "row":
            return render(request, "applications/_table_row.html", {"application": application,
                                                                    "status_choices": status_choices()})
    messages.success(request, _("Moved to %(status)s.") % {"status": application.get_status_display()})
    return _back(request, application.get_absolute_url())


def _moved_card(request: AuthedRequest, application: Application, previous: str) -> HttpResponse:
    """The moved card, every column count, and a sentence for the board's live region."""
    counts = status_counts(request.user)
    label = application.get_status_display()
    title = application.job.title
    if previous == label:
        announcement = _("“%(title)s” stays in %(status)s.") % {"title": title, "status": label}
    else:
        announcement = " ".join([
            _("Moved “%(title)s” from %(previous)s to %(status)s.") % {"title": title, "previous": previous,
                                                                       "status": label},
            # Translators: how many cards a board column holds after a move, e.g. "Interview has 3."
            _("%(status)s has %(count)s.") % {"status": label, "count": counts[application.status]}])
    context = {"application": card_for(application), "counts": counts, "announcement": announcement,
               "status_choices": status_choices()}
    return render(request, "applications/_moved.html", context)


@login_required
@require_POST
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        add_note(application=application, text=form.cleaned_data["text"])
        messages.success(request, _("Note added."))
        return redirect(application)
    return render(request, "applications/detail.html", detail_context(application, request.user, note_form=form),
                  status=400)


@login_required
@require_POST
def dates(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request, pk)
    form = DatesForm(request.POST)
    if form.is_valid():
        update_dates(application=application, **form.cleaned_data)
        messages.success(request, _("Dates saved."))
        return redirect(application)
    return render(request, "applications/detail.html", detail_context(application, request.user, dates_form=form),
                  status=400)


@login_required
@require_POST
def interview_add(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request, pk)
    form = InterviewForm(request.POST)
    if form.is_valid():
        before = (application.status, application.follow_up_date)
        try:
            schedule_interview(application=application, clear_follow_up=True, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            application.refresh_from_db(fields=["status", "follow_up_date"])
            said = [_("Interview added.")]
            if application.status != before[0]:
                said.append(_("The application moved to %(status)s.") % {"status": application.get_status_display()})
            if before[1] is not None and application.follow_up_date is None:
                said.append(_("Its follow-up reminder is cleared."))
            said.append(_("To see it in your calendar app, download its .ics file or subscribe to your calendar "
                          "feed."))
            messages.success(request, " ".join(said))
            return redirect(application)
    return render(request, "applications/detail.html", detail_context(application, request.user, interview_form=form),
                  status=400)


def _interview_for_user(request: AuthedRequest, pk: int) -> Interview:
    interviews = Interview.objects.filter(application__user=request.user).select_related("application__job")
    return get_object_or_404(interviews, pk=pk)


@login_required
@require_POST
def interview_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    interview = _interview_for_user(request, pk)
    application = interview.application
    cancel_interview(interview=interview)
    messages.success(request, _("Interview removed."))
    return redirect(application)


@login_required
@require_GET
def interview_ics(request: AuthedRequest, pk: int) -> HttpResponse:
    interview = _interview_for_user(request, pk)
    response = HttpResponse(calendar.calendar_bytes([interview]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A private feed calendar apps subscribe to: the secret token is the only credential."""
    profile = Profile.objects.filter(calendar_token=token).select_related("user").first()
    if profile is None or len(token) < 20:
        raise Http404("No such calendar.")
    interviews = (
        Interview.objects.filter(application__user=profile.user, starts_at__gte=timezone.now() - FEED_HISTORY)
        .select_related("application__job")
        .order_by("starts_at")
    )
    # No session here (a calendar app asks): the language picked in Settings, else the one the app asks for.
    with override(profile.language or get_language()):
        body = calendar.calendar_bytes(interviews, name=_("Interviews — %(username)s") % {
            "username": profile.user.get_username()})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def calendar_info(request: AuthedRequest) -> HttpResponse:
    profile = get_profile(request.user)
    feed_url = request.build_absolute_uri(reverse("applications:calendar_feed", args=[profile.calendar_token]))
    return render(request, "applications/calendar.html", {"feed_url": feed_url})


