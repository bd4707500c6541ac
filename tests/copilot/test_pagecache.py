"""Rendered pages kept per user (copilot.pagecache): a page seen again is sent from the cache, and never
once anything it shows has changed, for another user, browser, language or time zone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import Client

from applications.services import move_application
from copilot import pagecache
from tests.factories import make_application, make_job

# Session, user and profile: what a page served from the cache still reads.
HIT_QUERIES = 3
PAGES = ["/dashboard/", "/jobs/", "/jobs/?sort=score", "/applications/", "/applications/table/",
         "/insights/recommendations/", "/insights/skills/", "/insights/analytics/"]
NONCE = re.compile(r'nonce="([^"]+)"')


def warm(client: Client, url: str) -> str:
    """The first visit sets the CSRF cookie (pages are kept per cookie), the second renders and keeps."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def rendered(response) -> bool:
    """Whether the view rendered the page (a page sent from the cache renders no template)."""
    assert response.status_code == 200
    return bool(response.templates)


def without_nonces(html: str) -> str:
    return NONCE.sub('nonce=""', html)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_seen_again_comes_from_the_cache(alice, alice_client, django_assert_num_queries, url):
    make_application(alice, status="applied")
    first = warm(alice_client, url)
    with django_assert_num_queries(HIT_QUERIES):
        again = alice_client.get(url)
    assert again.status_code == 200
    assert without_nonces(again.content.decode()) == without_nonces(first)


def test_detail_pages_are_kept_too(alice, alice_client, django_assert_num_queries):
    application = make_application(alice, status="applied")
    for url in (f"/jobs/{application.job_id}/", f"/applications/{application.pk}/"):
        warm(alice_client, url)
        with django_assert_num_queries(HIT_QUERIES):
            assert alice_client.get(url).status_code == 200


def test_a_change_shows_at_once(alice, alice_client):
    application = make_application(alice, status="interested", title="Platform Engineer")
    assert "Platform Engineer" in warm(alice_client, "/jobs/")
    warm(alice_client, "/applications/")
    make_job(alice, title="Site Reliability Engineer")
    assert "Site Reliability Engineer" in alice_client.get("/jobs/").content.decode()
    move_application(application=application, status="applied")
    board = alice_client.get("/applications/").content.decode()
    assert re.search(r'data-status="applied".*Platform Engineer', board, re.S)


def test_a_move_on_the_board_shows_on_the_next_view(alice, alice_client):
    application = make_application(alice, status="interested")
    warm(alice_client, f"/applications/{application.pk}/")
    response = alice_client.post(f"/applications/{application.pk}/move/", {"status": "applied"}, follow=True)
    assert response.status_code == 200
    page = alice_client.get(f"/applications/{application.pk}/").content.decode()
    assert re.search(r'<option value="applied"\s+selected', page)


def test_another_user_never_gets_the_page(alice, bob, alice_client):
    make_job(alice, title="Alice's Secret Role")
    assert "Alice&#x27;s Secret Role" in warm(alice_client, "/jobs/")
    other = Client()
    other.force_login(bob)
    assert "Secret Role" not in warm(other, "/jobs/")
    assert "Secret Role" not in other.get("/jobs/").content.decode()


def test_a_page_from_the_cache_carries_tokens_its_own_browser_can_post(alice, alice_client):
    warm(alice_client, "/jobs/")
    second = Client(enforce_csrf_checks=True)
    second.force_login(alice)
    warm(second, "/jobs/")
    page = second.get("/jobs/").content.decode()  # from the cache kept for this browser's cookie
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert second.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302


def test_a_page_from_the_cache_renews_the_csrf_cookie_as_a_render_does(alice, alice_client):
    warm(alice_client, "/jobs/")
    secret = alice_client.cookies["csrftoken"].value
    kept = alice_client.get("/jobs/")
    assert not rendered(kept)
    assert kept.cookies["csrftoken"].value == secret and kept.cookies["csrftoken"]["max-age"]


def test_the_csp_nonce_is_the_requests_own(alice, alice_client):
    warm(alice_client, "/applications/")
    first, second = alice_client.get("/applications/"), alice_client.get("/applications/")
    for response in (first, second):
        nonces = set(NONCE.findall(response.content.decode()))
        assert len(nonces) == 1
        assert f"'nonce-{nonces.pop()}'" in response["Content-Security-Policy"]
    assert NONCE.search(first.content.decode())[1] != NONCE.search(second.content.decode())[1]


