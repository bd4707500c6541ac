"""An invalid status move by htmx answers 400 with the board or the row and the message in place."""

from django.urls import reverse

from applications.models import TimelineEvent
from tests.factories import make_application

HTMX = {"HX-Request": "true"}


def test_an_invalid_move_on_the_board_redraws_it_with_the_message_on_that_card(alice_client, alice):
    application = make_application(alice, status="applied", title="Payments Engineer")
    other = make_application(alice, status="interested", title="Data Analyst")
    response = alice_client.post(reverse("applications:move", args=[application.pk]),
                                 {"status": "hired", "return": "board"}, headers=HTMX)
    assert response.status_code == 400  # swapped like 200: htmx-config in base.html
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board"')
    card = html.split(f'id="card-{application.pk}"')[1].split("</li>")[0]
    assert 'role="alert">That status is not valid; nothing changed.' in card
    assert "not valid" not in html.split(f'id="card-{other.pk}"')[1].split("</li>")[0]
    application.refresh_from_db()
    assert application.status == "applied"
    assert not TimelineEvent.objects.filter(application=application, to_status="hired").exists()


def test_an_invalid_move_in_the_table_redraws_the_row_with_the_message(alice_client, alice):
    application = make_application(alice, status="applied")
    response = alice_client.post(reverse("applications:move", args=[application.pk]),
                                 {"status": "hired", "return": "row"}, headers=HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="app-{application.pk}"')
    assert "That status is not valid; nothing changed." in html
    application.refresh_from_db()
    assert application.status == "applied"
