"""HTTP caching: signed-in pages are never stored by a proxy or on disk; static files are compressed
(gzip and brotli) and cache-busted with hashed names served with a far-future expiry."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.factories import make_application
from tests.processes import production_env, run_python

SIGNED_IN_PAGES = ["/dashboard/", "/jobs/", "/jobs/?sort=score", "/applications/", "/applications/table/",
                   "/insights/recommendations/", "/insights/skills/", "/insights/analytics/", "/settings/",
                   "/jobs/export.csv"]


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_signed_in_answers_are_private_and_not_stored(alice, alice_client, url):
    make_application(alice, status="applied")
    response = alice_client.get(url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives and not any(part.startswith("max-age=") and part != "max-age=0"
                                                  for part in directives)


def test_detail_pages_and_htmx_fragments_are_private_too(alice, alice_client):
    application = make_application(alice, status="applied")
    for url in (f"/jobs/{application.job_id}/", f"/applications/{application.pk}/"):
        assert "no-store" in alice_client.get(url)["Cache-Control"]
    fragment = alice_client.get("/jobs/", headers={"HX-Request": "true", "HX-Target": "results"})
    assert "private" in fragment["Cache-Control"]


def test_anonymous_pages_are_left_to_their_views(client, db):
    assert "Cache-Control" not in client.get("/robots.txt")


def test_production_stores_static_files_compressed_and_hashed():
    result = run_python("from django.conf import settings\nimport brotli\n"
                        "print(settings.STORAGES['staticfiles']['BACKEND'])", production_env())
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_collected_files_are_served_compressed_with_a_far_future_expiry(db, tmp_path):
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    # Our own files only: plotly.js (4.8 MB) and the admin's take minutes to compress on a busy machine.
    with override_settings(STORAGES=storages, STATIC_ROOT=str(tmp_path), WHITENOISE_USE_FINDERS=False,
                           WHITENOISE_AUTOREFRESH=False,
                           STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"]):
        call_command("collectstatic", "--noinput", "-v0", "-i", "vendor", "--skip-checks")
        hashed = next(path.name for path in (tmp_path / "css").iterdir()
                      if path.name.startswith("app.") and path.suffix == ".css" and path.name != "app.css")
        assert (tmp_path / "css" / f"{hashed}.br").exists() and (tmp_path / "css" / f"{hashed}.gz").exists()
        serve = WhiteNoiseMiddleware(lambda request: None)
        for encoding in ("br", "gzip"):
            request = RequestFactory().get(f"/static/css/{hashed}", headers={"Accept-Encoding": encoding})
            response = serve(request)
            assert response.status_code == 200
            assert response["Content-Encoding"] == encoding
            assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
            response.close()
        # The unhashed name is only cached briefly: a deploy changes what it holds.
        response = serve(RequestFactory().get("/static/css/app.css"))
        assert "immutable" not in response["Cache-Control"]
        response.close()
