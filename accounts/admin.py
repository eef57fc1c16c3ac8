from __future__ import annotations

from django.contrib import admin

from accounts.models import AuditEvent, CareTeam, User


class CareTeamInline(admin.TabularInline[CareTeam, User]):
    model = CareTeam
    fk_name = "patient"
    extra = 0


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "name", "role", "is_active", "date_joined")
    list_filter = ("role", "is_active")
    search_fields = ("email", "name")
    fields = ("email", "name", "role", "is_active", "date_joined", "last_login")
    readonly_fields = ("date_joined", "last_login")
    inlines = [CareTeamInline]


@admin.register(CareTeam)
class CareTeamAdmin(admin.ModelAdmin[CareTeam]):
    list_display = ("clinician", "patient", "since")
    autocomplete_fields = ("clinician", "patient")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ("at", "actor", "patient", "action", "object_type", "object_id", "ip")
    list_filter = ("action",)
    search_fields = ("actor__email", "patient__email", "action")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
