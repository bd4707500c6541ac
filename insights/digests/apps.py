from django.apps import AppConfig


class DigestsConfig(AppConfig):
    """Email digests as a feature package of insights, registered as an app of its own.

    Registering it lets Django find its admin (``admin.py``) and its ``send_digests`` command in
    this package. It has no models: the digest log is a table of the insights app
    (``insights.models.DigestLog``), where its migrations have always been.
    """

    name = "insights.digests"
    label = "digests"
    verbose_name = "Email digests"
