"""Links that came from outside are stored only if they are http(s): forms, CSV files, the model
itself (boards: tests/jobs/sources/test_ingest.py); links stored before that rule are cleared;
rendered ones never leak the referrer."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.spreadsheets.csv_io import preview_import
from jobs.models import Job
from tests.factories import make_job

HOSTILE = ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
           "JavaScript:alert(1)", "vbscript:msgbox(1)", "ftp://files.example.com/job"]


@pytest.mark.parametrize("url", HOSTILE)
def test_the_job_form_refuses_other_links_with_a_message(alice_client, alice, url):
    response = alice_client.post(reverse("jobs:create"), {"title": "T", "company": "C", "url": url})
    assert response.status_code == 400
    assert not Job.objects.filter(user=alice).exists()


@pytest.mark.parametrize("url", HOSTILE)
def test_a_csv_row_with_another_link_is_an_error(alice, url):
    preview = preview_import(alice, f"title,company,url\r\nT,C,{url}\r\n".encode())
    assert not preview.rows[0].importable


@pytest.mark.parametrize("field", ["url", "attribution_url"])
def test_the_model_refuses_other_links(field):
    with pytest.raises(ValidationError) as refused:
        Job(title="T", company="C", **{field: "data:text/html,hi"}).clean_fields(exclude=["user"])
    assert "Use a web address starting with http:// or https://." in refused.value.message_dict[field]


def test_links_stored_before_the_rule_are_cleared_by_the_migration(alice):
    kept = make_job(alice, title="Kept", url="https://jobs.example.com/1")
    Job.objects.filter(pk=kept.pk).update(attribution_url="HTTPS://board.example.com/")
    cleared = make_job(alice, title="Cleared")
    Job.objects.filter(pk=cleared.pk).update(url="javascript:alert(1)", canonical_url="javascript:alert(1)",
                                             attribution_url="data:text/html,x")

    importlib.import_module("jobs.migrations.0007_reliability").clear_other_links(apps, None)

    assert Job.objects.filter(pk=kept.pk).values_list("url", "attribution_url").get() == (
        "https://jobs.example.com/1", "HTTPS://board.example.com/")
    assert Job.objects.filter(pk=cleared.pk).values_list("url", "canonical_url", "attribution_url").get() == (
        "", "", "")


def test_rendered_outside_links_never_send_the_referrer(alice_client, alice):
    job = make_job(alice, url="https://jobs.example.com/1", source="remotive")
    Job.objects.filter(pk=job.pk).update(attribution_url="https://remotive.com")
    html = alice_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert html.count('rel="noopener noreferrer"') == 2
