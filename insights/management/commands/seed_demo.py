from __future__ import annotations

from django.core.management.base import BaseCommand

from insights.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo


class Command(BaseCommand):
    help = "Create the demo account with realistic data (idempotent: an existing demo account is left as it is)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reset", action="store_true", help="Delete the demo account's data and create it anew.")

    def handle(self, *args, reset: bool = False, **options) -> None:
        _, created = seed_demo(reset=reset)
        state = "created" if created else "already there"
        self.stdout.write(self.style.SUCCESS(
            f"Demo account {state}: username {DEMO_USERNAME!r}, password {DEMO_PASSWORD!r}"
        ))
