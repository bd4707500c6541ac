"""The stub job boards for the alert tests (ingestion runs against 127.0.0.1 only)."""

from tests.jobs.sources.helpers import boards, only_loopback  # noqa: F401  (fixtures)
