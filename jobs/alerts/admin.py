"""Operators see alerts and how their mail went (a failed or over-cap mail is never retried by itself)."""

from django.contrib import admin

from jobs.models import JobAlert


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = ("job", "user", "score", "created_at", "seen_at", "email", "emailed_at")
    list_filter = ("email", ("created_at", admin.DateFieldListFilter))
    search_fields = ("user__username", "user__email", "job__title", "job__company")
    list_select_related = ("user", "job")
    raw_id_fields = ("user", "job")
    readonly_fields = ("user", "job", "score", "created_at", "seen_at", "email", "emailed_at")
    date_hierarchy = "created_at"
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False
