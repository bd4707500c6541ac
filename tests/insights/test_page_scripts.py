"""Light pages: each page loads only the scripts it uses (issue 15). plotly.js (4.8 MB) only where a chart
is drawn by it (analytics), the skill suggestions only where a skill field can appear."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_application

ALWAYS = {"django-htmx.js", "htmx.min.js", "htmx-2.min.js", "app.js", "pwa.js"}


def scripts(client, url: str) -> set[str]:
    body = client.get(url).content.decode()
    return {src.rsplit("/", 1)[-1] for src in re.findall(r'<script[^>]+src="([^"]+)"', body)}


@pytest.mark.parametrize(("url", "extra"), [
    ("/dashboard/", set()),
    ("/insights/recommendations/", set()),
    ("/insights/skills/", set()),
    ("/applications/table/", set()),
    ("/jobs/", {"tags.js"}),  # inline add and edit forms
    ("/jobs/new/", {"tags.js"}),
    ("/settings/", {"tags.js"}),
    ("/insights/analytics/", {"plotly.min.js", "charts.js"}),
])
def test_each_page_loads_only_the_scripts_it_uses(alice, alice_client, url, extra):
    make_application(alice, status="interview")
    loaded = scripts(alice_client, url)
    assert loaded - ALWAYS == extra
    assert {"app.js"} <= loaded
