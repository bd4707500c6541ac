"""Trigram indexes for the jobs list's search, on PostgreSQL only (a no-op on SQLite).

The search is ``UPPER(column) LIKE UPPER('%word%')`` on title, company and description (Django's
``icontains``); without an index PostgreSQL reads every description of the user's jobs, twice per page
(the count and the rows). GIN trigram indexes on the same expressions answer it from the index, and
their statistics also give the planner sane row estimates for the page query."""

from django.db import migrations

COLUMNS = {"job_title_trgm": "title", "job_company_trgm": "company", "job_description_trgm": "description_text"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON jobs_job USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0011_job_alerts"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
