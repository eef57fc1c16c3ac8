"""The clinical record: visits with exam findings, diagnoses, imaging, procedures, medications, reviews."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from chart import codes

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Knee(models.TextChoices):
    RIGHT = "right", "Right knee"
    LEFT = "left", "Left knee"
    UNSPECIFIED = "unspecified", "Knee not specified"


class Finding(models.TextChoices):
    NOT_TESTED = "", "Not tested"
    NEGATIVE = "negative", "Negative"
    POSITIVE = "positive", "Positive"


class Effusion(models.TextChoices):
    NOT_TESTED = "", "Not tested"
    NONE = "none", "None"
    TRACE = "trace", "Trace"
    MODERATE = "moderate", "Moderate"
    LARGE = "large", "Large"


class FootPosture(models.TextChoices):
    NOT_TESTED = "", "Not assessed"
    NEUTRAL = "neutral", "Neutral"
    FLAT_FEET = "flat_feet", "Flat feet (fallen arches)"
    OVER_PRONATION = "over_pronation", "Over-pronation (foot rolls inward)"
    HIGH_ARCH = "high_arch", "High arch (supinated)"


class Alignment(models.TextChoices):
    NOT_TESTED = "", "Not assessed"
    NORMAL = "normal", "Hips to knees aligned"
    VALGUS = "valgus", "Knees drift inward (dynamic valgus)"
    VARUS = "varus", "Knees bow outward (varus)"
    OTHER = "other", "Other misalignment (see note)"


class Visit(models.Model):
    """One clinical encounter with the structured patellofemoral exam and a free-text note."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(default=timezone.localdate)
    side = models.CharField("Knee examined", max_length=12, choices=Knee.choices, default=Knee.UNSPECIFIED)
    squat_pain = models.CharField("Squat reproduces pain", max_length=10, choices=Finding.choices, blank=True)
    step_down_pain = models.CharField("Step-down reproduces pain", max_length=10, choices=Finding.choices, blank=True)
    sitting_pain = models.CharField("Pain with prolonged sitting", max_length=10, choices=Finding.choices, blank=True)
    patellar_tilt = models.CharField(max_length=10, choices=Finding.choices, blank=True)
    patellar_grind = models.CharField(max_length=10, choices=Finding.choices, blank=True)
    j_sign = models.CharField("J-sign", max_length=10, choices=Finding.choices, blank=True)
    effusion = models.CharField(max_length=10, choices=Effusion.choices, blank=True)
    flexion_deg = models.PositiveSmallIntegerField("Knee flexion (degrees)", null=True, blank=True)
    extension_deficit_deg = models.PositiveSmallIntegerField("Extension deficit (degrees)", null=True, blank=True)
    hip_abductor_strength = models.PositiveSmallIntegerField(
        "Hip abductor strength (0-5)", null=True, blank=True, help_text="Manual muscle test, 5 = normal"
    )
    foot_posture = models.CharField(max_length=16, choices=FootPosture.choices, blank=True)
    hamstring_tightness = models.CharField(max_length=10, choices=Finding.choices, blank=True)
    alignment = models.CharField("Alignment hips to knees", max_length=10, choices=Alignment.choices, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["patient", "-date"], name="visit_patient_date")]

    def __str__(self) -> str:
        return f"Visit {self.date} ({self.get_side_display()})"

    def positive_findings(self) -> list[str]:
        names = []
        for name in ("squat_pain", "step_down_pain", "sitting_pain", "patellar_tilt", "patellar_grind", "j_sign"):
            if getattr(self, name) == Finding.POSITIVE:
                names.append(str(Visit._meta.get_field(name).verbose_name).capitalize())  # type: ignore[union-attr]
        if self.hamstring_tightness == Finding.POSITIVE:
            names.append("Tight hamstrings")
        if self.effusion and self.effusion != Effusion.NONE:
            names.append(f"{self.get_effusion_display()} effusion")
        if self.foot_posture and self.foot_posture != FootPosture.NEUTRAL:
            names.append(self.get_foot_posture_display())
        if self.alignment and self.alignment != Alignment.NORMAL:
            names.append(self.get_alignment_display())
        return names


class DiagnosisKind(models.TextChoices):
    RUNNERS_KNEE = "runners_knee", "Runner's knee (patellofemoral pain)"
    OTHER = "other", "Other diagnosis"


class DiagnosisStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    RESOLVED = "resolved", "Resolved"


