"""The bell every signed-in page polls: alerts appear after an ingestion run, open and mark seen, owners only."""

from django.urls import reverse

from jobs.models import JobAlert
from tests.jobs.alerts.helpers import ingest

BELL = "/alerts/bell/"


def test_alerts_appear_in_the_bell_after_an_ingestion_run(boards, alice, alice_client, django_assert_max_num_queries):
    before = alice_client.get(BELL)
    assert before.status_code == 200 and 'id="alerts-badge"' not in before.text
    assert "Nothing new" in before.text
    alice.profile.alert_min_score = 0
    alice.profile.save()
    run = ingest(boards, alice)
    with django_assert_max_num_queries(5):
        response = alice_client.get(BELL)
    assert f'<span class="alerts-badge" id="alerts-badge">{run.added}</span>' in response.text
    for alert in JobAlert.objects.filter(user=alice):
        assert alert.job.title in response.text and reverse("alerts:open", args=[alert.pk]) in response.text
    assert response["Cache-Control"] == "no-store"
    assert 'hx-trigger="every 30s"' in response.text  # it keeps polling


def test_the_bell_is_on_every_signed_in_page_and_polls_itself(alice_client, client):
    page = alice_client.get(reverse("jobs:list")).text
    assert 'id="alerts"' in page and 'hx-get="/alerts/bell/"' in page
    client.logout()
    assert 'id="alerts"' not in client.get("/").text


def test_opening_an_alert_marks_it_seen_and_goes_to_the_job(alice, alice_client):
    from tests.factories import make_job

    job, other = make_job(alice, title="Senior Python Engineer"), make_job(alice, title="Django Developer")
    alert = JobAlert.objects.create(user=alice, job=job, score=92)
    JobAlert.objects.create(user=alice, job=other, score=88)
    assert alice_client.get(reverse("alerts:open", args=[alert.pk])).status_code == 405  # GET changes nothing
    response = alice_client.post(reverse("alerts:open", args=[alert.pk]))
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    alert.refresh_from_db()
    assert alert.seen_at is not None
    assert '<span class="alerts-badge" id="alerts-badge">1</span>' in alice_client.get(BELL).text


def test_mark_all_seen_empties_the_badge(alice, alice_client):
    from tests.factories import make_job

    for n in range(3):
        JobAlert.objects.create(user=alice, job=make_job(alice, title=f"Engineer {n}"), score=90)
    response = alice_client.post(reverse("alerts:seen"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="alerts-badge"' not in response.text
    assert not JobAlert.objects.unseen().exists()
    assert alice_client.post(reverse("alerts:seen"), {"next": "https://evil.example/"})["Location"] == "/dashboard/"


def test_many_alerts_list_the_latest_and_count_them_all(alice, alice_client):
    from tests.factories import make_job

    for n in range(11):
        JobAlert.objects.create(user=alice, job=make_job(alice, title=f"Engineer {n}"), score=90)
    response = alice_client.get(BELL)
    assert '<span class="alerts-badge" id="alerts-badge">11</span>' in response.text
    assert response.text.count('class="alerts-title"') == 8 and "And 3 more" in response.text


def test_another_users_alerts_are_neither_shown_nor_opened_nor_marked(alice, bob_client):
    from tests.factories import make_job

    alert = JobAlert.objects.create(user=alice, job=make_job(alice, title="Secret Role"), score=95)
    assert "Secret Role" not in bob_client.get(BELL).text
    assert bob_client.post(reverse("alerts:open", args=[alert.pk])).status_code == 404
    bob_client.post(reverse("alerts:seen"))
    alert.refresh_from_db()
    assert alert.seen_at is None


def test_operators_see_alerts_and_their_mail_state_in_the_admin(client, alice, django_user_model):
    from tests.factories import make_job

    JobAlert.objects.create(user=alice, job=make_job(alice, title="Staff Engineer"), score=93, email="failed")
    admin = django_user_model.objects.create_superuser("ops", "ops@example.com", "ops-password-123")
    client.force_login(admin)
    response = client.get("/admin/jobs/jobalert/?email=failed")
    assert response.status_code == 200 and "Staff Engineer" in response.text
    assert client.get("/admin/jobs/jobalert/add/").status_code == 403
