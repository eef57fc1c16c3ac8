"""Users, care teams and the audit trail in the Django admin, which only administrators reach.

Every admin view of a patient's account writes an audit event, and every change to a care team
(who looks after whom) is audited with the patient, so the patient sees it on /me/access/.
The audit trail itself is read-only here and shows no values, as on /staff/audit/.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse

from accounts.audit import Actor, audit
from accounts.models import AuditEvent, CareTeam, EmergencyAccess, Role, User


def _audit_care_team(request: HttpRequest, team: CareTeam, verb: str) -> None:
    audit(
        Actor.of(request),
        f"accounts.care_team.{verb}",
        patient=team.patient,
        obj=team,
        changes={"clinician": team.clinician.display_name},
    )


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

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        user = User.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        if user is not None and user.role == Role.PATIENT and request.method == "GET":
            audit(Actor.of(request), "admin.user.viewed", patient=user, obj=user)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool) -> None:
        super().save_model(request, obj, form, change)
        if obj.role == Role.PATIENT or "role" in form.changed_data:
            audit(
                Actor.of(request),
                "admin.user.changed" if change else "admin.user.created",
                patient=obj if obj.role == Role.PATIENT else None,
                obj=obj,
                changes={"fields": sorted(form.changed_data)},
            )

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseInlineFormSet[Any, Any, Any], change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is CareTeam:
            # Filled by the save: the rows added and removed (a removed row keeps its patient and clinician ids).
            for team in formset.new_objects:
                _audit_care_team(request, team, "added")
            for team in formset.deleted_objects:
                _audit_care_team(request, team, "removed")


@admin.register(CareTeam)
class CareTeamAdmin(admin.ModelAdmin[CareTeam]):
    list_display = ("clinician", "patient", "since")
    autocomplete_fields = ("clinician", "patient")

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        team = CareTeam.objects.filter(pk=object_id).select_related("patient").first() if object_id.isdigit() else None
        if team is not None and request.method == "GET":
            audit(Actor.of(request), "admin.care_team.viewed", patient=team.patient, obj=team)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: CareTeam, form: ModelForm[CareTeam], change: bool) -> None:
        super().save_model(request, obj, form, change)
        _audit_care_team(request, obj, "changed" if change else "added")

    def delete_model(self, request: HttpRequest, obj: CareTeam) -> None:
        _audit_care_team(request, obj, "removed")
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CareTeam]) -> None:
        for team in queryset.select_related("clinician", "patient"):
            _audit_care_team(request, team, "removed")
        super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "patient", "action", "object_type", "object_id", "ip")
    list_filter = ("action",)
    search_fields = ("actor__email", "patient__email", "action")
    # The values of a change can be clinical: who, when and what only, as on the audit page.
    exclude = ("changes",)


@admin.register(EmergencyAccess)
class EmergencyAccessAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "actor", "patient", "expires_at", "ended_at")
    search_fields = ("actor__email", "patient__email")
    exclude = ("reason",)
