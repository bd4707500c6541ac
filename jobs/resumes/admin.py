from django.contrib import admin

from jobs.models import Resume


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    """For operators: what was uploaded and how reading went. The file itself is not offered here."""

    list_display = ("filename", "user", "kind", "size", "status", "level", "years", "uploaded_at", "reviewed_at")
    list_filter = ("status", "kind", ("uploaded_at", admin.DateFieldListFilter))
    search_fields = ("filename", "user__username", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    exclude = ("data", "text")
    readonly_fields = ("filename", "kind", "size", "status", "progress", "error", "skills", "other_skills", "years",
                       "years_evidence", "level", "uploaded_at", "parsed_at", "reviewed_at", "lease_expires_at")
    date_hierarchy = "uploaded_at"
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False  # résumés come from their owners' uploads only

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data", "text")
