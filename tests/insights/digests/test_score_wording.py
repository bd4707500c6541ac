"""The morning brief writes a match score like the app does ("72/100"), never as a percentage."""

from __future__ import annotations

from insights.digests.content import build_morning_brief
from insights.digests.sending import render_digest
from tests.insights.digests.test_content import MORNING, _fresh, morning_data  # noqa: F401  (fixture)


def test_scores_read_out_of_100_in_both_parts(morning_data, alice):  # noqa: F811
    brief = build_morning_brief(_fresh(alice), now=MORNING)
    top = brief.matches[0]
    rendered = render_digest(alice, brief)
    assert f"{top.title} at {top.company} ({top.score}/100 match)" in rendered.text
    assert f">{top.score}/100</span>" in rendered.html
    assert f"{top.score}%" not in rendered.text and f"{top.score}%" not in rendered.html
