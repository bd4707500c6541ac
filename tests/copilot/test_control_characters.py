"""Control characters in an address get a readable 400 page, never a server error."""

from __future__ import annotations

import pytest

from jobs.models import Job


@pytest.mark.parametrize(
    "url",
    [
        "/applications/calendar/%00.ics",
        "/jobs/?q=%00",
        "/jobs/?source=%00",
        "/jobs/?q=python%01",
        "/applications/table/?q=%00",
        "/jobs/%7F/",
        "/jobs/?q%00=1",
    ],
)
def test_control_characters_in_the_address_answer_400_with_a_message(alice_client, url):
    response = alice_client.get(url)

    assert response.status_code == 400
    assert "control characters" in response.content.decode()


def test_anonymous_visitors_get_the_same_answer(client, db):
    response = client.get("/applications/calendar/%00.ics")

    assert response.status_code == 400
    assert "control characters" in response.content.decode()


def test_ordinary_searches_with_tabs_and_accents_still_work(alice_client, alice):
    Job.objects.create(user=alice, company="Zürich Labs", title="Backend engineer")

    response = alice_client.get("/jobs/", {"q": "Zürich\tLabs"})

    assert response.status_code == 200
