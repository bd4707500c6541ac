# Heartbeat now belongs to the copilot app (see copilot/migrations/0001_initial.py); the table is kept.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_profile_data_version'),
        ('copilot', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Heartbeat')],
            database_operations=[],
        ),
    ]
