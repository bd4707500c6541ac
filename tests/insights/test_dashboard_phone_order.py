"""What is due is marked so a phone shows it first (CSS order in .dashboard); the job filters fold on a phone."""

import re

from django.urls import reverse


def test_follow_ups_and_interviews_are_the_urgent_cards_of_the_dashboard(alice_client):
    html = alice_client.get(reverse("dashboard")).content.decode()
    urgent = re.findall(r'<section class="card dash-urgent">\s*<h2>([^<]+)</h2>', html)
    assert urgent == ["Follow-ups due", "Interviews this week"]
    assert html.index('<div class="dashboard">') < html.index('class="metrics"')


def test_the_job_filters_fold_unless_one_is_set(alice_client):
    html = alice_client.get(reverse("jobs:list")).content.decode()
    assert "<details class=\"filter-more\" open data-fold-narrow>" in html
    assert html.index('id="id_q"') < html.index('<details class="filter-more"')  # the search stays out of the fold
    html = alice_client.get(reverse("jobs:list"), {"remote": "remote"}).content.decode()
    assert "data-fold-narrow data-active>" in html
    html = alice_client.get(reverse("jobs:list"), {"q": "python"}).content.decode()
    assert "data-fold-narrow>" in html
