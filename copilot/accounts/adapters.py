from allauth.account.adapter import DefaultAccountAdapter

from copilot.accounts.models import Profile


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.get_or_create(user=user)
        return user
