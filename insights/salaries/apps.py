from django.apps import AppConfig


class SalariesConfig(AppConfig):
    """Salary insights as a feature package of insights, registered as an app of its own.

    Registering it lets Django find its ``salary_rates`` command and the system check of the
    conversion table (``checks.py``). It has no models: the salaries are the jobs' own columns.
    """

    name = "insights.salaries"
    label = "salaries"
    verbose_name = "Salary insights"

    def ready(self) -> None:
        from insights.salaries import checks  # noqa: F401  (registers the check)
