from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from api.models import ApiToken
from api.tokens import revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff can see who holds which token and revoke one (a leaked secret); tokens are made by their owner."""

    list_display = ("name", "user", "scope", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope", "revoked_at", "created_at")
    search_fields = ("name", "prefix", "user__username", "user__email")
    list_select_related = ("user",)
    fields = ("user", "name", "scope", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            revoke_token(token=token)
        self.message_user(request, f"Revoked {queryset.count()} token(s).")
