"""django-q2 entry points of the CSV import: thin, take ids, call the services."""

from __future__ import annotations

from applications.spreadsheets import background


def run_csv_import(csv_import_id: int) -> str:
    """Check (preview) or import a large CSV file the page is showing progress for."""
    return background.run(csv_import_id)


def recover_imports() -> int:
    """Schedule "recover-csv-imports": hand imports whose worker died to another worker."""
    return background.recover_imports()
