"""The salaries page and the job page's position panel."""

import json
from decimal import Decimal as D

import plotly.graph_objects as go
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from copilot.accounts.models import Profile
from insights.salaries.charts import box_chart
from insights.salaries.queries import insights_for
from insights.salaries.rates import load_table
from tests.factories import make_job


@pytest.fixture
def salaried(alice):
    Profile.objects.filter(user=alice).update(target_roles=["Backend Engineer"], experience_level="senior")
    jobs = [
        make_job(alice, title="Senior Backend Engineer", salary_text="€70,000 – €90,000 a year"),  # 80k
        make_job(alice, title="Senior Python Developer", salary_text="€60k–80k per year"),  # 70k
        make_job(alice, title="Senior Backend Engineer", salary_text="€100,000 per year"),  # 100k
        make_job(alice, title="Senior Backend Engineer", salary_min=D(450), salary_max=D(450),
                 salary_currency="EUR", salary_period="day"),  # a board's structured day rate: 117k
        make_job(alice, title="Data Scientist", salary_text="$100,000 a year"),
        make_job(alice, title="Backend Engineer", salary_text="competitive"),  # no salary
        make_job(alice, title="Backend Engineer"),  # no salary
    ]
    make_job(make_bob(), title="Senior Backend Engineer", salary_text="€999,000 per year")
    return jobs


def make_bob():
    from tests.factories import make_user
    return make_user("bobby")


