# The Heartbeat model moved here from the accounts app. Its table stays where it is
# (accounts_heartbeat, created by accounts.0001_initial): only Django's idea of which app owns it
# changes, so existing heartbeats are kept.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_profile_data_version'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Heartbeat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=50, unique=True)),
                        ('beat_at', models.DateTimeField()),
                    ],
                    options={
                        'db_table': 'accounts_heartbeat',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
