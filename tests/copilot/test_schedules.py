from django.core.management import call_command
from django_q.models import Schedule

from copilot.schedules import SCHEDULES


def test_install_schedules_is_idempotent(db):
    call_command("install_schedules")
    call_command("install_schedules")
    names = list(Schedule.objects.values_list("name", flat=True))
    assert sorted(names) == sorted(spec.name for spec in SCHEDULES)


def test_install_schedules_updates_a_changed_schedule(db):
    call_command("install_schedules")
    Schedule.objects.filter(name="worker-heartbeat").update(cron="0 0 * * *", func="old.path")
    call_command("install_schedules")
    schedule = Schedule.objects.get(name="worker-heartbeat")
    assert (schedule.cron, schedule.func) == ("* * * * *", "copilot.tasks.heartbeat")


def test_scheduler_off_installs_nothing(db, settings):
    call_command("install_schedules")
    settings.ENABLE_SCHEDULER = False
    call_command("install_schedules")
    assert not Schedule.objects.exists()


def test_q_cluster_retry_exceeds_timeout_and_catch_up_is_off(settings):
    assert settings.Q_CLUSTER["retry"] > settings.Q_CLUSTER["timeout"]
    assert settings.Q_CLUSTER["catch_up"] is False


def test_every_schedule_names_a_task_the_workers_can_import():
    from django.utils.module_loading import import_string

    for spec in SCHEDULES:
        assert callable(import_string(spec.func)), spec.name