def test_the_page_counts_jobs_without_a_salary_and_shows_every_distribution(alice_client, salaried):
    response = alice_client.get(reverse("salaries:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Of your <strong>7</strong> jobs, <strong>5</strong> state a salary" in page
    assert "<strong>2</strong> state no salary" in page
    assert "Your target: Backend · Senior" in page
    for heading in ("By title family", "By level", "By location", "By remote option"):
        assert heading in page
    data = response.context["data"]
    assert data.target.stats.count == 4 and data.target.stats.median == D(90000)  # 70k 80k 100k 117k
    assert "999" not in page.replace("9999", "")  # bob's job is not mine
    for section in response.context["sections"]:
        if section["figure"]:
            go.Figure(section["figure"])  # a valid plotly figure
            assert f'id="chart-{section["key"]}"' in page


def test_amounts_and_charts_follow_the_language(alice_client, salaried):
    response = alice_client.get(reverse("salaries:index"), HTTP_ACCEPT_LANGUAGE="de")
    page = response.content.decode()
    assert "Nach Titelfamilie" in page and "90.000\u00a0€" in page
    figure = response.context["sections"][0]["figure"]
    assert figure["layout"]["xaxis"]["title"]["text"] == "EUR pro Jahr"
    assert figure["layout"]["separators"] == ",."
    assert isinstance(figure["data"][0]["median"][0], int)  # the numbers stay numbers
    panel = alice_client.get(reverse("salaries:job_position", args=[salaried[0].pk]),
                             HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<strong>80.000\u00a0€</strong> pro Jahr" in panel and "70.000\u00a0€ – 90.000\u00a0€" in panel


def test_another_currency(alice_client, salaried):
    response = alice_client.get(reverse("salaries:index"), {"currency": "usd"})
    assert response.context["currency"] == "USD"
    rate = load_table().rates["USD"]
    expected = (D(90000) / rate).quantize(D(1))
    assert abs(response.context["data"].target.stats.median - expected) <= 1
    assert alice_client.get(reverse("salaries:index"), {"currency": "<b>"}).context["currency"] == "EUR"


def test_a_salary_that_cannot_be_converted_is_said(alice_client, alice):
    make_job(alice, title="Backend Engineer", salary_min=D(5000000), salary_max=D(6000000), salary_currency="XOF",
             salary_period="year")
    page = alice_client.get(reverse("salaries:index")).content.decode()
    assert "1</strong> states one that cannot be converted" in page
    assert "a currency the conversion table lacks" in page
    assert "No salaries to compare yet" in page


def test_page_query_count_does_not_grow(alice_client, alice, salaried, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as first:
        alice_client.get(reverse("salaries:index"))
    for n in range(40):
        make_job(alice, title=f"Backend Engineer {n}", salary_text=f"€{50 + n},000 a year")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = alice_client.get(reverse("salaries:index"))
    assert response.context["data"].with_salary == 45


def test_the_job_page_loads_its_position(alice_client, salaried):
    job = salaried[0]
    page = alice_client.get(job.get_absolute_url()).content.decode()
    assert reverse("salaries:job_position", args=[job.pk]) in page
    response = alice_client.get(reverse("salaries:job_position", args=[job.pk]), headers={"HX-Request": "true"})
    panel = response.content.decode()
    # 80k against the other senior backend jobs: 70k below; 100k and 117k above.
    assert "€80,000" in panel and "pays more than <strong>33 %</strong> of 3 comparable jobs" in panel
    assert "Backend · Senior" in panel and 'value="33"' in panel


def test_the_position_of_a_job_without_a_salary_or_peers(alice_client, salaried):
    no_salary = alice_client.get(reverse("salaries:job_position", args=[salaried[5].pk])).content.decode()
    assert "states no salary that can be compared" in no_salary
    alone = alice_client.get(reverse("salaries:job_position", args=[salaried[4].pk])).content.decode()
    assert "too few to compare" in alone
    assert reverse("salaries:job_position", args=[salaried[6].pk]) not in alice_client.get(
        salaried[6].get_absolute_url()).content.decode()  # no salary: no panel to load


def test_position_query_count(alice_client, salaried, django_assert_max_num_queries):
    url = reverse("salaries:job_position", args=[salaried[0].pk])
    with django_assert_max_num_queries(8):  # session, user, profile, the job, every job's salary; session saved
        assert alice_client.get(url).status_code == 200
    with django_assert_max_num_queries(4):  # computed insights are cached until the user's data changes
        assert alice_client.get(url).status_code == 200


def test_another_users_job_position_is_a_404(bob_client, salaried):
    assert bob_client.get(reverse("salaries:job_position", args=[salaried[0].pk])).status_code == 404


def test_insights_are_recomputed_when_a_job_changes(alice, salaried):
    from copilot.accounts.models import User
    from jobs.services import update_job

    before = insights_for(User.objects.get(pk=alice.pk), "EUR")
    update_job(job=salaried[1], salary_text="€200,000 a year")
    after = insights_for(User.objects.get(pk=alice.pk), "EUR")
    assert before.rows[salaried[1].pk].salary.mid == D(70000)
    assert after.rows[salaried[1].pk].salary.mid == D(200000)


def test_box_chart_limits_the_boxes(salaried, alice):
    data = insights_for(alice, "EUR")
    figure = box_chart(data.dimensions["family"], "EUR")
    go.Figure(figure)
    assert [trace["name"] for trace in figure["data"]][-1] == "Backend"  # the biggest group on top
    assert figure["data"][0]["name"] == "Data science…"  # cut in the chart, whole in the table


def test_salary_rates_command_updates_the_operators_file(tmp_path, settings):
    path = tmp_path / "rates.json"
    settings.SALARY_RATES_FILE = str(path)
    load_table.cache_clear()
    try:
        call_command("salary_rates", "--set", "USD=0.9", "--period", "hour=1720", "--as-of", "2026-12-02")
        table = load_table()
        assert table.rates["USD"] == D("0.9") and table.periods["hour"] == 1720
        assert str(table.as_of) == "2026-12-02" and "GBP" in table.rates  # the rest copied from the shipped table
        with pytest.raises(CommandError, match="the rate of USD must be a positive number"):
            call_command("salary_rates", "--set", "USD=-1")
        assert json.loads(path.read_text())["rates"]["USD"] == 0.9  # nothing changed
    finally:
        settings.SALARY_RATES_FILE = ""
        load_table.cache_clear()


def test_the_shipped_table_is_never_edited(settings):
    settings.SALARY_RATES_FILE = ""
    with pytest.raises(CommandError, match="Set SALARY_RATES_FILE"):
        call_command("salary_rates", "--set", "USD=0.9")


def test_a_broken_table_fails_the_system_check(tmp_path, settings):
    from insights.salaries.checks import check_rates_file

    path = tmp_path / "broken.json"
    path.write_text('{"base": "EUR"')
    settings.SALARY_RATES_FILE = str(path)
    try:
        (error,) = check_rates_file(None)
        assert error.id == "salaries.E001" and "cannot read the salary conversion table" in error.msg
    finally:
        settings.SALARY_RATES_FILE = ""
        load_table.cache_clear()
    assert check_rates_file(None) == []


def test_the_coverage_sentence_reads_right_in_german_for_one_job_and_for_many(alice, alice_client):
    Profile.objects.filter(user=alice).update(language="de")
    make_job(alice, title="Engineer", salary_text="€60,000 – €70,000")
    page = alice_client.get("/insights/salaries/").content.decode()
    assert "Von Ihrem <strong>1</strong> Job gibt <strong>1</strong> ein hier gezähltes Gehalt an." in page
    make_job(alice, title="Designer", salary_text="€50,000")
    page = alice_client.get("/insights/salaries/").content.decode()
    assert "Von Ihren <strong>2</strong> Jobs geben <strong>2</strong> ein hier gezähltes Gehalt an." in page
