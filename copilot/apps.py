from django.apps import AppConfig


class CopilotConfig(AppConfig):
    """The core every other app builds on: the worker heartbeat, /health and the schedules.

    Layers: ``copilot`` < ``jobs`` < ``applications`` < ``insights``. Nothing here imports an app
    above it; ``copilot.urls`` mounts the apps by dotted string only.
    """

    name = "copilot"
    verbose_name = "Core services"
