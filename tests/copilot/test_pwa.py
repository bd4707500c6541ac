"""The installable app's files: the manifest, the service worker at the site root, the offline page."""

import json

from django.templatetags.static import static
from django.test import Client


def test_the_manifest_names_the_app_its_icons_and_a_standalone_display(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Career Co-Pilot" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/dashboard/" and manifest["scope"] == "/"
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert icons[("192x192", "any")] == static("img/icons/icon-192.png")
    assert icons[("512x512", "any")] == static("img/icons/icon-512.png")
    assert icons[("512x512", "maskable")] == static("img/icons/maskable-512.png")


def test_the_service_worker_is_served_from_the_root_and_precaches_only_the_shell(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert "Content-Security-Policy" in response  # the worker runs under the site's CSP too
    config = json.loads(response.text.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["offline"] == "/offline/" and "/offline/" in config["shell"]
    assert static("css/app.css") in config["shell"]
    assert not [url for url in config["shell"] if not (url.startswith("/static/") or url == "/offline/")]
    assert "eval(" not in response.text and "importScripts" not in response.text


def test_the_worker_changes_when_the_shell_changes(client, db, settings):
    first = client.get("/sw.js").text
    settings.STATIC_URL = "/assets/"
    assert client.get("/sw.js").text != first


def test_the_offline_page_is_public_and_holds_nothing_personal(alice_client):
    anonymous = Client().get("/offline/")
    assert anonymous.status_code == 200 and "You are offline" in anonymous.text
    signed_in = alice_client.get("/offline/")
    assert "alice" not in signed_in.text and "csrfmiddlewaretoken" not in signed_in.text


def test_every_page_links_the_manifest_and_registers_the_worker(client, db):
    page = client.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'data-service-worker="/sw.js"' in page and "js/pwa.js" in page


def test_in_development_an_edited_shell_file_changes_the_worker(client, db, settings, tmp_path, monkeypatch):
    # Development serves unhashed static URLs: without the files' content in the version, the worker would keep
    # serving the old stylesheet from its cache.
    from copilot import pwa

    (tmp_path / "shell-test.css").write_text("body { color: black }")
    settings.STATICFILES_DIRS = [tmp_path]
    settings.DEBUG = True
    monkeypatch.setattr(pwa, "SHELL_STATIC", [*pwa.SHELL_STATIC, "shell-test.css"])
    first = client.get("/sw.js").text
    assert client.get("/sw.js").text == first  # stable while nothing changes
    (tmp_path / "shell-test.css").write_text("body { color: navy }")
    assert client.get("/sw.js").text != first
