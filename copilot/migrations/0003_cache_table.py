# The shared cache (login rate limits, insights) lives in the database when REDIS_URL is not set
# (settings.CACHES). Made here so `migrate` is all a deployment runs; the same table
# `manage.py createcachetable` would make, and it leaves an existing one alone.

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "copilot_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ("copilot", "0002_schedules_follow_moved_tasks"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
