# Links are kept only if they are http(s) (copilot.weburl). Links stored before that rule
# (a board answering "javascript:" or "data:" URLs) are cleared, so no page renders them.

import django.core.validators
from django.db import migrations, models

WEB = r"^https?://"


def clear_other_links(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    Job.objects.exclude(url="").exclude(url__iregex=WEB).update(url="", canonical_url="")
    Job.objects.exclude(attribution_url="").exclude(attribution_url__iregex=WEB).update(attribution_url="")


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0005_dates_between_2000_and_2100'),
    ]

    operations = [
        migrations.AlterField(
            model_name='job',
            name='attribution_url',
            field=models.URLField(blank=True, max_length=2000, validators=[django.core.validators.URLValidator(message='Use a web address starting with http:// or https://.', schemes=['http', 'https'])]),
        ),
        migrations.AlterField(
            model_name='job',
            name='url',
            field=models.URLField(blank=True, max_length=2000, validators=[django.core.validators.URLValidator(message='Use a web address starting with http:// or https://.', schemes=['http', 'https'])]),
        ),
        migrations.RunPython(clear_other_links, migrations.RunPython.noop),
    ]
