"""Admin for the digest log: what was mailed to whom, what failed, and a way to retry stuck digests."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars

from insights.models import DigestLog


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "local_date", "status", "attempts", "sent_at", "last_error_excerpt")
    list_filter = ("kind", "status", ("local_date", admin.DateFieldListFilter))
    search_fields = ("user__username", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "attempted_at", "sent_at", "last_error", "lease_expires_at")
    date_hierarchy = "local_date"
    list_per_page = 100
    actions = ["allow_retry"]

    @admin.display(description="last error")
    def last_error_excerpt(self, obj: DigestLog) -> str:
        return truncatechars(obj.last_error, 80)

    @admin.action(description="Allow a retry (mark failed with attempts left; only if the mail surely did not go out)")
    def allow_retry(self, request, queryset) -> None:
        # An unknown row may be a crash *after* the send: retrying it is the operator's call, never automatic.
        # Pending and sending rows belong to a worker until their lease runs out; recovery settles them.
        changed = queryset.filter(status__in=[DigestLog.Status.UNKNOWN, DigestLog.Status.FAILED]).update(
            status=DigestLog.Status.FAILED, attempts=1, lease_expires_at=None
        )
        self.message_user(request, f"{changed} digest(s) will be retried on the next run (same local day only).",
                          messages.SUCCESS)
