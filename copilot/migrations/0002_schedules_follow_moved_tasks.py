# The task functions moved into their feature packages (jobs.sources.tasks, insights.digests.tasks).
# Schedules installed before the move name the old paths; point them at the new ones so the workers
# keep running them even before `manage.py install_schedules` is run again.

from django.db import migrations

MOVED = {
    "jobs.tasks.ingest_all": "jobs.sources.tasks.ingest_all",
    "jobs.tasks.ingest_user": "jobs.sources.tasks.ingest_user",
    "jobs.tasks.ingest_subscription": "jobs.sources.tasks.ingest_subscription",
    "insights.digest_tasks.send_due_digests": "insights.digests.tasks.send_due_digests",
    "insights.digest_tasks.send_digest_chunk": "insights.digests.tasks.send_digest_chunk",
}


def rename(mapping):
    def run(apps, schema_editor):
        Schedule = apps.get_model("django_q", "Schedule")
        for old, new in mapping.items():
            Schedule.objects.filter(func=old).update(func=new)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('copilot', '0001_initial'),
        ('django_q', '0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more'),
    ]

    operations = [
        migrations.RunPython(rename(MOVED), rename({new: old for old, new in MOVED.items()})),
    ]
