"""Admin for subscriptions (with "Run now") and the read-only log of ingestion runs."""

from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars

from jobs.models import IngestionRun, SourceSubscription
from jobs.sources.ingest import run_subscription


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

    @admin.action(description="Run now (ignores the board's minimum interval)")
    def run_now(self, request, queryset) -> None:
        for subscription in queryset.select_related("user"):
            run = run_subscription(subscription, force=True, trigger=IngestionRun.Trigger.ADMIN)
            text = (f"{subscription} ({subscription.kind}, {subscription.user}): {run.get_status_display()} — "
                    f"fetched {run.fetched}, added {run.added}, duplicates {run.duplicates}, "
                    f"filtered out {run.filtered_out}")
            if run.error:
                text += f". {run.error}"
            level: dict[str, int] = {IngestionRun.Status.FAILED: messages.ERROR,
                                     IngestionRun.Status.SKIPPED: messages.WARNING}
            self.message_user(request, text, level.get(run.status, messages.SUCCESS))


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
