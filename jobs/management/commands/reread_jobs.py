"""``manage.py reread_jobs``: run today's derived-field rules on stored jobs again (see jobs.reread)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from copilot.accounts.models import User
from jobs.reread import DEFAULT_BATCH, Progress, jobs_to_reread, reread_jobs
from jobs.scores import RULES, rescore_stale
from jobs.services import DERIVED_VERSION


class Command(BaseCommand):
    help = ("Re-read every job (skills, seniority, salary, canonical URL) with today's rules, in batches, "
            "printing progress. Stacks users gave are kept. Safe to stop and run again. --outdated re-reads "
            "only jobs derived by older rules (what bin/run and a deploy run); --dry-run writes nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--outdated", action="store_true",
                            help=f"Only jobs whose fields older rules derived (version < {DERIVED_VERSION}).")
        parser.add_argument("--user", metavar="USERNAME", help="Only this user's jobs.")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, metavar="N",
                            help="Jobs per batch and transaction (default %(default)s).")
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; write nothing.")

    def handle(self, *args, **options) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        user_id = None
        if options["user"] is not None:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
            user_id = user.pk
        if not options["dry_run"]:
            self._rescore()
        jobs = jobs_to_reread(outdated_only=options["outdated"], user_id=user_id)
        if not jobs.exists():
            self.stdout.write("No jobs to re-read." if not options["outdated"]
                              else f"Every job is up to date (rules version {DERIVED_VERSION}).")
            return
        progress = reread_jobs(jobs, batch_size=options["batch_size"], dry_run=options["dry_run"],
                               on_batch=self._report)
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(self.style.SUCCESS(
            f"Re-read {progress.done:,} jobs in {progress.seconds:.1f}s ({progress.rate:,.0f} jobs/s): "
            f"{progress.changed:,} {verb}, for {progress.users:,} user{'s' if progress.users != 1 else ''}."))

    def _rescore(self) -> None:
        """Stored match scores computed by older rules (taxonomy, scoring) or an older profile: done now."""
        done = rescore_stale()
        if done:
            self.stdout.write(f"Match scores recomputed for {done:,} user{'s' if done != 1 else ''} (rules {RULES}).")

    def _report(self, progress: Progress) -> None:
        percent = 100 * progress.done // progress.total if progress.total else 100
        self.stdout.write(f"{progress.done:,}/{progress.total:,} jobs ({percent}%) · {progress.rate:,.0f} jobs/s · "
                          f"{progress.changed:,} changed")
