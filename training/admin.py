from __future__ import annotations

from django.contrib import admin

from training.models import Activity, ImportJob, ImportResult, Shoe, TrainingProfile


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin[Activity]):
    list_display = ["patient", "start", "sport", "distance_m", "elapsed_s", "source_format", "source_file"]
    list_filter = ["sport", "source_format", "surface"]
    search_fields = ["patient__email", "source_file", "name"]
    raw_id_fields = ["patient", "shoe", "import_job"]
    date_hierarchy = "start"


@admin.register(Shoe)
class ShoeAdmin(admin.ModelAdmin[Shoe]):
    list_display = ["name", "patient", "brand", "model", "retired", "is_default"]
    search_fields = ["name", "patient__email"]
    raw_id_fields = ["patient"]


class ImportResultInline(admin.TabularInline[ImportResult, ImportJob]):
    model = ImportResult
    extra = 0
    readonly_fields = ["position", "name", "status", "reason", "activity"]
    can_delete = False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin[ImportJob]):
    list_display = ["pk", "patient", "status", "created_at", "imported", "duplicates", "skipped", "failed"]
    list_filter = ["status"]
    raw_id_fields = ["patient", "created_by"]
    inlines = [ImportResultInline]


@admin.register(TrainingProfile)
class TrainingProfileAdmin(admin.ModelAdmin[TrainingProfile]):
    list_display = ["patient", "default_surface", "cadence_target_pct"]
    raw_id_fields = ["patient", "cadence_target_set_by"]
