"""Settings → Job sources: list, add (by name, by URL, search), preview, toggle, edit, delete,
Refresh now with its polled status fragment, and ownership."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.models import BackgroundFetch, IngestionRun, Job, SourceSubscription
from tests.jobs.sources.helpers import make_subscription, only_loopback, serve  # noqa: F401  (autouse)
from tests.stubserver import StubResponse

LIST = reverse("sources:list")
HTMX = {"HTTP_HX_REQUEST": "true"}
POLLING = 'hx-trigger="every 2s"'


def add_board(client, **data):
    return client.post(reverse("sources:add", args=["board"]), {f"board-{k}": v for k, v in data.items()})


def add_search(client, **data):
    return client.post(reverse("sources:add", args=["search"]), {f"search-{k}": v for k, v in data.items()})


# --------------------------------------------------------------------------- the page


def test_it_requires_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_lists_subscriptions_and_explains_the_rule(alice_client, alice, boards):
    make_subscription(alice, "greenhouse", label="Nimbus")
    subscription = make_subscription(alice, "remotive")
    subscription.last_error = "HTTP 500 Internal Server Error from remotive.com"
    subscription.save()

    response = alice_client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nimbus" in html and "Greenhouse" in html and "“python”" in html
    assert '<p class="run-error">Last error: HTTP 500' in html
    assert "asks for at least one of your skills (Python, Django, PostgreSQL)" in html
    assert "Berlin, Germany" in html
    assert "once every 6 hours" in html  # Remotive's limit, stated
    assert "the limit holds even when you ask" in html


def test_the_page_speaks_german(alice_client, alice, boards):
    make_subscription(alice, "remotive")
    html = alice_client.get(LIST, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<h1>Jobquellen</h1>" in html
    assert "einmal alle 6 Stunden" in html and "einmal pro Stunde" in html
    assert "mindestens einen Ihrer Skills verlangt (Python, Django, PostgreSQL)" in html


def test_adzuna_is_shown_but_cannot_be_picked_without_a_key(alice_client, boards):
    html = alice_client.get(LIST).content.decode()
    assert '<option value="adzuna" disabled>Adzuna — not available: no API key on this server</option>' in html

    response = add_search(alice_client, kind="adzuna", query="python")
    assert response.status_code == 400 and "needs an API key" in response.content.decode()
    assert not SourceSubscription.objects.exists()


def test_the_list_page_has_a_constant_number_of_queries(alice_client, alice, boards):
    first = make_subscription(alice, "greenhouse")
    IngestionRun.objects.create(subscription=first, user=alice, source="greenhouse", status="failed")
    alice_client.get(LIST)  # the session's first request also loads the time zone
    with CaptureQueriesContext(connection) as one:
        response = alice_client.get(LIST)
    assert response.status_code == 200 and first.display_name in response.content.decode()
    for kind in ("lever", "ashby", "remotive", "remoteok"):
        subscription = make_subscription(alice, kind)
        IngestionRun.objects.create(subscription=subscription, user=alice, source=kind, status="succeeded")
    with CaptureQueriesContext(connection) as five:
        response = alice_client.get(LIST)
    assert len(five) == len(one)
    assert response.status_code == 200
    page = response.content.decode()
    assert all(s.display_name in page for s in SourceSubscription.objects.for_user(alice))


def test_the_settings_page_links_to_job_sources_with_a_count(alice_client, alice):
    make_subscription(alice, "greenhouse")
    html = alice_client.get(reverse("profile:settings")).content.decode()
    assert "Job sources" in html and "You follow 1 job source" in html and f'href="{LIST}"' in html


# --------------------------------------------------------------------------- adding


def test_add_a_company_board_by_name(alice_client, alice, boards):
    response = add_board(alice_client, kind="greenhouse", board="nimbus-labs")
    assert response.status_code == 302 and response["Location"] == LIST
    subscription = SourceSubscription.objects.get(user=alice)
    assert (subscription.kind, subscription.params, subscription.label) == ("greenhouse", {"board": "nimbus-labs"},
                                                                            "Nimbus Labs")
    assert subscription.enabled and not boards.requests  # nothing fetched until asked


@pytest.mark.parametrize(("url", "kind", "board"), [
    ("https://jobs.lever.co/fernwood-audio/5f1c2a9e", "lever", "fernwood-audio"),
    ("boards.greenhouse.io/nimbus-labs", "greenhouse", "nimbus-labs"),
    ("https://jobs.ashbyhq.com/quillmark?utm_source=x", "ashby", "quillmark"),
])
def test_add_a_company_board_by_pasting_its_careers_url(alice_client, alice, boards, url, kind, board):
    response = add_board(alice_client, url=url, label="My pick")
    assert response.status_code == 302
    subscription = SourceSubscription.objects.get(user=alice)
    assert (subscription.kind, subscription.params, subscription.label) == (kind, {"board": board}, "My pick")


def test_an_unrecognised_url_is_a_clear_error_and_nothing_is_saved(alice_client, boards):
    response = add_board(alice_client, url="https://careers.example.com/jobs")
    assert response.status_code == 400
    html = response.content.decode()
    assert "We don&#x27;t recognise this address as a Greenhouse, Lever or Ashby careers page" in html
    assert 'value="https://careers.example.com/jobs"' in html  # the form keeps what was typed
    assert not SourceSubscription.objects.exists()


def test_an_aggregator_url_points_to_the_search_form(alice_client, boards):
    response = add_board(alice_client, url="https://remotive.com/remote-jobs")
    assert response.status_code == 400 and "use “Search a job board” instead" in response.content.decode()


def test_board_name_and_system_are_required_without_a_url(alice_client, boards):
    response = add_board(alice_client, board="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pick the system" in html and "Type the board name" in html


def test_a_bad_board_token_is_refused(alice_client, boards):
    response = add_board(alice_client, kind="lever", board="not a token!")
    assert response.status_code == 400 and "is not a valid board token" in response.content.decode()
    assert not SourceSubscription.objects.exists()


def test_following_the_same_board_twice_is_refused(alice_client, alice, boards):
    add_board(alice_client, kind="greenhouse", board="nimbus-labs")
    response = add_board(alice_client, url="https://boards.greenhouse.io/nimbus-labs")
    assert response.status_code == 400 and "You already follow this" in response.content.decode()
    assert SourceSubscription.objects.filter(user=alice).count() == 1


def test_add_a_keyword_search(alice_client, alice, boards):
    response = add_search(alice_client, kind="remotive", query="  Python ", location="Europe")
    assert response.status_code == 302
    subscription = SourceSubscription.objects.get(user=alice)
    assert (subscription.kind, subscription.params) == ("remotive", {"query": "python", "location": "europe"})
    assert subscription.label == "Python in Europe"  # as typed


# --------------------------------------------------------------------------- preview


def preview(client, capture, mode: str, data: dict, **headers):
    """Ask for a preview with the worker running it as the request commits (Q_CLUSTER sync): the
    answer to the POST (the fetch just queued) and the preview page or fragment once it is done."""
    with capture(execute=True):
        posted = client.post(reverse("sources:preview", args=[mode]), {f"{mode}-{k}": v for k, v in data.items()},
                             **headers)
    fetch = BackgroundFetch.objects.latest("id")
    return posted, client.get(reverse("sources:preview_result", args=[fetch.pk]), **headers)


def test_preview_shows_what_would_be_added_and_saves_nothing(alice_client, alice, boards,
                                                             django_capture_on_commit_callbacks):
    serve(boards, "greenhouse")
    _, response = preview(alice_client, django_capture_on_commit_callbacks, "board",
                          {"kind": "greenhouse", "board": "nimbus-labs"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: Nimbus Labs on Greenhouse" in html
    assert "<dt>Fetched</dt><dd>3</dd>" in html and "<dt>Fit your profile</dt><dd>1</dd>" in html
    assert "<dt>Would be added</dt><dd>1</dd>" in html
    assert "Senior Backend Engineer (Python)" in html and "Product Designer" not in html
    assert 'hx-trigger="every 1s"' not in html  # done: it stops polling
    assert not Job.objects.exists() and not SourceSubscription.objects.exists()
    assert not IngestionRun.objects.exists()


def test_preview_without_javascript_renders_the_whole_page(alice_client, alice, boards,
                                                           django_capture_on_commit_callbacks):
    serve(boards, "remotive")
    Job.objects.create(user=alice, title="Senior Python Developer", company="Tidewater Analytics",
                       location="Europe")
    posted, response = preview(alice_client, django_capture_on_commit_callbacks, "search",
                               {"kind": "remotive", "query": "python"})
    assert posted.status_code == 302
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>Job sources</h1>" in html
    assert "<dt>Already saved</dt><dd>1</dd>" in html and "Already saved</span>" in html
    assert "via Remotive" in html  # attribution shown next to the board's jobs
    assert 'value="python"' in html
    assert "<noscript>" not in html  # done: no more reloading
    assert Job.objects.count() == 1


def test_preview_reports_a_failing_board(alice_client, boards, django_capture_on_commit_callbacks):
    serve(boards, "lever", StubResponse(500))
    _, response = preview(alice_client, django_capture_on_commit_callbacks, "board",
                          {"kind": "lever", "board": "fernwood-audio"}, **HTMX)
    assert "We could not fetch it: HTTP 500" in response.content.decode()


def test_preview_of_an_invalid_form_lists_the_errors(alice_client, boards):
    response = alice_client.post(reverse("sources:preview", args=["board"]), {"board-url": "https://x.example"},
                                 **HTMX)
    assert response.status_code == 400  # swapped in place like every form error (base.html's htmx-config)
    assert "recognise this address" in response.content.decode()
    assert not boards.requests and not BackgroundFetch.objects.exists()


def test_a_source_already_followed_can_still_be_previewed(alice_client, alice, boards,
                                                          django_capture_on_commit_callbacks):
    serve(boards, "greenhouse")
    make_subscription(alice, "greenhouse")
    _, response = preview(alice_client, django_capture_on_commit_callbacks, "board",
                          {"kind": "greenhouse", "board": "nimbus-labs"}, **HTMX)
    assert "<dt>Fetched</dt><dd>3</dd>" in response.content.decode()


def test_a_preview_is_only_queued_by_the_request_and_polls_until_a_worker_is_done(alice_client, boards):
    serve(boards, "greenhouse")
    response = alice_client.post(reverse("sources:preview", args=["board"]),  # no worker here
                                 {"board-kind": "greenhouse", "board-board": "nimbus-labs"}, **HTMX)

    fetch = BackgroundFetch.objects.get()
    html = response.content.decode()
    assert fetch.status == "queued" and not boards.requests  # the web request asked no board
    assert 'hx-trigger="every 1s"' in html and reverse("sources:preview_result", args=[fetch.pk]) in html
    assert "Queued" in html and "Preview: Nimbus Labs on Greenhouse" in html
    page = alice_client.get(reverse("sources:preview_result", args=[fetch.pk])).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page  # reloads without JavaScript
    assert 'value="nimbus-labs"' in page  # the form keeps what was asked


def test_a_slow_board_is_cut_at_the_previews_deadline(alice_client, boards, settings, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    settings.JOB_SOURCE_TIMEOUT = 5  # each read may wait long; the whole fetch may not
    monkeypatch.setattr(BackgroundFetch, "DEADLINE", 1.0)
    path = serve(boards, "greenhouse", StubResponse(200, {"Content-Type": "application/json"}, b"{}", delay=3))
    _, response = preview(alice_client, django_capture_on_commit_callbacks, "board",
                          {"kind": "greenhouse", "board": "nimbus-labs"}, **HTMX)
    assert "gave up after 1s overall" in response.content.decode()
    assert boards.hits(path) == 1  # no retry past the deadline


def test_another_users_preview_is_a_404(alice_client, bob):
    fetch = BackgroundFetch.objects.create(user=bob, kind="preview", request={"kind": "greenhouse"})
    assert alice_client.get(reverse("sources:preview_result", args=[fetch.pk])).status_code == 404


def test_a_refused_connection_names_the_board_not_an_address(alice_client, boards, settings,
                                                             django_capture_on_commit_callbacks):
    settings.JOB_BOARD_BASE_URLS = {"greenhouse": "http://localhost:9"}
    _, response = preview(alice_client, django_capture_on_commit_callbacks, "board",
                          {"kind": "greenhouse", "board": "nimbus-labs"}, **HTMX)
    html = response.content.decode()
    assert "We could not fetch it: connection to localhost failed" in html
    assert "127.0.0.1" not in html and "::1" not in html


def test_unknown_form_mode_is_a_404(alice_client):
    assert alice_client.post(reverse("sources:add", args=["other"])).status_code == 404


# --------------------------------------------------------------------------- toggle, edit, delete


def test_toggle_pauses_and_resumes(alice_client, alice, boards):
    subscription = make_subscription(alice, "greenhouse")
    response = alice_client.post(reverse("sources:toggle", args=[subscription.pk]), **HTMX)
    subscription.refresh_from_db()
    assert not subscription.enabled
    assert 'aria-checked="false"' in response.content.decode() and "Paused" in response.content.decode()
    alice_client.post(reverse("sources:toggle", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.enabled


def test_edit_renames_and_changes_the_search(alice_client, alice, boards):
    subscription = make_subscription(alice, "remotive")
    url = reverse("sources:edit", args=[subscription.pk])
    assert 'value="python"' in alice_client.get(url).content.decode()
    response = alice_client.post(url, {"query": "Django", "location": "", "label": "Django jobs"})
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.params == {"query": "django", "location": ""} and subscription.label == "Django jobs"


def test_edit_refuses_a_duplicate(alice_client, alice, boards):
    make_subscription(alice, "greenhouse", board="acme")
    subscription = make_subscription(alice, "greenhouse", board="nimbus-labs")
    response = alice_client.post(reverse("sources:edit", args=[subscription.pk]), {"board": "acme", "label": ""})
    assert response.status_code == 400 and "You already follow this" in response.content.decode()


def test_delete_asks_first_and_keeps_the_jobs(alice_client, alice, boards):
    subscription = make_subscription(alice, "greenhouse")
    Job.objects.create(user=alice, title="T", company="C", source="greenhouse", external_id="1")
    url = reverse("sources:delete", args=[subscription.pk])
    page = alice_client.get(url).content.decode()
    assert "Stop following Nimbus-labs" in page or "Stop following nimbus-labs" in page
    assert SourceSubscription.objects.exists()
    response = alice_client.post(url)
    assert response.status_code == 302 and not SourceSubscription.objects.exists()
    assert Job.objects.filter(user=alice).count() == 1


# --------------------------------------------------------------------------- Refresh now and polling


def test_refresh_now_queues_a_run_and_the_fragment_polls_until_it_is_done(alice_client, alice, boards):
    subscription = make_subscription(alice, "greenhouse")
    response = alice_client.post(reverse("sources:refresh", args=[subscription.pk]), **HTMX)  # no worker here

    run = IngestionRun.objects.get(subscription=subscription)
    assert run.status == IngestionRun.Status.QUEUED and run.trigger == IngestionRun.Trigger.USER
    html = response.content.decode()
    assert POLLING in html and reverse("sources:run_status", args=[run.pk]) in html and "Queued" in html

    # the worker finishes it
    run.status, run.added, run.fetched, run.finished_at = "succeeded", 2, 3, timezone.now()
    run.save()
    done = alice_client.get(reverse("sources:run_status", args=[run.pk]), **HTMX).content.decode()
    assert POLLING not in done and "hx-get" not in done.split("<form")[0]
    assert "<strong>2</strong> new jobs" in done


def test_refresh_now_runs_the_task_and_shows_the_result(alice_client, alice, boards,
                                                        django_capture_on_commit_callbacks):
    serve(boards, "greenhouse")
    subscription = make_subscription(alice, "greenhouse")
    with django_capture_on_commit_callbacks(execute=True):  # Q_CLUSTER sync: the task runs inline on commit
        alice_client.post(reverse("sources:refresh", args=[subscription.pk]), **HTMX)

    run = IngestionRun.objects.get(subscription=subscription)
    assert (run.status, run.added) == (IngestionRun.Status.SUCCEEDED, 1)
    html = alice_client.get(reverse("sources:run_status", args=[run.pk]), **HTMX).content.decode()
    assert POLLING not in html and "<strong>1</strong> new job" in html
    # the board's limit now applies and the page says so
    assert "Greenhouse allows one fetch every 30 minutes; next after" in html
    assert "disabled>Refresh now" in " ".join(html.split())


def test_refresh_now_cannot_bypass_the_boards_limit(alice_client, alice, boards, django_capture_on_commit_callbacks):
    serve(boards, "greenhouse")
    subscription = make_subscription(alice, "greenhouse")
    subscription.last_run_at = timezone.now() - timedelta(minutes=5)
    subscription.save()
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("sources:refresh", args=[subscription.pk]), **HTMX)
    run = IngestionRun.objects.get(subscription=subscription)
    html = alice_client.get(reverse("sources:run_status", args=[run.pk]), **HTMX).content.decode()
    assert run.status == IngestionRun.Status.SKIPPED and "Too soon" in html and POLLING not in html
    assert not boards.requests


def test_a_second_refresh_while_one_is_queued_reuses_it(alice_client, alice, boards):
    subscription = make_subscription(alice, "greenhouse")
    alice_client.post(reverse("sources:refresh", args=[subscription.pk]), **HTMX)
    alice_client.post(reverse("sources:refresh", args=[subscription.pk]))
    assert IngestionRun.objects.filter(subscription=subscription).count() == 1


def test_the_page_polls_runs_in_progress(alice_client, alice, boards):
    subscription = make_subscription(alice, "greenhouse")
    IngestionRun.objects.create(subscription=subscription, user=alice, source="greenhouse", status="running")
    assert POLLING in alice_client.get(LIST).content.decode()


def test_a_run_no_worker_picked_up_stops_polling(alice_client, alice, boards):
    subscription = make_subscription(alice, "greenhouse")
    run = IngestionRun.objects.create(subscription=subscription, user=alice, source="greenhouse")
    IngestionRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    html = alice_client.get(reverse("sources:run_status", args=[run.pk])).content.decode()
    assert POLLING not in html and "No worker finished this run" in html


def test_refresh_all_queues_every_subscription_its_board_allows_now(alice_client, alice, boards):
    make_subscription(alice, "greenhouse")
    make_subscription(alice, "lever")
    make_subscription(alice, "ashby", enabled=False)
    recent = make_subscription(alice, "remotive")
    recent.last_run_at = timezone.now() - timedelta(hours=1)  # Remotive: once every 6 hours
    recent.save()
    response = alice_client.post(reverse("sources:refresh_all"), **HTMX)
    assert response.status_code == 200 and response.content.decode().count(POLLING) == 2
    assert sorted(IngestionRun.objects.values_list("source", flat=True)) == ["greenhouse", "lever"]


def test_refresh_all_is_disabled_when_nothing_may_be_fetched(alice_client, alice, boards):
    make_subscription(alice, "greenhouse", enabled=False)
    html = alice_client.get(LIST).content.decode()
    assert 'disabled title="Every source is paused or was fetched too recently">Refresh all' in html
    response = alice_client.post(reverse("sources:refresh_all"), follow=True)
    assert "Nothing to refresh right now" in response.content.decode() and not IngestionRun.objects.exists()


def test_refresh_is_disabled_when_scraping_is_switched_off(alice_client, alice, boards, settings):
    settings.ENABLE_JOB_SCRAPING = False
    make_subscription(alice, "greenhouse")
    html = " ".join(alice_client.get(LIST).content.decode().split())
    assert "Fetching from job boards is switched off on this server" in html
    assert "disabled>Refresh now" in html


# --------------------------------------------------------------------------- ownership


@pytest.fixture
def alices_subscription(alice):
    subscription = make_subscription(alice, "greenhouse", label="Alice's board")
    IngestionRun.objects.create(subscription=subscription, user=alice, source="greenhouse", status="succeeded")
    return subscription


@pytest.mark.parametrize(("name", "method"), [
    ("sources:edit", "get"), ("sources:edit", "post"), ("sources:toggle", "post"), ("sources:delete", "get"),
    ("sources:delete", "post"), ("sources:refresh", "post"),
])
def test_it_checks_ownership_of_subscriptions(bob_client, alices_subscription, boards, name, method):
    url = reverse(name, args=[alices_subscription.pk])
    response = getattr(bob_client, method)(url, {"board": "x", "label": "stolen"})
    assert response.status_code == 404
    alices_subscription.refresh_from_db()
    assert alices_subscription.enabled and alices_subscription.label == "Alice's board"
    assert IngestionRun.objects.count() == 1


def test_it_checks_ownership_of_runs(bob_client, alices_subscription):
    run = IngestionRun.objects.get()
    assert bob_client.get(reverse("sources:run_status", args=[run.pk])).status_code == 404


def test_bob_sees_none_of_alices_subscriptions(bob_client, alices_subscription, boards):
    html = bob_client.get(LIST).content.decode()
    assert "Alice's board" not in html and "No job sources yet" in html
    bob_client.post(reverse("sources:refresh_all"))
    assert IngestionRun.objects.count() == 1
