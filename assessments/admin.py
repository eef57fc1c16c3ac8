from __future__ import annotations

from django.contrib import admin

from assessments.models import QuestionnaireResponse, ReminderSent, SelfCheck


@admin.register(SelfCheck)
class SelfCheckAdmin(admin.ModelAdmin[SelfCheck]):
    list_display = ("id", "created_at", "outcome", "patient", "consistent_with_pfps")
    list_filter = ("outcome",)
    readonly_fields = ("answers", "outcome", "reasons", "advice", "claim_token", "created_at", "claimed_at")


@admin.register(QuestionnaireResponse)
class QuestionnaireResponseAdmin(admin.ModelAdmin[QuestionnaireResponse]):
    list_display = ("id", "patient", "instrument", "score", "submitted_at", "superseded_by")
    list_filter = ("instrument",)

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        # Responses are immutable; corrections are new responses.
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin[ReminderSent]):
    list_display = ("patient", "instrument", "due_date", "kind", "sent_at")
