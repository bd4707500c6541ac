from django.db import migrations

from jobs.seniority import text_level_of


def recompute_text_level(apps, schema_editor):
    """Re-read the level of every job's text under the wider rules ("at least 3 years of
    experience", "3-5 years", "mindestens 3 Jahre Berufserfahrung", over the first 4,000
    characters), so scores of existing jobs agree with those of new ones."""
    Job = apps.get_model("jobs", "Job")
    batch = []
    for job in Job.objects.only("id", "requirements", "description_text", "text_level").iterator(chunk_size=2000):
        level = text_level_of(job.requirements, job.description_text)
        if level != job.text_level:
            job.text_level = level
            batch.append(job)
        if len(batch) >= 2000:
            Job.objects.bulk_update(batch, ["text_level"])
            batch = []
    if batch:
        Job.objects.bulk_update(batch, ["text_level"])


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0004_job_preferred_stack_soft_skills"),
    ]

    operations = [
        migrations.RunPython(recompute_text_level, migrations.RunPython.noop, elidable=True),
    ]
