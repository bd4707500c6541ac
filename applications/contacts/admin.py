from django.contrib import admin

from applications.contacts.models import Contact, Interaction


class InteractionInline(admin.TabularInline):
    model = Interaction
    extra = 0
    fields = ("date", "kind", "application", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # an interaction needs its owner: add them from the Interaction admin


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "company", "user", "email", "updated_at")
    search_fields = ("name", "company", "email", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user", "applications", "jobs")
    readonly_fields = ("created_at", "updated_at")
    inlines = [InteractionInline]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "contact", "application", "user")
    list_filter = ("kind", ("date", admin.DateFieldListFilter))
    search_fields = ("contact__name", "note", "user__username", "application__job__title")
    list_select_related = ("contact", "application__job", "user")
    raw_id_fields = ("user", "contact", "application")
    date_hierarchy = "date"
