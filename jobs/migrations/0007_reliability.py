# Reliability (issue 13): dates a user or a file sets lie in 2000–2100; outside links are http(s) only, and
# links stored before that rule (a board answering "javascript:" or "data:" URLs) are cleared so no page
# renders them; ingestion runs hold a lease; fetches a page waits for (add from URL, board previews).

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import copilot.dates

WEB = r"^https?://"


def clear_other_links(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    Job.objects.exclude(url="").exclude(url__iregex=WEB).update(url="", canonical_url="")
    Job.objects.exclude(attribution_url="").exclude(attribution_url__iregex=WEB).update(attribution_url="")


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0006_job_closed_postings_and_reread_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='ingestionrun',
            name='attempt',
            field=models.PositiveSmallIntegerField(default=1, help_text='2: the retry of a run whose worker died.'),
        ),
        migrations.AddField(
            model_name='ingestionrun',
            name='lease_expires_at',
            field=models.DateTimeField(blank=True, help_text='While running: when the run counts as abandoned.', null=True),
        ),
        migrations.AlterField(
            model_name='job',
            name='attribution_url',
            field=models.URLField(blank=True, max_length=2000, validators=[django.core.validators.URLValidator(message='Use a web address starting with http:// or https://.', schemes=['http', 'https'])]),
        ),
        migrations.AlterField(
            model_name='job',
            name='date_applied',
            field=models.DateField(blank=True, null=True, validators=[copilot.dates.validate_sensible_date]),
        ),
        migrations.AlterField(
            model_name='job',
            name='posted_date',
            field=models.DateField(blank=True, null=True, validators=[copilot.dates.validate_sensible_date]),
        ),
        migrations.AlterField(
            model_name='job',
            name='url',
            field=models.URLField(blank=True, max_length=2000, validators=[django.core.validators.URLValidator(message='Use a web address starting with http:// or https://.', schemes=['http', 'https'])]),
        ),
        migrations.CreateModel(
            name='BackgroundFetch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('posting', 'Add from URL'), ('preview', 'Board preview')], max_length=10)),
                ('request', models.JSONField(default=dict, help_text='What to fetch: the URL, or the board and its parameters.')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed')], default='queued', max_length=10)),
                ('result', models.JSONField(blank=True, default=dict)),
                ('error', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('lease_expires_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='background_fetches', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.RunPython(clear_other_links, migrations.RunPython.noop),
    ]
