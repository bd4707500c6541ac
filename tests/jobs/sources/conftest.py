from tests.jobs.sources.helpers import boards  # noqa: F401  (fixture: the stub job boards)
