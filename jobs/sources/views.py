"""Settings → Job sources: the user's board subscriptions, previews and “Refresh now”."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from copilot.accounts.services import get_profile
from copilot.requests import AuthedRequest
from copilot.schedules import DailyTime, daily_time
from jobs import fetches
from jobs.choices import RemoteOption
from jobs.models import BackgroundFetch, IngestionRun, SourceSubscription
from jobs.sources import SOURCES, ingest
from jobs.sources.forms import BoardSubscriptionForm, SearchSubscriptionForm, SubscriptionEditForm

PAGE = "jobs/sources/list.html"
PREVIEW_FRAGMENT = "jobs/sources/_preview.html"
STATUS_FRAGMENT = "jobs/sources/_run_status.html"
ROW_FRAGMENT = "jobs/sources/_subscription.html"
# A queued run not picked up after this long: the page says the worker may be down.
WORKER_WAIT_HINT = timedelta(seconds=30)
FORMS = {"board": BoardSubscriptionForm, "search": SearchSubscriptionForm}
ABANDONED = gettext_lazy("The background worker stopped before it finished. Please try again.")


def get_subscription_for_user(request: AuthedRequest, pk: int) -> SourceSubscription:
    """Another user's subscription is a 404, never a 403."""
    return get_object_or_404(SourceSubscription.objects.for_user(request.user), pk=pk)


def get_run_for_user(request: AuthedRequest, pk: int) -> IngestionRun:
    return get_object_or_404(IngestionRun.objects.for_user(request.user).select_related("subscription"), pk=pk)


def _decorate(subscription: SourceSubscription, run: IngestionRun | None) -> SourceSubscription:
    """Attach what the templates show (they must not query or compute)."""
    cls = SOURCES.get(subscription.kind)
    subscription.source_label = cls.label if cls else subscription.kind
    subscription.interval_text = ingest.every(cls.min_interval) if cls else ""  # "every 30 minutes"
    subscription.next_allowed = ingest.next_allowed_at(subscription)
    subscription.source_available = bool(cls and cls.is_enabled())
    subscription.latest_run = _decorate_run(run)
    subscription.refreshable = ingest.can_refresh_now(subscription, run) and not (run is not None and run.polling)
    return subscription


def _decorate_run(run: IngestionRun | None) -> IngestionRun | None:
    if run is not None:
        now = timezone.now()
        age = now - run.created_at
        run.is_stale = run.is_abandoned(now)  # its worker died; the recovery task will say so on the run
        run.polling = run.is_active and not run.is_stale
        run.waiting_long = run.status == IngestionRun.Status.QUEUED and age > WORKER_WAIT_HINT
    return run


def _subscriptions(user) -> list[SourceSubscription]:
    """The user's subscriptions, each with its latest run: two queries whatever the count."""
    latest = IngestionRun.objects.filter(subscription=OuterRef("pk")).order_by("-created_at", "-id").values("pk")[:1]
    subscriptions = list(SourceSubscription.objects.for_user(user).annotate(latest_run_id=Subquery(latest)))
    runs = IngestionRun.objects.in_bulk([s.latest_run_id for s in subscriptions if s.latest_run_id])
    return [_decorate(s, runs.get(s.latest_run_id)) for s in subscriptions]


def _page_context(request: AuthedRequest, **extra) -> dict:
    profile = get_profile(request.user)
    subscriptions = _subscriptions(request.user)
    return {
        "subscriptions": subscriptions,
        "refreshable_count": sum(s.refreshable for s in subscriptions),
        "board_form": BoardSubscriptionForm(user=request.user, prefix="board"),
        "search_form": SearchSubscriptionForm(user=request.user, prefix="search"),
        "rule_lines": ingest.ProfileFilter.from_profile(profile).describe(),
        "scraping_enabled": settings.ENABLE_JOB_SCRAPING,
        "limits": [(cls.label, ingest.once_every(cls.min_interval)) for cls in SOURCES.values()],
        "daily_text": daily_text(daily_time("daily-ingestion", user_zone=profile.timezone)),
        **extra,
    }