class Diagnosis(models.Model):
    """A coded diagnosis. Runner's knee is coded per knee (ICD-10-CM has no bilateral code)."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diagnoses")
    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="diagnoses")
    kind = models.CharField(max_length=16, choices=DiagnosisKind.choices, default=DiagnosisKind.RUNNERS_KNEE)
    side = models.CharField(max_length=12, choices=Knee.choices, default=Knee.UNSPECIFIED)
    icd10_code = models.CharField("ICD-10-CM code", max_length=8)
    snomed_code = models.CharField("SNOMED CT code", max_length=18, blank=True)
    text = models.CharField(max_length=200)
    onset = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=DiagnosisStatus.choices, default=DiagnosisStatus.ACTIVE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "-recorded_at"]
        verbose_name_plural = "diagnoses"

    def __str__(self) -> str:
        return f"{self.icd10_code} {self.text}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.kind == DiagnosisKind.RUNNERS_KNEE:
            self.icd10_code = codes.RUNNERS_KNEE_ICD10[self.side]
            self.snomed_code = codes.RUNNERS_KNEE_SNOMED
            self.text = codes.RUNNERS_KNEE_TEXT
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Modality(models.TextChoices):
    XRAY = "xray", "X-ray"
    MRI = "mri", "MRI"
    CT = "ct", "CT"
    ULTRASOUND = "ultrasound", "Ultrasound"


class ImagingStatus(models.TextChoices):
    ORDERED = "ordered", "Ordered"
    SCHEDULED = "scheduled", "Scheduled"
    COMPLETED = "completed", "Completed"


class Imaging(models.Model):
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imaging")
    modality = models.CharField(max_length=12, choices=Modality.choices)
    side = models.CharField(max_length=12, choices=Knee.choices, default=Knee.UNSPECIFIED)
    status = models.CharField(max_length=10, choices=ImagingStatus.choices, default=ImagingStatus.ORDERED)
    reason = models.CharField(max_length=200, blank=True)
    ordered_on = models.DateField(default=timezone.localdate)
    scheduled_for = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-ordered_on", "-pk"]
        verbose_name_plural = "imaging"

    def __str__(self) -> str:
        return f"{self.get_modality_display()} {self.get_side_display()} ({self.get_status_display()})"

    @property
    def date(self) -> object:
        return self.completed_on or self.scheduled_for or self.ordered_on


class ProcedureKind(models.TextChoices):
    ARTHROSCOPY = "arthroscopy", "Diagnostic arthroscopy"
    INJECTION = "injection", "Corticosteroid injection"
    CARTILAGE = "cartilage", "Cartilage repair or removal"
    REALIGNMENT = "realignment", "Kneecap realignment"
    REFERRAL = "referral", "Referral to a surgeon"


class ProcedureStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    COMPLETED = "completed", "Completed"


class Procedure(models.Model):
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="procedures")
    kind = models.CharField(max_length=16, choices=ProcedureKind.choices)
    side = models.CharField(max_length=12, choices=[(Knee.RIGHT, Knee.RIGHT.label), (Knee.LEFT, Knee.LEFT.label)])
    status = models.CharField(max_length=10, choices=ProcedureStatus.choices, default=ProcedureStatus.COMPLETED)
    date = models.DateField()
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    site = models.CharField(max_length=120, blank=True, help_text="For injections, e.g. lateral parapatellar")
    product = models.CharField(max_length=120, blank=True, help_text="For injections, as written on the label")
    outcome_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_side_display()} {self.date}"


class Drug(models.TextChoices):
    ASPIRIN = "aspirin", "Aspirin"
    IBUPROFEN = "ibuprofen", "Ibuprofen"
    NAPROXEN = "naproxen", "Naproxen"
    OTHER = "other", "Other NSAID"


class Medication(models.Model):
    """A statement that the patient takes (or took) an NSAID, with the caution checklist answered.

    No dose is recorded or proposed: the product never suggests one (docs/clinical-evidence.md section 8).
    """

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medications")
    drug = models.CharField(max_length=12, choices=Drug.choices)
    other_name = models.CharField("Name of the other NSAID", max_length=80, blank=True)
    started_on = models.DateField()
    stopped_on = models.DateField(null=True, blank=True)
    cautions = models.JSONField(
        default=dict,
        help_text="Checklist key -> true (yes), false (no) or null (not asked: the item joined the checklist "
        "after this statement was recorded)",
    )
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.other_name if self.drug == Drug.OTHER and self.other_name else self.get_drug_display()

    @property
    def cautions_present(self) -> list[StrOrPromise]:
        """Labels of the items answered yes: today's checklist in its order, then items only an earlier one asked."""
        asked = [*codes.NSAID_CAUTIONS, *codes.RETIRED_NSAID_CAUTIONS.items()]
        return [label for key, label in asked if self.cautions.get(key) is True]

    @property
    def cautions_not_asked(self) -> list[StrOrPromise]:
        """Labels of today's items that were not asked when this statement was recorded."""
        return [label for key, label in codes.NSAID_CAUTIONS if self.cautions.get(key) is codes.NOT_ASKED]


class Review(models.Model):
    """A clinician marked the patient reviewed: flags raised before this moment are cleared."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chart_reviews")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_at"]
        indexes = [models.Index(fields=["patient", "-reviewed_at"], name="review_patient_at")]

    def __str__(self) -> str:
        return f"{self.patient} reviewed {self.reviewed_at:%Y-%m-%d %H:%M}"
