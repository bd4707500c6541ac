"""Each recommendation not tracked yet has a Track button (htmx, and a plain form without JavaScript)."""

from django.urls import reverse

from applications.models import Application
from tests.factories import make_application, make_job

URL = reverse("insights:recommendations")


def test_untracked_recommendations_have_a_track_button_and_interested_ones_do_not(alice, alice_client):
    untracked = make_job(alice, title="Senior Django Engineer", tech_stack=["Python", "Django"])
    interested = make_application(alice, title="Platform Engineer", status="interested").job
    html = alice_client.get(URL).content.decode()
    track = reverse("applications:track", args=[untracked.pk])
    assert f'action="{track}"' in html and f'hx-post="{track}"' in html
    assert ">Track</button>" in html
    assert reverse("applications:track", args=[interested.pk]) not in html


def test_the_button_tracks_the_job_in_place(alice, alice_client):
    job = make_job(alice, title="Senior Django Engineer")
    response = alice_client.post(reverse("applications:track", args=[job.pk]), {"next": URL},
                                 headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Interested" in response.content.decode()
    assert Application.objects.get(job=job).status == "interested"
    # Without JavaScript the form posts and comes back to the recommendations.
    other = make_job(alice, title="Data Engineer", company="Zeta")
    response = alice_client.post(reverse("applications:track", args=[other.pk]), {"next": URL})
    assert response.status_code == 302 and response["Location"] == URL
