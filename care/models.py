"""Care plans, the pain diary, daily task logs, ice sessions, exercise programs and return-to-run sessions."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

PAIN = [MinValueValidator(0), MaxValueValidator(10)]


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class CarePlan(models.Model):
    """A patient's stepped care plan; at most one is active per patient."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_plans")
    step = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    started_on = models.DateField()
    step_started_on = models.DateField()
    goals = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    ladder_version = models.CharField(max_length=20)
    # The self-check that led to the plan (assessments.SelfCheck id), when there was one.
    self_check_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient"], condition=Q(status="active"), name="care_plan_one_active_per_patient"
            ),
            models.CheckConstraint(condition=Q(step__gte=1, step__lte=4), name="care_plan_step_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.patient} step {self.step} ({self.status})"


class StepChange(models.Model):
    """One move on the ladder: who, when, why."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="step_changes")
    from_step = models.PositiveSmallIntegerField(null=True, blank=True)
    to_step = models.PositiveSmallIntegerField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_step} -> {self.to_step}"


class SuggestionKind(models.TextChoices):
    NEXT_STEP = "next_step", "Next step"
    REVIEW = "review", "Review"
    CONTINUE = "continue", "Continue"


class Audience(models.TextChoices):
    CLINICIAN = "clinician", "Clinician"
    PATIENT = "patient", "Patient"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class Suggestion(models.Model):
    """What escalation proposes. Never applied automatically: a person accepts or dismisses it."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=12, choices=SuggestionKind.choices)
    target_step = models.PositiveSmallIntegerField(null=True, blank=True)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"], condition=Q(status="open"), name="care_one_open_suggestion_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.plan_id}"


class TaskStatus(models.TextChoices):
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class TaskLog(models.Model):
    """A daily task (or one exercise) done or skipped on a date."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_task_logs")
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="task_logs")
    date = models.DateField()
    task_code = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=TaskStatus.choices)
    reason = models.CharField(max_length=200, blank=True)
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["patient", "date", "task_code"], name="care_task_once_a_day")]
        indexes = [models.Index(fields=["patient", "date"], name="care_task_patient_date")]

    def __str__(self) -> str:
        return f"{self.task_code} {self.status} on {self.date}"


class IceSession(models.Model):
    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ice_sessions")
    started_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(60)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at"]
        constraints = [models.CheckConstraint(condition=Q(minutes__gte=1, minutes__lte=60), name="care_ice_1_to_60")]

    def __str__(self) -> str:
        return f"{self.minutes} min ice at {self.started_at}"


class Side(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both"


class PainfulActivity(models.TextChoices):
    STAIRS_DOWN = "stairs_down", "Going down stairs"
    STAIRS_UP = "stairs_up", "Going up stairs"
    HILLS = "hills", "Hills"
    SQUATS = "squats", "Squatting"
    LONG_SITTING = "long_sitting", "Sitting for a long time"
    STANDING_UP = "standing_up", "Standing up from a chair"
    RUNNING = "running", "Running"


class DiaryEntry(models.Model):
    """One pain check-in: a day and a side. Edits change it and keep the old values as revisions."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary_entries")
    date = models.DateField()
    side = models.CharField(max_length=5, choices=Side.choices)
    pain_now = models.PositiveSmallIntegerField(validators=PAIN)
    pain_worst = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    pain_during_activity = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    pain_after_activity = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    morning_pain = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    morning_stiffness = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    painful_activities = models.JSONField(default=list, blank=True)
    swelling = models.BooleanField(default=False)
    giving_way = models.BooleanField(default=False)
    nsaid_taken = models.BooleanField(default=False)
    # Warning signs (docs/clinical-evidence.md section 3; care.warning_signs.FLAGS): any of them replaces
    # the light with the self-check's advice for its level. The first three are urgent.
    locking = models.BooleanField(default=False)
    large_swelling = models.BooleanField(default=False)
    repeated_giving_way = models.BooleanField(default=False)
    # The self-check's questions, named by its codes (assessments.questions.FLAG_LEVEL gives their level).
    calf_swelling_or_pain = models.BooleanField(default=False)
    chest_pain_or_breathless = models.BooleanField(default=False)
    hot_swollen_no_fever = models.BooleanField(default=False)
    hot_red_swollen_fever = models.BooleanField(default=False)
    cannot_bear_weight = models.BooleanField(default=False)
    cannot_straighten_or_lift_leg = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "side"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "date", "side"], name="care_diary_one_per_day_and_side"),
            models.CheckConstraint(condition=Q(pain_now__lte=10), name="care_diary_pain_now_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.patient} {self.date} {self.side}"


class DiaryEntryRevision(models.Model):
    """The values of a diary entry before one edit."""

    entry = models.ForeignKey(DiaryEntry, on_delete=models.CASCADE, related_name="revisions")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    data = models.JSONField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"revision of {self.entry_id} at {self.at}"


class ProgramItem(models.Model):
    """One exercise in a patient's program, with its dosage (sets, repetitions, hold in seconds)."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_items")
    exercise_code = models.CharField(max_length=40)
    sets = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10)])
    reps = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(50)])
    hold_s = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(120)])
    position = models.PositiveSmallIntegerField(default=0)
    notes = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["patient", "exercise_code"], name="care_program_once")]

    def __str__(self) -> str:
        return f"{self.exercise_code} for {self.patient}"


class ReturnToRunSession(models.Model):
    """One walk-jog session at a level of the progression."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rtr_sessions")
    date = models.DateField()
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(8)])
    more_pain = models.BooleanField(default=False)
    more_swelling = models.BooleanField(default=False)
    notes = models.CharField(max_length=200, blank=True)
    # training.Activity id when the run was imported (the training app may not be installed).
    activity_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["patient", "date"], name="care_rtr_one_per_day")]

    def __str__(self) -> str:
        return f"level {self.level} on {self.date}"