def test_each_language_has_its_own_page(alice, alice_client):
    assert 'lang="en"' in warm(alice_client, "/jobs/")
    german = alice_client.get("/jobs/", headers={"Accept-Language": "de"}).content.decode()
    assert 'lang="de"' in german and "Filters and sort" not in german
    assert 'lang="en"' in alice_client.get("/jobs/").content.decode()


def test_each_time_zone_has_its_own_page(alice, alice_client):
    application = make_application(alice, status="applied")
    url = f"/applications/{application.pk}/"
    start = datetime(2026, 12, 3, 23, 30, tzinfo=ZoneInfo("UTC"))  # 4 Dec in Berlin, 3 Dec in New York
    with time_machine.travel(start, tick=False):
        move_application(application=application, status="interview")
        assert "4 Dec 2026" in warm(alice_client, url)
        session = alice_client.session
        session["timezone"] = "America/New_York"
        session.save()
        page = alice_client.get(url).content.decode()
    assert "3 Dec 2026" in page and "4 Dec 2026" not in page


def test_a_message_to_show_is_never_hidden_by_the_cache(alice, alice_client):
    warm(alice_client, "/jobs/")
    alice_client.cookies["messages"] = CookieStorage(HttpRequest())._encode([Message(25, "Your import finished.")])
    assert "Your import finished." in alice_client.get("/jobs/").content.decode()
    assert "Your import finished." not in alice_client.get("/jobs/").content.decode()


def test_htmx_fragments_are_rendered_each_time(alice, alice_client):
    make_application(alice, status="applied")
    headers = {"HX-Request": "true", "HX-Target": "results"}
    warm(alice_client, "/jobs/")
    alice_client.get("/jobs/", headers=headers)
    fragment = alice_client.get("/jobs/", headers=headers)
    assert rendered(fragment) and "<html" not in fragment.content.decode()


def test_turned_off_every_page_is_rendered(alice, alice_client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    warm(alice_client, "/jobs/")
    assert rendered(alice_client.get("/jobs/"))


def test_a_page_is_not_kept_for_a_browser_without_a_csrf_cookie(alice, alice_client):
    warm(alice_client, "/jobs/")
    assert not rendered(alice_client.get("/jobs/"))
    alice_client.cookies.pop("csrftoken")
    assert rendered(alice_client.get("/jobs/"))  # its forms need a new cookie: rendered, and not kept


def test_the_dashboard_is_kept_for_a_minute_at_most(alice, alice_client):
    make_application(alice, status="applied")
    start = datetime(2026, 12, 3, 9, 30, 5, tzinfo=ZoneInfo("UTC"))
    with time_machine.travel(start, tick=False) as traveller:
        warm(alice_client, "/dashboard/")
        traveller.move_to(start + timedelta(seconds=50))
        assert not rendered(alice_client.get("/dashboard/"))
        traveller.move_to(start + timedelta(minutes=1))
        assert rendered(alice_client.get("/dashboard/"))  # "updated 2 minutes ago" is worded afresh


def test_other_pages_are_rendered_afresh_on_a_new_day(alice, alice_client, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    make_application(alice, status="applied")
    start = datetime(2026, 12, 3, 22, 50, tzinfo=ZoneInfo("UTC"))  # 23:50 in Berlin, alice's time zone
    with time_machine.travel(start, tick=False) as traveller:
        warm(alice_client, "/applications/table/")
        traveller.move_to(start + timedelta(minutes=3))
        assert not rendered(alice_client.get("/applications/table/"))
        traveller.move_to(start + timedelta(minutes=11))  # 00:01, and a minute after the last render
        assert rendered(alice_client.get("/applications/table/"))


def test_a_page_is_kept_for_page_cache_seconds_at_most(alice, alice_client, settings):
    start = datetime(2026, 12, 3, 9, 0, tzinfo=ZoneInfo("UTC"))
    with time_machine.travel(start, tick=False) as traveller:
        warm(alice_client, "/jobs/")
        traveller.move_to(start + timedelta(seconds=settings.PAGE_CACHE_SECONDS - 10))
        assert not rendered(alice_client.get("/jobs/"))
        traveller.move_to(start + timedelta(seconds=settings.PAGE_CACHE_SECONDS + 10))
        assert rendered(alice_client.get("/jobs/"))


def test_the_build_is_part_of_the_key(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    pagecache.build_id.cache_clear()
    try:
        first = pagecache.build_id()
        pagecache.build_id.cache_clear()
        assert pagecache.build_id() == first
        page.write_text("<p>two</p>")
        pagecache.build_id.cache_clear()
        assert pagecache.build_id() != first
    finally:
        pagecache.build_id.cache_clear()