def daily_text(daily: DailyTime) -> str:
    """When the daily fetch runs: "05:00 your time (Europe/Berlin; 04:00 UTC on the server)"."""
    if daily.same:
        return _("%(time)s (%(zone)s, your time zone)") % {"time": daily.local, "zone": daily.local_zone}
    return _("%(time)s your time (%(zone)s; %(server_time)s %(server_zone)s on the server)") % {
        "time": daily.local, "zone": daily.local_zone, "server_time": daily.server, "server_zone": daily.server_zone}


@login_required
def subscription_list(request: AuthedRequest) -> HttpResponse:
    template = PAGE
    if request.htmx and request.htmx.target == "subscriptions":
        template += "#subscriptions"
    return render(request, template, _page_context(request))


def _bound_form(request: AuthedRequest, mode: str, *, for_preview: bool = False):
    if mode not in FORMS:
        raise Http404("no such form")
    return FORMS[mode](request.POST, user=request.user, prefix=mode, for_preview=for_preview)


@login_required
@require_POST
def subscription_add(request: AuthedRequest, mode: str) -> HttpResponse:
    form = _bound_form(request, mode)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                subscription = ingest.create_subscription(user=request.user, kind=data["kind"],
                                                          params=data["params"], label=data["label"])
        except IntegrityError:  # the same one added in another tab a moment ago
            form.add_error(None, _("You already follow this — it is in your list above."))
        else:
            messages.success(request, _("Following %(name)s on %(source)s. Its jobs arrive with the daily update, or "
                                        "press “Refresh now”.") % {"name": subscription.display_name,
                                                                  "source": SOURCES[subscription.kind].label})
            return redirect("sources:list")
    return render(request, PAGE, _page_context(request, **{f"{mode}_form": form}), status=400)


@login_required
@require_POST
def subscription_preview(request: AuthedRequest, mode: str) -> HttpResponse:
    """Queue a fetch of what this subscription would bring (nothing is saved) and show it as it arrives:
    the board is asked by a background worker, never by this request."""
    form = _bound_form(request, mode, for_preview=True)
    if not form.is_valid():
        if request.htmx:  # 400 is swapped like 200 (htmx-config in base.html): the errors show in the preview
            return render(request, PREVIEW_FRAGMENT, {"form_errors": form}, status=400)
        return render(request, PAGE, _page_context(request, **{f"{mode}_form": form}), status=400)
    data = form.cleaned_data
    fetch = fetches.queue_fetch(user=request.user, kind=BackgroundFetch.Kind.PREVIEW,
                        request={"kind": data["kind"], "params": data["params"], "label": data["label"]})
    if request.htmx:
        return render(request, PREVIEW_FRAGMENT, _preview_context(fetch))
    return redirect("sources:preview_result", pk=fetch.pk)


