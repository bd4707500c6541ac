from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from copilot.accounts.models import User
from insights.digests.sending import KINDS, compose, due_digests, send_due_digests


class Command(BaseCommand):
    help = (
        "Send the digests due now (what the 15-minute schedule does). --force ignores the users' hour but "
        "still sends each digest at most once per local day; --dry-run prints what would be sent and writes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--kind", choices=KINDS, help="Only this digest (default: both).")
        parser.add_argument("--user", metavar="USERNAME", help="Only this user (default: everyone).")
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send and record nothing.")
        parser.add_argument("--force", action="store_true", help="Ignore the hour set in each user's settings.")

    def handle(self, *args, kind: str | None = None, user: str | None = None, dry_run: bool = False,
               force: bool = False, **options) -> None:
        kinds = [kind] if kind else list(KINDS)
        user_ids = None
        if user:
            found = User.objects.filter(username=user).values_list("pk", flat=True).first()
            if found is None:
                raise CommandError(f"No user named {user!r}.")
            user_ids = [found]
        now = timezone.now()
        if dry_run:
            self._dry_run(kinds, now, force=force, user_ids=user_ids)
            return
        result = send_due_digests(now, kinds=kinds, force=force, user_ids=user_ids)
        self.stdout.write(self.style.SUCCESS(
            "Digests: " + ", ".join(f"{count} {outcome}" for outcome, count in result.items())
        ))

    def _dry_run(self, kinds: list[str], now, *, force: bool, user_ids: list[int] | None) -> None:
        total = 0
        for kind in kinds:
            for due in due_digests(kind, now, force=force, user_ids=user_ids):
                composed = compose(due.user, kind, now=now)
                label = f"{kind:8s} {due.user.username} <{due.user.email}> {due.local_date}"
                if due.claimed:
                    self.stdout.write(f"{label}: already handled today, would not be sent again")
                elif composed is None:
                    self.stdout.write(f"{label}: nothing to say, would be skipped")
                else:
                    total += 1
                    self.stdout.write(f"{label}: would send “{composed[1].subject}”")
        if not total:
            hint = "" if force else " now (use --force to ignore the hour)"
            self.stdout.write(f"Nothing would be sent{hint}.")
        self.stdout.write(self.style.WARNING(
            f"Dry run: {total} digest(s) would be sent; nothing was sent or recorded."
        ))
