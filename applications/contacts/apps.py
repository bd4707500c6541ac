from django.apps import AppConfig


class ContactsConfig(AppConfig):
    """The people a user talks to, as a feature package of applications with tables of its own.

    A new feature, so its tables (``contacts_contact``, ``contacts_interaction``) and migrations live
    here rather than in ``applications``: the package holds its models, views, urls, admin and forms.
    """

    name = "applications.contacts"
    label = "contacts"
    verbose_name = "Contacts"
