"""Admin for subscriptions (with "Run now") and the read-only log of ingestion runs."""

from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars

from jobs.models import IngestionRun, SourceSubscription
from jobs.sources.ingest import queue_refresh


@admin.register(SourceSubscription)
class SourceSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "user", "enabled", "last_run_at", "last_added", "last_error_excerpt",
                    "created_at")
    list_filter = ("kind", "enabled")
    search_fields = ("user__username", "user__email", "label")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("last_run_at", "last_error", "last_added", "created_at")
    actions = ["run_now"]

    @admin.display(description="last error")
    def last_error_excerpt(self, obj: SourceSubscription) -> str:
        return truncatechars(obj.last_error, 80)

    @admin.action(description="Run now in the background (ignores the board's minimum interval)")
    def run_now(self, request, queryset) -> None:
        # Queued, not run here: a slow board must not hold a web worker, the admin's included.
        runs = [queue_refresh(subscription=subscription, trigger=IngestionRun.Trigger.ADMIN)
                for subscription in queryset]
        self.message_user(request, f"Queued {len(runs)} run{'s' if len(runs) != 1 else ''}: see “Ingestion runs” "
                                   "for the results.", messages.SUCCESS)


@admin.register(IngestionRun)
class IngestionRunAdmin(admin.ModelAdmin):
    list_display = ("source", "user", "started_at", "finished_at", "status", "trigger", "fetched", "added",
                    "duplicates", "filtered_out", "error_excerpt")
    list_filter = ("status", "source", "trigger", ("created_at", admin.DateFieldListFilter))
    search_fields = ("user__username", "error")
    list_select_related = ("user",)
    date_hierarchy = "created_at"
    list_per_page = 50

    @admin.display(description="error")
    def error_excerpt(self, obj: IngestionRun) -> str:
        return truncatechars(obj.error, 80)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
