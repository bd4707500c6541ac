from django.contrib import admin

from applications.models import Application, Interview, Note, TimelineEvent


class TimelineEventInline(admin.TabularInline):
    model = TimelineEvent
    extra = 0
    readonly_fields = ("from_status", "to_status", "note", "created_at")
    can_delete = False


class InterviewInline(admin.TabularInline):
    model = Interview
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("job", "user", "status", "applied_date", "follow_up_date", "status_changed_at", "updated_at")
    list_filter = ("status", ("applied_date", admin.DateFieldListFilter), ("follow_up_date", admin.DateFieldListFilter))
    search_fields = ("job__title", "job__company", "user__username", "user__email")
    list_select_related = ("job", "user")
    raw_id_fields = ("user", "job")
    readonly_fields = ("status_changed_at", "created_at", "updated_at")
    inlines = [TimelineEventInline, InterviewInline]


@admin.register(TimelineEvent)
class TimelineEventAdmin(admin.ModelAdmin):
    list_display = ("application", "from_status", "to_status", "created_at")
    list_filter = ("to_status", "from_status", ("created_at", admin.DateFieldListFilter))
    search_fields = ("application__job__title", "application__job__company", "application__user__username", "note")
    list_select_related = ("application__job",)
    raw_id_fields = ("application",)
    date_hierarchy = "created_at"


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ("application", "kind", "starts_at", "duration_minutes")
    list_filter = ("kind", ("starts_at", admin.DateFieldListFilter))
    search_fields = ("application__job__title", "application__job__company", "application__user__username")
    list_select_related = ("application__job",)
    raw_id_fields = ("application",)


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("application", "created_at")
    search_fields = ("text", "application__job__title")
    raw_id_fields = ("application",)
