from django.apps import AppConfig


class ResumesConfig(AppConfig):
    """Résumés as a feature package of jobs, registered as an app of its own so Django finds its admin.

    It has no models: ``Resume`` is a table of the jobs app (``jobs.models``)."""

    name = "jobs.resumes"
    label = "resumes"
    verbose_name = "Résumés"
