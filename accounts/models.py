"""Users with roles, care teams and the audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    CLINICIAN = "clinician", "Clinician"
    STAFF = "staff", "Front desk"
    ADMIN = "admin", "Administrator"


#: Roles that work inside the practice; they must enrol TOTP before reaching patient data.
PRACTICE_ROLES = frozenset({Role.CLINICIAN, Role.STAFF, Role.ADMIN})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.ADMIN)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT, db_index=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only the admin role reaches the Django admin; it holds every permission there.
        self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    @property
    def is_staff(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def works_at_practice(self) -> bool:
        return self.role in PRACTICE_ROLES

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@", 1)[0]


class CareTeam(models.Model):
    """A clinician who looks after a patient."""

    clinician = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="care_of", limit_choices_to={"role": Role.CLINICIAN}
    )
    patient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="care_team", limit_choices_to={"role": Role.PATIENT}
    )
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clinician", "patient"], name="care_team_unique")]
        verbose_name = "care team member"

    def __str__(self) -> str:
        return f"{self.clinician} looks after {self.patient}"


class AuditEvent(models.Model):
    """One read or change of patient data, or a denied attempt. Never edited."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    patient = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events")
    action = models.CharField(max_length=80, db_index=True, help_text="Dotted name, e.g. care.plan.stepped_up")
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "-at"], name="audit_patient_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"


class EmergencyAccess(models.Model):
    """Break-the-glass: a practice member opens a record outside their care team, with a reason, for a while.

    Never edited once opened, except that it can be ended early. The patient sees it on /me/access/ and the
    patient's care team on the roster.
    """

    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="emergency_accesses")
    patient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="emergency_accessed_by")
    reason = models.TextField()
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["actor", "patient", "expires_at"], name="emergency_access_lookup")]

    def __str__(self) -> str:
        return f"{self.actor} opened {self.patient} at {self.started_at:%Y-%m-%d %H:%M}"

    def is_active(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.ended_at is None and self.started_at <= now < self.expires_at
