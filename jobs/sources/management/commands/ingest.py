"""``manage.py ingest``: pull jobs from the subscribed boards now and print what happened."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError, CommandParser

from copilot.accounts.models import User
from jobs.models import IngestionRun, SourceSubscription
from jobs.sources import ingest


@dataclass
class Row:
    subscription: SourceSubscription
    status: str
    fetched: int
    kept_or_filtered: int
    added: int
    duplicates: int
    error: str


class Command(BaseCommand):
    help = ("Fetch jobs for every enabled subscription, one user's (--user) or one subscription (--subscription), "
            "and print a summary. --dry-run fetches and reports without writing anything.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's enabled subscriptions.")
        parser.add_argument("--subscription", metavar="ID", type=int, help="Only this subscription.")
        parser.add_argument("--dry-run", action="store_true", help="Fetch and report; write no jobs and no runs.")
        parser.add_argument("--force", action="store_true",
                            help="Ignore the boards' minimum interval between fetches (use sparingly).")

    def handle(self, *args, **options) -> None:
        subscriptions = self._select(options["user"], options["subscription"])
        if not subscriptions:
            self.stdout.write("No enabled subscriptions to fetch.")
            return
        rows = [self._dry_run(s) if options["dry_run"] else self._run(s, force=options["force"]) for s in subscriptions]
        self._print(rows, dry_run=options["dry_run"])

    def _select(self, username: str | None, subscription_id: int | None) -> list[SourceSubscription]:
        subscriptions = SourceSubscription.objects.select_related("user", "user__profile").order_by("user_id", "id")
        if username is not None:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No user named {username!r}.")
            subscriptions = subscriptions.filter(user=user)
        if subscription_id is not None:
            found = list(subscriptions.filter(pk=subscription_id))
            if not found:
                raise CommandError(f"No subscription with id {subscription_id}"
                                   + (f" belonging to {username!r}." if username else "."))
            return found  # asked for by id: run it even if disabled (it is then recorded as skipped)
        return list(subscriptions.filter(enabled=True))

    def _run(self, subscription: SourceSubscription, *, force: bool) -> Row:
        run = ingest.run_subscription(subscription, force=force, trigger=IngestionRun.Trigger.COMMAND)
        return Row(subscription, run.status, run.fetched, run.filtered_out, run.added, run.duplicates, run.error)

    def _dry_run(self, subscription: SourceSubscription) -> Row:
        result = ingest.preview(user=subscription.user, kind=subscription.kind, params=subscription.params)
        status = "failed" if result.error else "dry-run"
        return Row(subscription, status, result.fetched, result.filtered_out + result.over_limit, result.new,
                   result.duplicates, result.error)

    def _print(self, rows: list[Row], *, dry_run: bool) -> None:
        added_header = "would add" if dry_run else "added"
        header = ["id", "user", "source", "subscription", "status", "fetched", "filtered", added_header, "dupes",
                  "error"]
        table = [header] + [
            [str(r.subscription.pk), r.subscription.user.username, r.subscription.kind,
             _cut(r.subscription.display_name, 30), r.status, str(r.fetched), str(r.kept_or_filtered), str(r.added),
             str(r.duplicates), _cut(r.error, 70)]
            for r in rows
        ]
        widths = [max(len(line[i]) for line in table) for i in range(len(header))]
        numeric = {5, 6, 7, 8}
        for index, line in enumerate(table):
            cells = [cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]) for i, cell in enumerate(line)]
            self.stdout.write("  ".join(cells).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        failed = sum(r.status == IngestionRun.Status.FAILED for r in rows)
        total = sum(r.added for r in rows)
        verb = "would be added" if dry_run else "added"
        summary = f"{len(rows)} subscription(s), {total} job(s) {verb}, {failed} failed."
        self.stdout.write(self.style.WARNING(summary) if failed else self.style.SUCCESS(summary))


def _cut(text: str, length: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"
