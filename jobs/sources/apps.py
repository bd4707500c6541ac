from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Job boards as a feature package of jobs, registered as an app of its own.

    Registering it lets Django find its admin (``admin.py``) and its ``ingest`` command in this
    package. It has no models: subscriptions and ingestion runs are tables of the jobs app
    (``jobs.models``), where their migrations have always been.
    """

    name = "jobs.sources"
    label = "sources"
    verbose_name = "Job sources"
