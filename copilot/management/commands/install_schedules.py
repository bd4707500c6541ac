from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django_q.models import Schedule

from copilot.schedules import SCHEDULES


class Command(BaseCommand):
    help = "Install or update every django-q2 schedule (idempotent: update-or-create by name)."

    def handle(self, *args, **options) -> None:
        names = [spec.name for spec in SCHEDULES]
        if not settings.ENABLE_SCHEDULER:
            removed, _ = Schedule.objects.filter(name__in=names).delete()
            self.stdout.write(f"ENABLE_SCHEDULER is off: removed {removed} schedule(s), installed none.")
            return
        for spec in SCHEDULES:
            _, created = Schedule.objects.update_or_create(
                name=spec.name,
                defaults={"func": spec.func, "schedule_type": Schedule.CRON, "cron": spec.cron, "repeats": -1},
            )
            self.stdout.write(f"{'created' if created else 'updated'} {spec.name}: {spec.func} at '{spec.cron}'")
