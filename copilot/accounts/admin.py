from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from copilot.accounts.models import Profile, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    readonly_fields = ("calendar_token", "created_at", "updated_at")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [ProfileInline]
    list_display = ("username", "email", "is_active", "is_staff", "date_joined", "last_login", "experience_level")
    list_filter = ("is_active", "is_staff", "is_superuser", "date_joined", "profile__experience_level")
    search_fields = ("username", "email", "first_name", "last_name")
    list_select_related = ("profile",)
    ordering = ("-date_joined",)

    @admin.display(description="Level", ordering="profile__experience_level")
    def experience_level(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_experience_level_display() if profile else "—"


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "experience_level", "remote_preference", "timezone", "morning_digest", "evening_digest",
                    "updated_at")
    list_filter = ("experience_level", "remote_preference", "morning_digest", "evening_digest")
    search_fields = ("user__username", "user__email", "timezone")
    list_select_related = ("user",)
    readonly_fields = ("calendar_token", "created_at", "updated_at")
    raw_id_fields = ("user",)

