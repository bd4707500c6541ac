"""The jobs list at a power user's scale: a search reads the page's applications apart (no per-row join),
and on PostgreSQL title, company and description have trigram indexes for it."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import make_application, make_job


def test_search_rows_show_their_application_with_a_flat_query_count(alice_client, alice, django_assert_max_num_queries):
    tracked = make_job(alice, title="Platform Engineer", company="Tracked Co")
    make_application(alice, tracked, status="applied")
    untracked = make_job(alice, title="Platform Engineer", company="Untracked Co")
    make_job(alice, title="Designer", company="Other", description_html="<p>Figma</p>")
    url = reverse("jobs:list") + "?q=platform+engineer"
    alice_client.get(url)  # the first visit stores the time zone in the session
    with django_assert_max_num_queries(8) as few:  # the profile is read for the rendered-page cache's key
        html = alice_client.get(url).content.decode()
    assert "Tracked Co" in html and "Untracked Co" in html and "Designer" not in html
    assert f'href="/applications/{tracked.application.pk}/"' in html and ">Applied</a>" in html
    assert f'action="{reverse("applications:track", args=[untracked.pk])}"' in html
    for n in range(20):
        job = make_job(alice, title=f"Platform Engineer {n}", description_html="<p>Kubernetes</p>")
        if n % 2:
            make_application(alice, job, status="interview")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(url)
    assert response.context["page"].paginator.count == 22
    assert response.content.decode().count(">Interview</a>") == 10


def test_search_matches_a_word_found_only_in_the_description(alice_client, alice):
    make_job(alice, title="Backend Engineer", description_html="<p>We run Kubernetes on bare metal.</p>")
    make_job(alice, title="Backend Engineer", company="Other", description_html="<p>Serverless only.</p>")
    jobs = alice_client.get(reverse("jobs:list"), {"q": "KUBERNETES engineer"}).context["jobs"]
    assert [job.company for job in jobs] == ["Acme Widgets"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
@pytest.mark.django_db
def test_postgresql_has_trigram_indexes_for_the_search():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "jobs_job")
    trigram = {name: index["type"] for name, index in indexes.items() if name.endswith("_trgm")}
    assert trigram == {"job_title_trgm": "gin", "job_company_trgm": "gin", "job_description_trgm": "gin"}


@pytest.mark.parametrize("name", ["jobs:detail", "jobs:edit", "jobs:delete", "applications:track",
                                  "applications:detail"])
def test_url_for_pk_is_reverse_also_under_a_script_prefix(name):
    from django.urls import set_script_prefix

    from jobs.templatetags.jobs_extras import url_for_pk

    assert url_for_pk(42, name) == reverse(name, args=[42])
    set_script_prefix("/copilot/")
    try:
        assert url_for_pk(7, name) == reverse(name, args=[7]) and url_for_pk(7, name).startswith("/copilot/")
    finally:
        set_script_prefix("/")


def test_list_rows_link_each_action_and_show_closed_jobs(alice_client, alice):
    from jobs.services import mark_closed

    tracked = make_application(alice, make_job(alice, title="Tracked one"), status="applied")
    closed = make_job(alice, title="Closed one")
    mark_closed(job=closed)
    html = alice_client.get(reverse("jobs:list"), {"state": "all"}).content.decode()
    for url in (reverse("jobs:detail", args=[closed.pk]), reverse("jobs:edit", args=[closed.pk]),
                reverse("jobs:delete", args=[closed.pk]), reverse("applications:track", args=[closed.pk]),
                reverse("applications:detail", args=[tracked.pk])):
        assert f'"{url}"' in html
    assert html.count('class="badge closed"') == 1
