from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "copilot.accounts"
    label = "accounts"
    verbose_name = "Accounts and profiles"
