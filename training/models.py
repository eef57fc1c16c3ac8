"""Runs and walks, the shoes they were run in, import jobs and per-point records for charts.

Units: seconds for times, metres for distance and elevation, beats per minute for heart rate,
steps per minute for cadence. ``Activity.start`` is UTC; ``utc_offset_s`` keeps the device's offset.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

PAIN_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]
DEFAULT_ALERT_DISTANCE_M = 700_000


class Sport(models.TextChoices):
    RUN = "run", "Run"
    WALK = "walk", "Walk"


class Surface(models.TextChoices):
    ROAD = "road", "Road"
    TRACK = "track", "Track"
    TREADMILL = "treadmill", "Treadmill"
    TRAIL = "trail", "Trail"
    GRASS = "grass", "Grass"
    UNEVEN = "uneven", "Uneven ground"


# Surfaces counted in the weekly "uneven and trail" share.
UNEVEN_SURFACES = frozenset({Surface.TRAIL.value, Surface.UNEVEN.value})


class Shoe(models.Model):
    """A pair of shoes. The alert distance is the patient's preference, not injury evidence."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shoes")
    name = models.CharField(max_length=120)
    brand = models.CharField(max_length=80, blank=True)
    model = models.CharField(max_length=80, blank=True)
    first_used = models.DateField(null=True, blank=True)
    start_distance_m = models.FloatField(default=0, validators=[MinValueValidator(0)])
    alert_distance_m = models.FloatField(default=DEFAULT_ALERT_DISTANCE_M, validators=[MinValueValidator(1000)])
    retired = models.BooleanField(default=False)
    is_default = models.BooleanField(default=False)
    default_surface = models.CharField(max_length=16, choices=Surface.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["retired", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"], condition=models.Q(is_default=True), name="training_one_default_shoe"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportStatus(models.TextChoices):
    """queued -> running -> done (every file has a result) or failed (the job itself broke)."""

    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Finished"
    FAILED = "failed", "Stopped with an error"


class ImportJob(models.Model):
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    # [{"storage": name in default_storage, "name": the uploaded file name}, ...]
    uploads = models.JSONField(default=list)
    files_done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


class ResultStatus(models.TextChoices):
    IMPORTED = "imported", "Imported"
    DUPLICATE = "duplicate", "Duplicate"
    SKIPPED = "skipped", "Skipped"
    FAILED = "failed", "Failed"


class ImportResult(models.Model):
    """What happened to one file (or one activity of a file) of an import."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=500)
    status = models.CharField(max_length=16, choices=ResultStatus.choices)
    reason = models.CharField(max_length=500, blank=True)
    activity = models.ForeignKey("Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.name}: {self.status}"


class Activity(models.Model):
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities")
    sport = models.CharField(max_length=8, choices=Sport.choices, default=Sport.RUN)
    name = models.CharField(max_length=200, blank=True)
    start = models.DateTimeField(help_text="UTC")
    utc_offset_s = models.IntegerField(null=True, blank=True, help_text="The device's offset from UTC, seconds")
    elapsed_s = models.FloatField()
    moving_time_s = models.FloatField(null=True, blank=True)
    distance_m = models.FloatField()
    elevation_gain_m = models.FloatField(null=True, blank=True)
    elevation_loss_m = models.FloatField(null=True, blank=True)
    avg_hr = models.FloatField(null=True, blank=True)
    avg_cadence_spm = models.FloatField(null=True, blank=True)
    surface = models.CharField(max_length=16, choices=Surface.choices, blank=True)
    shoe = models.ForeignKey(Shoe, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities")
    source_format = models.CharField(max_length=16, blank=True)
    source_file = models.CharField(max_length=500, blank=True)
    content_hash = models.CharField(max_length=80, blank=True)
    # The decoded file kept in default_storage for the records task; empty for manual entries.
    source_blob = models.CharField(max_length=300, blank=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN_VALIDATORS)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN_VALIDATORS)
    has_records = models.BooleanField(default=False)
    import_job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["patient", "start"])]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "content_hash"],
                condition=~models.Q(content_hash=""),
                name="training_unique_content_per_patient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_sport_display()} {self.start:%Y-%m-%d} {self.distance_m / 1000:.1f} km"

    @property
    def local_start(self) -> datetime:
        """The start in the device's time when known, else in the site's time zone."""
        # Naive on purpose: an aware value would be shifted again into the site's zone by templates.
        if self.utc_offset_s is not None:
            return (self.start + timedelta(seconds=self.utc_offset_s)).replace(tzinfo=None)
        return timezone.localtime(self.start).replace(tzinfo=None)

    @property
    def local_date(self) -> date:
        return self.local_start.date()

    @property
    def pace_s_per_km(self) -> float | None:
        seconds = self.moving_time_s or self.elapsed_s
        return seconds / (self.distance_m / 1000) if self.distance_m > 0 else None


class ActivityRecords(models.Model):
    """Per-point samples for charts, decoded after the import; at most a few thousand points."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="records")
    times_s = models.JSONField(default=list)
    distance_m = models.JSONField(default=list)
    altitude_m = models.JSONField(default=list)
    cadence_spm = models.JSONField(default=list)
    hr = models.JSONField(default=list)
    decoded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "activity records"

    def __str__(self) -> str:
        return f"Records of {self.activity_id}"


class TrainingProfile(models.Model):
    """A patient's running preferences: default surface and the cadence target."""

    patient = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training")
    default_surface = models.CharField(max_length=16, choices=Surface.choices, blank=True)
    cadence_target_pct = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(10)],
        help_text="Raise step rate by this share over the preferred cadence (5 to 10 %)",
    )
    cadence_baseline_spm = models.FloatField(null=True, blank=True)
    cadence_target_set_on = models.DateField(null=True, blank=True)
    cadence_target_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Training profile of {self.patient_id}"
