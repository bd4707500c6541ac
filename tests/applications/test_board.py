"""The board at any size: counts for every column, a page of cards per open column, the rest on demand."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Interview, Status
from applications.queries import CARDS_PER_PAGE
from jobs.models import Job
from tests.factories import make_application

OPEN = ["interested", "applied", "interview", "offer"]
CLOSED = ["rejected", "withdrawn", "declined", "accepted"]


def add_applications(user, status: str, n: int, *, title: str = "Bulk") -> list[Application]:
    """Many applications at once, each moved a minute before the previous one (newest first: index 0)."""
    now = timezone.now()
    jobs = Job.objects.bulk_create(
        [Job(user=user, title=f"{title} {status} {i}", company=f"Co {i}") for i in range(n)])
    applications = Application.objects.bulk_create(
        [Application(user=user, job=job, status=status) for job in jobs])
    for i, application in enumerate(applications):
        Application.objects.filter(pk=application.pk).update(status_changed_at=now - timedelta(minutes=i + 1))
    return applications


def card_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="card-(\d+)"', html)]


def board_html(client, **params) -> str:
    response = client.get(reverse("applications:board"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_every_column_shows_its_count_and_closed_columns_are_folded(alice_client, alice, bob):
    for status in Status.values:
        add_applications(alice, status, 2)
    add_applications(bob, "rejected", 5, title="Bob's")
    response = alice_client.get(reverse("applications:board"))
    html = response.content.decode()
    columns = {c.status: c for c in response.context["columns"]}
    assert {s: c.count for s, c in columns.items()} == dict.fromkeys(Status.values, 2)
    for status in Status.values:
        assert f'id="count-{status}" title="applications in this column">2</span>' in html
    assert all(len(columns[s].cards) == 2 for s in OPEN)
    assert all(columns[s].collapsed and not columns[s].cards for s in CLOSED)
    assert "Bulk rejected" not in html and "Bob's" not in html
    assert html.count("Show cards") == len(CLOSED)


def test_open_columns_show_the_most_recent_page_and_offer_more(alice_client, alice):
    applications = add_applications(alice, "applied", CARDS_PER_PAGE + 5)
    html = board_html(alice_client)
    assert card_ids(html) == [a.pk for a in applications[:CARDS_PER_PAGE]]
    assert 'id="more-applied"' in html
    assert f'id="count-applied" title="applications in this column">{CARDS_PER_PAGE + 5}<' in html


def test_show_more_loads_the_next_page_once_and_stops(alice_client, alice):
    applications = add_applications(alice, "interview", 2 * CARDS_PER_PAGE + 3)
    board = alice_client.get(reverse("applications:board"))
    cursor = board.context["columns"][2].more_cursor
    url = reverse("applications:column", args=["interview"])
    second = alice_client.get(url, {"before": cursor}, headers={"HX-Request": "true"})
    assert second.status_code == 200
    assert card_ids(second.content.decode()) == [a.pk for a in applications[CARDS_PER_PAGE:2 * CARDS_PER_PAGE]]
    assert 'id="more-interview"' in second.content.decode()
    third = alice_client.get(url, {"before": second.context["more"]})
    assert card_ids(third.content.decode()) == [a.pk for a in applications[2 * CARDS_PER_PAGE:]]
    assert 'id="more-interview"' not in third.content.decode()


def test_cards_with_the_same_time_are_neither_lost_nor_repeated(alice_client, alice):
    applications = add_applications(alice, "offer", CARDS_PER_PAGE + 4)
    Application.objects.filter(user=alice).update(status_changed_at=timezone.now())
    board = alice_client.get(reverse("applications:board"))
    first = card_ids(board.content.decode())
    rest = alice_client.get(reverse("applications:column", args=["offer"]),
                            {"before": board.context["columns"][3].more_cursor})
    seen = first + card_ids(rest.content.decode())
    assert sorted(seen) == sorted(a.pk for a in applications) and len(seen) == len(set(seen))


def test_unfolding_a_closed_column_loads_its_cards_and_turns_the_button_into_fold(alice_client, alice):
    rejected = add_applications(alice, "rejected", 3)
    url = reverse("applications:column", args=["rejected"])
    html = alice_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert card_ids(html) == [a.pk for a in rejected]
    assert 'id="expand-rejected"' in html and 'aria-expanded="true"' in html and 'hx-swap-oob="true">Fold' in html
    folded = alice_client.get(url, {"fold": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert card_ids(folded) == []
    assert 'aria-expanded="false"' in folded and 'hx-swap-oob="true">Show cards' in folded


def test_show_more_in_an_open_column_never_touches_a_fold_button(alice_client, alice):
    add_applications(alice, "applied", 3)
    html = alice_client.get(reverse("applications:column", args=["applied"])).content.decode()
    assert len(card_ids(html)) == 3 and "expand-" not in html


def test_without_javascript_a_closed_column_opens_through_the_url(alice_client, alice):
    rejected = add_applications(alice, "withdrawn", 2)
    html = board_html(alice_client, open="withdrawn")
    assert set(card_ids(html)) == {a.pk for a in rejected}
    assert "Show cards<span class=\"visually-hidden\"> in Withdrawn" not in html
    assert "Fold<span class=\"visually-hidden\"> Withdrawn" in html


def test_a_column_never_shows_another_users_cards(bob_client, alice):
    add_applications(alice, "applied", 3)
    response = bob_client.get(reverse("applications:column", args=["applied"]))
    assert response.status_code == 200 and card_ids(response.content.decode()) == []


@pytest.mark.parametrize("params", [{"before": "yesterday|3"}, {"before": "2026-01-01T00:00:00|x"}])
def test_a_malformed_cursor_is_refused(alice_client, alice, params):
    response = alice_client.get(reverse("applications:column", args=["applied"]), params)
    assert response.status_code == 400


def test_an_unknown_column_is_a_404(alice_client, alice):
    assert alice_client.get(reverse("applications:column", args=["hired"])).status_code == 404


def test_a_move_answers_the_card_every_count_and_an_announcement(alice_client, alice):
    add_applications(alice, "applied", 3)
    add_applications(alice, "interview", 1)
    moved = make_application(alice, status="applied", title="Move Me", company="Target")
    response = alice_client.post(reverse("applications:move", args=[moved.pk]),
                                 {"status": "interview", "return": "card"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="card-{moved.pk}" data-id="{moved.pk}" data-status="interview"' in html
    assert 'id="count-applied" title="applications in this column" hx-swap-oob="true">3<' in html
    assert 'id="count-interview" title="applications in this column" hx-swap-oob="true">2<' in html
    assert 'id="jump-count-interview" hx-swap-oob="true">2<' in html
    assert "Moved “Move Me” from Applied to Interview. Interview has 2." in html
    moved.refresh_from_db()
    assert moved.status == "interview"


def test_a_card_moved_into_a_folded_column_is_counted_there(alice_client, alice):
    moved = make_application(alice, status="offer", title="Going")
    alice_client.post(reverse("applications:move", args=[moved.pk]), {"status": "declined", "return": "card"},
                      headers={"HX-Request": "true"})
    columns = {c.status: c for c in alice_client.get(reverse("applications:board")).context["columns"]}
    assert columns["declined"].count == 1 and columns["offer"].count == 0


def test_a_moved_card_shows_its_upcoming_interview(alice_client, alice):
    from applications.services import schedule_interview

    moved = make_application(alice, status="applied", title="With Interview")
    schedule_interview(application=moved, starts_at=timezone.now() + timedelta(days=3), kind="phone")
    response = alice_client.post(reverse("applications:move", args=[moved.pk]),
                                 {"status": "interview", "return": "card"}, headers={"HX-Request": "true"})
    assert "Interview: " in response.content.decode()
    assert Interview.objects.filter(application=moved).count() == 1


def _queries(client, url, django_assert_max_num_queries, params=None) -> int:
    client.get(url, params or {})
    with django_assert_max_num_queries(50) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("size", [30, 3 * CARDS_PER_PAGE])
def test_board_queries_and_cards_do_not_grow_with_the_data(alice_client, alice, django_assert_max_num_queries, size):
    from applications.services import schedule_interview

    url = reverse("applications:board")
    first = make_application(alice, status="applied")
    schedule_interview(application=first, starts_at=timezone.now() + timedelta(days=1), kind="phone")
    one = _queries(alice_client, url, django_assert_max_num_queries)
    for status in Status.values:
        for application in add_applications(alice, status, size)[:3]:
            schedule_interview(application=application, starts_at=timezone.now() + timedelta(days=2), kind="video")
    many = _queries(alice_client, url, django_assert_max_num_queries)
    # The open columns that had no card before now load a page each: at most one query per column more.
    assert many <= one + len(OPEN) - 1
    html = board_html(alice_client)
    assert len(card_ids(html)) == sum(min(size + (s == "applied"), CARDS_PER_PAGE) for s in OPEN)


def test_board_page_weight_is_the_same_at_60_and_600_applications(alice_client, alice):
    for status in Status.values:
        add_applications(alice, status, 8)
    small = len(board_html(alice_client).encode())
    for status in Status.values:
        add_applications(alice, status, 67, title="More")
    large = len(board_html(alice_client).encode())
    assert Application.objects.filter(user=alice).count() == 600
    assert large < small * 3  # 8 → 20 cards in the open columns, nothing at all for the 300 closed ones
    assert large == pytest.approx(len(board_html(alice_client).encode()), abs=100)


@pytest.mark.parametrize("size", [1, 30, 3 * CARDS_PER_PAGE])
def test_column_pages_cost_the_same_queries_at_any_size(alice_client, alice, django_assert_max_num_queries, size):
    add_applications(alice, "rejected", size)
    url = reverse("applications:column", args=["rejected"])
    assert _queries(alice_client, url, django_assert_max_num_queries) <= 5


def test_the_board_lists_a_few_follow_ups_and_says_how_many_more(alice_client, alice):
    from applications.views import FOLLOW_UPS_SHOWN

    due = add_applications(alice, "applied", FOLLOW_UPS_SHOWN + 7)
    yesterday = timezone.localdate() - timedelta(days=1)
    Application.objects.filter(pk__in=[a.pk for a in due]).update(follow_up_date=yesterday)
    response = alice_client.get(reverse("applications:board"))
    follow_ups = response.context["follow_ups"]
    assert len(follow_ups.overdue) == FOLLOW_UPS_SHOWN and follow_ups.more == 7
    assert "And 7 more due" in response.content.decode()
