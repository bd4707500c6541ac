from django.contrib import admin

from jobs.alerts import admin as alerts_admin  # noqa: F401  (registers JobAlert: jobs.alerts is not an app)
from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "user", "location", "remote_option", "source", "date_applied", "created_at")
    list_filter = ("source", "remote_option", "job_type", "closed_by", ("created_at", admin.DateFieldListFilter))
    search_fields = ("title", "company", "location", "user__username", "user__email", "external_id")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("description_text", "canonical_url", "subscription", "missing_runs", "closed_at", "closed_by",
                       "archived_at", "stack_edited", "derived_version", "created_at", "updated_at")
    date_hierarchy = "created_at"
    list_per_page = 50