@login_required
@require_GET
def preview_result(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview as it stands: polling itself while the board is asked, then what it would bring."""
    fetch = get_object_or_404(BackgroundFetch.objects.for_user(request.user), pk=pk,
                              kind=BackgroundFetch.Kind.PREVIEW)
    context = _preview_context(fetch)
    if request.htmx:
        return render(request, PREVIEW_FRAGMENT, context)
    kind, params = fetch.request.get("kind", ""), fetch.request.get("params", {})
    mode = "board" if kind in SOURCES and SOURCES[kind].takes == "board" else "search"
    form = FORMS[mode](user=request.user, prefix=mode, initial={"kind": kind, **params,
                                                                "label": fetch.request.get("label", "")})
    return render(request, PAGE, _page_context(request, **{f"{mode}_form": form}, **context))


def _preview_context(fetch: BackgroundFetch) -> dict:
    now = timezone.now()
    pending = fetch.is_pending and not fetch.is_abandoned(now)
    kind = fetch.request.get("kind", "")
    if pending:
        preview = None
    elif fetch.status == BackgroundFetch.Status.SUCCEEDED:
        preview = fetches.preview_result(fetch)
        for posting, _saved in preview.sample:  # the work mode as the job pages name it, in the reader's language
            option = posting.get("remote_option") or ""
            posting["remote_option_label"] = (RemoteOption(option).label if option in RemoteOption.values
                                              else option.capitalize())
    else:
        preview = fetches.PreviewResult(error=fetch.error or str(ABANDONED))
    return {"fetch": fetch, "pending": pending, "preview": preview,
            "waiting_long": pending and fetch.status == BackgroundFetch.Status.QUEUED
            and now - fetch.created_at > WORKER_WAIT_HINT,
            "preview_source": SOURCES[kind].label if kind in SOURCES else kind,
            "preview_name": fetch.request.get("label", "")}


@login_required
@require_http_methods(["GET", "POST"])
def subscription_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    subscription = get_subscription_for_user(request, pk)
    if request.method == "POST":
        form = SubscriptionEditForm(request.POST, user=request.user, instance=subscription)
        if form.is_valid():
            try:
                with transaction.atomic():
                    ingest.update_subscription(subscription=subscription, params=form.cleaned_data["params"],
                                               label=form.cleaned_data["label"])
            except IntegrityError:
                form.add_error(None, _("You already follow this — it is in your list."))
            else:
                messages.success(request, _("Saved %(name)s.") % {"name": subscription.display_name})
                return redirect("sources:list")
        status = 400
    else:
        form, status = SubscriptionEditForm(user=request.user, instance=subscription), 200
    context = {"form": form, "subscription": _decorate(subscription, None)}
    return render(request, "jobs/sources/edit.html", context, status=status)


@login_required
@require_POST
def subscription_toggle(request: AuthedRequest, pk: int) -> HttpResponse:
    subscription = get_subscription_for_user(request, pk)
    ingest.set_enabled(subscription=subscription, enabled=not subscription.enabled)
    if request.htmx:
        run = IngestionRun.objects.filter(subscription=subscription).order_by("-created_at", "-id").first()
        return render(request, ROW_FRAGMENT, {"subscription": _decorate(subscription, run),
                                              "scraping_enabled": settings.ENABLE_JOB_SCRAPING})
    if subscription.enabled:
        messages.success(request, _("%(name)s is now on.") % {"name": subscription.display_name})
    else:
        messages.success(request, _("%(name)s is now off.") % {"name": subscription.display_name})
    return redirect("sources:list")


@login_required
@require_http_methods(["GET", "POST"])
def subscription_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    subscription = get_subscription_for_user(request, pk)
    if request.method == "POST":
        name = subscription.display_name
        ingest.delete_subscription(subscription=subscription)
        messages.success(request, _("Stopped following %(name)s. The jobs it brought are still in your list.")
                         % {"name": name})
        return redirect("sources:list")
    return render(request, "jobs/sources/confirm_delete.html",
                  {"subscription": _decorate(subscription, None)})


@login_required
@require_POST
def subscription_refresh(request: AuthedRequest, pk: int) -> HttpResponse:
    """Queue a fetch now (the board's minimum interval still applies: the run then says so)."""
    subscription = get_subscription_for_user(request, pk)
    run = ingest.queue_refresh(subscription=subscription)
    if request.htmx:
        run.refresh_from_db()  # with a synchronous queue (tests) it has already finished
        subscription.refresh_from_db()
        return render(request, STATUS_FRAGMENT, {"subscription": _decorate(subscription, run), "run": run,
                                                 "scraping_enabled": settings.ENABLE_JOB_SCRAPING})
    messages.info(request, _("Fetching %(name)s in the background; reload this page to see the result.")
                  % {"name": subscription.display_name})
    return redirect("sources:list")


@login_required
@require_POST
def refresh_all(request: AuthedRequest) -> HttpResponse:
    runs = ingest.queue_refresh_all(user=request.user)
    if request.htmx:
        return render(request, PAGE + "#subscriptions", _page_context(request))
    if runs:
        messages.info(request, ngettext("Fetching %(count)d source in the background; reload this page to see the "
                                        "results.",
                                        "Fetching %(count)d sources in the background; reload this page to see the "
                                        "results.", len(runs)) % {"count": len(runs)})
    else:
        messages.info(request, _("Nothing to refresh right now: your sources are paused or were fetched recently."))
    return redirect("sources:list")


@login_required
def run_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The small status fragment the page polls every 2 s; it stops polling once the run is over."""
    run = get_run_for_user(request, pk)
    subscription = run.subscription
    if subscription is not None:
        _decorate(subscription, run)
    return render(request, STATUS_FRAGMENT, {"subscription": subscription, "run": _decorate_run(run),
                                             "scraping_enabled": settings.ENABLE_JOB_SCRAPING})
