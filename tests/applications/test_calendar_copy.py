"""The calendar feed page offers a Copy button, run by a script file (the CSP allows no inline script)."""

import re

from django.templatetags.static import static
from django.urls import reverse


def test_the_feed_address_has_a_copy_button_run_from_static(alice_client):
    response = alice_client.get(reverse("applications:calendar"))
    html = response.content.decode()
    assert 'id="feed-url"' in html
    assert re.search(r'<button type="button"[^>]*data-copy="#feed-url"[^>]*hidden>Copy</button>', html)
    assert f'<script src="{static("js/copy.js")}" nonce=' in html
    assert 'id="feed-url-copied" role="status"' in html
    assert "onclick" not in html and "<script>" not in html
