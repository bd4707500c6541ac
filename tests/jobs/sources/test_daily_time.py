"""The sources page states when the daily fetch runs, in the user's zone and the server's."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from copilot.schedules import daily_time


@pytest.mark.parametrize(("instant", "local"), [
    (datetime(2026, 1, 15, 12, tzinfo=UTC), "05:00"),  # Berlin in winter: UTC+1
    (datetime(2026, 7, 15, 12, tzinfo=UTC), "06:00"),  # in summer: UTC+2
])
def test_the_daily_fetch_is_stated_in_both_zones(settings, instant, local):
    settings.TIME_ZONE = "UTC"
    found = daily_time("daily-ingestion", user_zone="Europe/Berlin", now=instant)
    assert (found.server, found.server_zone, found.local, found.local_zone) == ("04:00", "UTC", local, "Europe/Berlin")
    assert not found.same
    assert daily_time("daily-ingestion", user_zone="UTC", now=instant).same


def test_the_page_says_the_time_with_its_zone(alice, alice_client):
    alice.profile.timezone = "Europe/Berlin"
    alice.profile.save()
    with time_machine.travel(datetime(2026, 1, 15, 12, tzinfo=UTC)):
        html = alice_client.get(reverse("sources:list")).content.decode()
    assert "every day at 05:00 your time (Europe/Berlin; 04:00 UTC on the server)" in html
    assert "fetched daily at 05:00 your time (Europe/Berlin; 04:00 UTC on the server)." in html


def test_a_user_in_the_servers_zone_reads_it_once(alice, alice_client):
    alice.profile.timezone = "UTC"
    alice.profile.save()
    html = alice_client.get(reverse("sources:list")).content.decode()
    assert "every day at 04:00 (UTC, your time zone)" in html
