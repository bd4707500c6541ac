"""Every page of the app worth a look in a browser, in one list that whole-app browser tests walk.

Add a page here when you add one to the app: the accessibility check (test_accessibility.py) visits each
entry. A path is a string, or a function of the demo objects when it names one of them; `prepare` runs in
the browser after the page loads, to reach a state worth checking (a folded column opened, a preview shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

Path = str | Callable[[SimpleNamespace], str]


@dataclass(frozen=True)
class AppPage:
    name: str
    path: Path
    signed_in: bool = True
    prepare: Callable[[Any], None] | None = None
    status: int = 200

    def url(self, demo: SimpleNamespace) -> str:
        return self.path if isinstance(self.path, str) else self.path(demo)


def _open_closed_columns(page) -> None:
    folded = page.locator('.kanban-expand[aria-expanded="false"]')
    for element_id in folded.evaluate_all("links => links.map(link => link.id)"):
        page.locator(f"#{element_id}").click()
        page.wait_for_selector(f'#{element_id}[aria-expanded="true"]')


def _show_job_form(page) -> None:
    toggle = page.locator("[hx-get$='/jobs/new/']").first
    if toggle.count():
        toggle.click()
        page.wait_for_load_state("networkidle")


def _preview_csv_import(page) -> None:
    import tempfile
    from pathlib import Path as FilePath

    with tempfile.TemporaryDirectory() as folder:
        upload = FilePath(folder) / "jobs.csv"
        upload.write_text("title,company,location,url,status\nData Engineer,Examplecorp,Berlin,,interested\n"
                          ",Nameless,Berlin,,applied\n")
        page.set_input_files("input[type=file]", str(upload))
        page.locator("main button[type=submit]", has_text="Preview import").click()
        page.wait_for_load_state("networkidle")


SIGNED_OUT = [
    AppPage("landing", "/", signed_in=False),
    AppPage("log in", "/accounts/login/", signed_in=False),
    AppPage("sign up", "/accounts/signup/", signed_in=False),
    AppPage("password reset", "/accounts/password/reset/", signed_in=False),
    AppPage("not found", "/no-such-page/", signed_in=False, status=404),
]

SIGNED_IN = [
    AppPage("dashboard", "/dashboard/"),
    AppPage("jobs list", "/jobs/"),
    AppPage("jobs list with the add form", "/jobs/", prepare=_show_job_form),
    AppPage("jobs search sorted by match", "/jobs/?q=python&sort=score"),
    AppPage("jobs search with no result", "/jobs/?q=zzzz-nothing"),
    AppPage("job detail", lambda demo: f"/jobs/{demo.job.pk}/"),
    AppPage("job edit", lambda demo: f"/jobs/{demo.job.pk}/edit/"),
    AppPage("job delete", lambda demo: f"/jobs/{demo.job.pk}/delete/"),
    AppPage("job form", "/jobs/new/"),
    AppPage("add from URL", "/jobs/from-url/"),
    AppPage("CSV import", "/jobs/import/"),
    AppPage("CSV import preview", "/jobs/import/", prepare=_preview_csv_import),
    AppPage("board", "/applications/"),
    AppPage("board with closed columns open", "/applications/", prepare=_open_closed_columns),
    AppPage("applications table", "/applications/table/"),
    AppPage("application detail", lambda demo: f"/applications/{demo.application.pk}/"),
    AppPage("calendar feed", "/applications/calendar/"),
    AppPage("recommendations", "/insights/recommendations/"),
    AppPage("skill gap", "/insights/skills/"),
    AppPage("analytics", "/insights/analytics/"),
    AppPage("settings", "/settings/"),
    AppPage("sources", "/settings/sources/"),
    AppPage("edit a source", lambda demo: f"/settings/sources/{demo.subscription.pk}/edit/"),
    AppPage("data rights", "/settings/data/"),
    AppPage("morning brief preview", "/digests/preview/morning/"),
    AppPage("evening summary preview", "/digests/preview/evening/"),
    AppPage("email addresses", "/accounts/email/"),
    AppPage("change password", "/accounts/password/change/"),
    AppPage("résumé", "/settings/resume/"),
    AppPage("API tokens", "/settings/tokens/"),
    AppPage("salaries", "/insights/salaries/"),
    AppPage("contacts", "/applications/contacts/"),
    AppPage("contact detail", lambda demo: f"/applications/contacts/{demo.contact.pk}/"),
    AppPage("new contact", "/applications/contacts/new/"),
    AppPage("clipper instructions", "/jobs/clipper/"),
]

# A brand-new account: every empty state.
EMPTY_ACCOUNT = [
    AppPage("empty dashboard", "/dashboard/"),
    AppPage("empty jobs list", "/jobs/"),
    AppPage("empty board", "/applications/"),
    AppPage("empty table", "/applications/table/"),
    AppPage("no recommendations", "/insights/recommendations/"),
    AppPage("empty skill gap", "/insights/skills/"),
    AppPage("empty analytics", "/insights/analytics/"),
    AppPage("no sources", "/settings/sources/"),
    AppPage("signed-in not found", "/jobs/999999/", status=404),
]


def demo_objects() -> SimpleNamespace:
    """The demo account's data (as `bin/run` seeds it) and one of each object a page is about."""
    from applications.contacts.models import Contact
    from applications.models import Application
    from insights.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo
    from jobs.models import Job, SourceSubscription
    from tests.jobs.sources.helpers import make_subscription

    user, _ = seed_demo()
    subscription = (SourceSubscription.objects.filter(user=user).first()
                    or make_subscription(user, "greenhouse", board="examplecorp", label="Examplecorp careers"))
    application = Application.objects.filter(user=user).first()
    contact = Contact.objects.filter(user=user).first()
    if contact is None:
        contact = Contact.objects.create(user=user, name="Sam Recruiter", role="Recruiter", company="Examplecorp",
                                         email="sam@example.com")
        contact.applications.add(application)
    return SimpleNamespace(
        user=user, username=DEMO_USERNAME, password=DEMO_PASSWORD,
        job=Job.objects.filter(user=user, application__isnull=False).first(),
        application=application,
        subscription=subscription,
        contact=contact,
    )
