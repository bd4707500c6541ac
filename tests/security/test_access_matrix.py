"""Every URL of the project, walked from the resolver, as an anonymous visitor and as another user.

A new view that is not listed below fails `test_every_url_is_covered`: decide who may see it and add it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.helpers import SECRET

# Open to anyone, by design.
PUBLIC = {
    "landing", "health", "robots_txt", "account_login", "account_signup", "account_inactive",
    "account_reset_password", "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "account_confirm_email", "account_email_verification_sent",
    "account_confirm_login_code", "account_logout",
    # Secret-token endpoints: the token is the credential (their own tests cover wrong tokens).
    "applications:calendar_feed", "digests:unsubscribe",
}
# Signed-in pages about the signed-in user only (no object id in the URL).
OWN_PAGES = {
    "dashboard", "account_reauthenticate", "account_email", "account_change_password", "account_set_password",
    "profile:settings", "accounts:reset_calendar_token", "data_rights:index", "data_rights:export",
    "data_rights:delete", "sources:list", "sources:add", "sources:preview", "sources:refresh_all",
    "jobs:list", "jobs:create", "jobs:add_from_url",
    "spreadsheets:export", "spreadsheets:import", "spreadsheets:import_confirm",
    "applications:board", "applications:table", "applications:calendar", "insights:recommendations",
    "insights:skill_gap", "insights:analytics", "digests:preview", "digests:preview_html",
}
# URLs naming one of alice's objects: url name -> (kwarg, fixture key).
OWNED_OBJECTS = {
    "jobs:detail": ("pk", "job"), "jobs:edit": ("pk", "job"), "jobs:row": ("pk", "job"), "jobs:delete": ("pk", "job"),
    "jobs:close": ("pk", "job"), "jobs:reopen": ("pk", "job"),
    "applications:track": ("job_id", "job"), "applications:detail": ("pk", "application"),
    "applications:move": ("pk", "application"), "applications:note_add": ("pk", "application"),
    "applications:dates": ("pk", "application"), "applications:interview_add": ("pk", "application"),
    "applications:interview_delete": ("pk", "interview"), "applications:interview_ics": ("pk", "interview"),
    "sources:edit": ("pk", "subscription"), "sources:toggle": ("pk", "subscription"),
    "sources:delete": ("pk", "subscription"), "sources:refresh": ("pk", "subscription"),
    "sources:run_status": ("pk", "run"),
    "jobs:add_from_url_result": ("pk", "posting_fetch"), "sources:preview_result": ("pk", "preview_fetch"),
    "spreadsheets:import_status": ("pk", "csv_import"), "spreadsheets:import_start": ("pk", "csv_import"),
}
STRING_KWARGS = {"mode": "board", "kind": "morning", "token": "x" * 40, "key": "abc", "uidb36": "1",
                 "content_type_id": "1", "object_id": "1", "id": "1", "url": "x", "app_label": "jobs"}


def walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else f"{namespace}:<unnamed>"
            yield prefix + str(pattern.pattern), name, pattern


ALL_URLS = list(walk(get_resolver().url_patterns))
APP_URLS = [(route, name, p) for route, name, p in ALL_URLS if not name.startswith("admin:")]
EXISTING = {name for _, name, _ in APP_URLS}


def test_every_url_is_covered():
    known = PUBLIC | OWN_PAGES | set(OWNED_OBJECTS)
    missing = sorted({name for _, name, _ in APP_URLS} - known)
    assert not missing, f"new views not covered by the access matrix: {missing}"


def url_for(name: str, objects: dict) -> str:
    if name in OWNED_OBJECTS:
        kwarg, key = OWNED_OBJECTS[name]
        return reverse(name, kwargs={kwarg: objects[key].pk})
    route = next(p for _, n, p in APP_URLS if n == name)
    kwargs = {k: STRING_KWARGS[k] for k in route.pattern.regex.groupindex}
    return reverse(name, kwargs=kwargs)


def _login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", sorted((OWN_PAGES | set(OWNED_OBJECTS)) & EXISTING))
def test_anonymous_visitors_are_sent_to_log_in(client, objects, name):
    url = url_for(name, objects)
    for method in (client.get, client.post):
        response = method(url)
        assert _login_redirect(response) or response.status_code == 405, (method.__name__, response.status_code)


@pytest.mark.parametrize("name", sorted(set(OWNED_OBJECTS) & EXISTING))
def test_another_user_gets_404_for_alices_objects(bob_client, objects, name):
    url = url_for(name, objects)
    statuses = {bob_client.get(url).status_code, bob_client.post(url, {"status": "offer", "text": "x"}).status_code}
    assert 404 in statuses and statuses <= {404, 405}, statuses
    objects["job"].refresh_from_db()
    assert objects["job"].title.startswith(SECRET)


@pytest.mark.parametrize("name", sorted(OWN_PAGES & EXISTING - {"data_rights:delete", "account_set_password"}))
def test_another_users_own_pages_show_none_of_alices_data(bob_client, objects, name):
    response = bob_client.get(url_for(name, objects))
    assert response.status_code in (200, 302, 405), response.status_code
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET.encode() not in body


@pytest.mark.parametrize("name", sorted(PUBLIC & EXISTING))
def test_public_pages_never_fail_and_leak_nothing(client, objects, name):
    response = client.get(url_for(name, objects))
    assert response.status_code in (200, 302, 400, 404, 405), response.status_code
    assert SECRET.encode() not in response.content


ADMIN_SAMPLES = ["admin:index", "admin:jobs_job_changelist", "admin:applications_application_changelist",
                 "admin:jobs_ingestionrun_changelist", "admin:insights_digestlog_changelist"]


@pytest.mark.parametrize("name", ADMIN_SAMPLES)
def test_admin_is_for_staff_only(client, bob_client, objects, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # to the admin login, which itself sends to the app's login
    assert bob_client.get(url, follow=True).status_code == 403  # signed in, but not staff
    assert SECRET.encode() not in bob_client.get(url, follow=True).content


def test_no_admin_url_answers_an_anonymous_visitor_with_data(client, objects):
    for route, name, _pattern in ALL_URLS:
        if not name.startswith("admin:") or "<" in route or "(?P" in route:
            continue
        response = client.get("/" + route)
        assert response.status_code in (301, 302, 404), (route, response.status_code)
