"""The frame of every page (base.html), the scripts' texts and the app manifest follow the page's language."""

from __future__ import annotations

import json
import re

import pytest


def js_strings(html: str) -> dict:
    block = re.search(r'<script id="i18n-strings" type="application/json">(.*?)</script>', html, re.S)
    assert block, "base.html renders the scripts' texts"
    return json.loads(block.group(1))


@pytest.mark.django_db
def test_a_german_browser_gets_the_frame_and_the_scripts_texts_in_german(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="de"' in html and "Zum Inhalt springen" in html and "Registrieren" in html
    strings = js_strings(html)
    assert strings["copiedToClipboard"] == "In die Zwischenablage kopiert."
    assert "{status}" in strings["errorOther"]  # static/js/app.js puts the status code there

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in html and "Skip to content" in html
    assert js_strings(html)["copiedToClipboard"] == "Copied to the clipboard."


@pytest.mark.django_db
def test_the_manifest_is_in_the_browsers_language(client):
    manifest = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="de").json()
    assert manifest["lang"] == "de" and manifest["name"] == "Career Co-Pilot"
    assert manifest["description"].startswith("Ihre Jobsuche")
    assert client.get("/manifest.webmanifest").json()["description"].startswith("Your job search")
