"""Every URL of the project, walked from the resolver, as an anonymous visitor and as another user.

A new view that is not listed below fails `test_every_url_is_covered`: decide who may see it and add it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.helpers import SECRET

# Open to anyone, by design.
PUBLIC = {
    "landing", "health", "robots_txt", "favicon", "account_login", "account_signup", "account_inactive",
    "account_reset_password", "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "account_confirm_email", "account_email_verification_sent",
    "account_confirm_login_code", "account_logout",
    # The installable app: the same for everyone, nothing of any user's.
    "webmanifest", "service_worker", "offline",
    # Secret-token endpoints: the token is the credential (their own tests cover wrong tokens).
    "applications:calendar_feed", "digests:unsubscribe",
    # The API's OpenAPI document and its docs page (no user data); its root only points at the docs (404).
    "api:openapi-json", "api:openapi-view", "api:api-root",
}
# Signed-in pages about the signed-in user only (no object id in the URL).
OWN_PAGES = {
    "dashboard", "account_reauthenticate", "account_email", "account_change_password", "account_set_password",
    "profile:settings", "accounts:reset_calendar_token", "data_rights:index", "data_rights:export",
    "data_rights:delete", "sources:list", "sources:add", "sources:preview", "sources:refresh_all",
    "jobs:list", "jobs:create", "jobs:add_from_url", "jobs:clipper", "jobs:clip",
    "spreadsheets:export", "spreadsheets:import", "spreadsheets:import_confirm",
    "applications:board", "applications:table", "applications:calendar",
    "contacts:list", "contacts:create", "salaries:index", "insights:recommendations",
    "insights:skill_gap", "insights:analytics", "digests:preview", "digests:preview_html",
    "applications:column",
    "resumes:index",
    "api_tokens:list",
    "alerts:bell", "alerts:seen",
}
# URLs naming one of alice's objects: url name -> (kwarg, fixture key).
OWNED_OBJECTS = {
    "jobs:detail": ("pk", "job"), "jobs:edit": ("pk", "job"), "jobs:row": ("pk", "job"), "jobs:delete": ("pk", "job"),
    "jobs:close": ("pk", "job"), "jobs:reopen": ("pk", "job"),
    "applications:track": ("job_id", "job"), "applications:detail": ("pk", "application"),
    "applications:move": ("pk", "application"), "applications:note_add": ("pk", "application"),
    "applications:dates": ("pk", "application"), "applications:interview_add": ("pk", "application"),
    "applications:interview_delete": ("pk", "interview"), "applications:interview_ics": ("pk", "interview"),
    "contacts:detail": ("pk", "contact"), "contacts:edit": ("pk", "contact"), "contacts:delete": ("pk", "contact"),
    "contacts:log": ("pk", "contact"), "contacts:interaction_delete": ("pk", "interaction"),
    "contacts:application_link": ("pk", "application"), "contacts:application_unlink": ("pk", "application"),
    "contacts:application_log": ("pk", "application"), "salaries:job_position": ("pk", "job"),
    "contacts:job_link": ("pk", "job"), "contacts:job_unlink": ("pk", "job"),
    "sources:edit": ("pk", "subscription"), "sources:toggle": ("pk", "subscription"),
    "sources:delete": ("pk", "subscription"), "sources:refresh": ("pk", "subscription"),
    "sources:run_status": ("pk", "run"),
    "jobs:add_from_url_result": ("pk", "posting_fetch"), "sources:preview_result": ("pk", "preview_fetch"),
    "resumes:status": ("pk", "resume"), "resumes:apply": ("pk", "resume"), "resumes:download": ("pk", "resume"),
    "resumes:delete": ("pk", "resume"),
    "api_tokens:revoke": ("pk", "api_token"),
    "alerts:open": ("pk", "alert"),
    "spreadsheets:import_status": ("pk", "csv_import"), "spreadsheets:import_start": ("pk", "csv_import"),
}
# The JSON API (api.v1): 401 without a token or session rather than a login redirect. Its own resources:
API_OWN = {
    "api:list_jobs", "api:add_job", "api:list_applications", "api:track_job", "api:get_own_profile",
    "api:change_profile", "api:recommendations", "api:skill_gap", "api:analytics_summary",
}
# and the operations naming one of alice's objects: url name -> (kwarg, fixture key).
API_OBJECTS = {
    "api:get_job": ("job_id", "job"), "api:change_job": ("job_id", "job"), "api:remove_job": ("job_id", "job"),
    "api:get_application": ("application_id", "application"), "api:move": ("application_id", "application"),
    "api:change_dates": ("application_id", "application"),
    "api:timeline": ("application_id", "application"), "api:notes": ("application_id", "application"),
    "api:note_add": ("application_id", "application"), "api:interviews": ("application_id", "application"),
    "api:interview_add": ("application_id", "application"), "api:get_interview": ("interview_id", "interview"),
    "api:interview_delete": ("interview_id", "interview"),
}
# One body every API write accepts (unknown fields are ignored), so a 404 is never hidden behind a 422.
API_BODY = {"status": "offer", "text": "x", "note": "", "starts_at": "2030-01-02T10:00:00", "title": "x",
            "job_id": 1}
STRING_KWARGS = {"mode": "board", "kind": "morning", "token": "x" * 40, "key": "abc", "uidb36": "1",
                 "content_type_id": "1", "object_id": "1", "id": "1", "url": "x", "app_label": "jobs",
                 "status": "applied"}


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
    known = PUBLIC | OWN_PAGES | set(OWNED_OBJECTS) | API_OWN | set(API_OBJECTS)
    missing = sorted({name for _, name, _ in APP_URLS} - known)
    assert not missing, f"new views not covered by the access matrix: {missing}"


def url_for(name: str, objects: dict) -> str:
    if name in OWNED_OBJECTS or name in API_OBJECTS:
        kwarg, key = OWNED_OBJECTS.get(name) or API_OBJECTS[name]
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


@pytest.mark.parametrize("name", sorted((API_OWN | set(API_OBJECTS)) & EXISTING))
def test_the_api_answers_anonymous_callers_401(client, objects, name):
    url = url_for(name, objects)
    for method in ("get", "post", "patch", "delete"):
        response = getattr(client, method)(url, API_BODY, content_type="application/json")
        assert response.status_code in (401, 405), (method, response.status_code)
        assert SECRET.encode() not in response.content


@pytest.mark.parametrize("name", sorted(set(API_OBJECTS) & EXISTING))
def test_the_api_answers_another_user_404_for_alices_objects(bob_client, objects, name):
    url = url_for(name, objects)
    statuses = set()
    for method in ("get", "post", "patch", "delete"):
        response = getattr(bob_client, method)(url, API_BODY, content_type="application/json")
        statuses.add(response.status_code)
        assert SECRET.encode() not in response.content
    assert 404 in statuses and statuses <= {404, 405}, statuses
    objects["job"].refresh_from_db()
    assert objects["job"].title.startswith(SECRET)


ADMIN_SAMPLES = ["admin:index", "admin:jobs_job_changelist", "admin:applications_application_changelist",
                 "admin:jobs_ingestionrun_changelist", "admin:insights_digestlog_changelist",
                 "admin:jobs_resume_changelist",
                 "admin:contacts_contact_changelist", "admin:contacts_interaction_changelist"]


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
