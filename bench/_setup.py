"""Shared set-up for benchmark scripts: a throwaway SQLite database (or BENCH_DATABASE_URL), migrated."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def django_setup(*, migrate: bool = True) -> str:
    """Configure Django; ``migrate=False`` for scripts that never touch the database."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix="copilot-bench-")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copilot.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("LOG_LEVEL", "warning")
    import django

    django.setup()
    from django.core.management import call_command

    if migrate:
        call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]
