"""A posting read from a URL that the user already has says so on the form, before anything is saved."""

from jobs.models import Job
from tests.factories import make_job
from tests.jobs.importing.test_add_from_url import PAGES, public_name, read  # noqa: F401  (fixture)


def test_the_form_warns_when_the_posting_is_already_saved(alice_client, alice, stub_server, public_name,  # noqa: F811
                                                          django_capture_on_commit_callbacks):
    stub_server.html("/posting", (PAGES / "toplevel.html").read_text())
    response = read(alice_client, f"{public_name}/posting?utm_source=newsletter", django_capture_on_commit_callbacks)
    initial = response.context["form"].initial
    assert response.context["duplicate"] is None and "You already have this job" not in response.content.decode()
    first = make_job(alice, title=initial["title"], company=initial["company"], url=f"{public_name}/posting")

    response = read(alice_client, f"{public_name}/posting?utm_source=newsletter", django_capture_on_commit_callbacks)
    html = response.content.decode()
    assert response.status_code == 200
    assert "You already have this job" in html and first.get_absolute_url() in html
    assert 'name="save_anyway"' in html
    assert Job.objects.filter(user=alice).count() == 1
