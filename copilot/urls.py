from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from copilot import pwa, views

# The admin signs in through allauth's login, so it shares its rate limits.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]  # allauth's documented way
admin.site.site_header = "Career Co-Pilot operations"
admin.site.site_title = "Career Co-Pilot admin"

# A page that cannot reach the database answers a styled 503 rather than a 500 (copilot.views.server_error).
handler500 = "copilot.views.server_error"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("health", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", pwa.manifest, name="webmanifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),  # at the root: its scope is the whole site
    path("offline/", pwa.offline, name="offline"),
    path("accounts/", include("allauth.urls")),
    path("settings/sources/", include("jobs.sources.urls")),
    path("settings/data/", include("insights.data_rights.urls")),
    path("settings/resume/", include("jobs.resumes.urls")),
    path("settings/", include("jobs.profile.urls")),
    path("settings/", include("copilot.accounts.urls")),
    path("jobs/", include("jobs.urls")),
    path("alerts/", include("jobs.alerts.urls")),
    path("jobs/", include("applications.spreadsheets.urls")),  # export.csv, import/
    path("applications/contacts/", include("applications.contacts.urls")),
    path("applications/", include("applications.urls")),
    path("", include("insights.urls")),  # the dashboard, and the pages under /insights/
    path("digests/", include("insights.digests.urls")),
    path("api/v1/", include("api.v1_urls")),  # the JSON API (namespace "api")
    path("settings/tokens/", include("api.urls")),
    path("admin/", admin.site.urls),
]
