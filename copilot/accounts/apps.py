from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "copilot.accounts"
    label = "accounts"
    verbose_name = "Accounts and profiles"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from copilot.accounts.services import remember_browser_language

        user_logged_in.connect(remember_browser_language, dispatch_uid="remember_browser_language")
