"""The practice as data: profile, opening hours, closures, public content and requests."""

from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.models import User


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(f"{value} is not a known time zone (for example America/Los_Angeles)")


class Practice(models.Model):
    name = models.CharField(max_length=120)
    tagline = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, help_text="As shown, e.g. (888) 261-7506")
    email = models.EmailField(blank=True, help_text="Where contact requests are sent")
    address = models.TextField(blank=True)
    city = models.CharField(max_length=80, blank=True)
    timezone = models.CharField(max_length=64, default="America/Los_Angeles", validators=[validate_timezone])
    about = models.TextField(blank=True, help_text="What the practice does for knee pain (Markdown)")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The number is dialled from the header of every page (phone_uri): it needs its digits.
        if self.phone and sum(ch.isdigit() for ch in self.phone) < 7:
            raise ValidationError({"phone": "Enter the phone number with its digits, e.g. (888) 261-7506."})

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def phone_uri(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if not digits.startswith("+") and len(digits) == 10:
            digits = "+1" + digits
        return f"tel:{digits}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningHours(models.Model):
    """One opening interval on a weekday, in the practice's local time."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.closes <= self.opens:
            # Keyed to the field, so the database constraint's technical message is not shown as well.
            raise ValidationError({"closes": "Closing time must be after opening time."})


class Closure(models.Model):
    """Whole days the practice is closed (holidays, training days)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="closures")
    start = models.DateField()
    end = models.DateField()
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["start"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="closure_order")]

    def __str__(self) -> str:
        return f"Closed {self.start}-{self.end} {self.reason}".strip()

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The last day is before the first day."})


class Article(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField()
    body = models.TextField(help_text="Markdown; rendered and sanitised")
    published = models.DateField(default=timezone.localdate)
    is_published = models.BooleanField(default=True)
    tags = models.CharField(max_length=200, blank=True, help_text="Comma separated")

    class Meta:
        ordering = ["-published", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class ModerationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Testimonial(models.Model):
    """A visitor's words about the practice. Shown only once approved, signed with initials."""

    initials = models.CharField(max_length=12)
    text = models.TextField(max_length=2000)
    consent = models.BooleanField()
    status = models.CharField(
        max_length=12, choices=ModerationStatus.choices, default=ModerationStatus.PENDING, db_index=True
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    moderated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.initials}: {self.text[:40]}"


class ContactReason(models.TextChoices):
    RUNNERS_KNEE = "runners_knee", "Runner's knee"
    OTHER_KNEE = "other_knee", "Other knee pain"
    OTHER = "other", "Something else"


class RequestStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    BOOKED = "booked", "Booked"
    CLOSED = "closed", "Closed"


def new_reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "KC-" + "".join(secrets.choice(alphabet) for _ in range(6))


class ContactRequest(models.Model):
    """A visitor asking to be contacted or for an appointment."""

    reference = models.CharField(max_length=12, unique=True, default=new_reference)
    submission_token = models.CharField(max_length=64, unique=True, help_text="Makes a double submit harmless")
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    reason = models.CharField(max_length=20, choices=ContactReason.choices)
    preferred_days = models.JSONField(default=list, help_text="Weekday numbers, Monday = 0")
    preferred_from = models.TimeField(null=True, blank=True)
    preferred_to = models.TimeField(null=True, blank=True)
    message = models.TextField(max_length=5000, blank=True)
    status = models.CharField(max_length=12, choices=RequestStatus.choices, default=RequestStatus.NEW, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    handled_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="") | ~models.Q(phone=""), name="contact_has_email_or_phone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    @property
    def preferred_days_display(self) -> str:
        return ", ".join(Weekday(d).label for d in sorted(self.preferred_days))


# Appointments. Times are stored in UTC (USE_TZ) and shown in the practice's time zone.


class AppointmentKind(models.TextChoices):
    NEW_VISIT = "new_visit", "New visit"
    FOLLOW_UP = "follow_up", "Follow-up"
    IMAGING = "imaging", "Imaging"
    INJECTION = "injection", "Injection"
    PROCEDURE_CONSULT = "procedure_consult", "Procedure consultation"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "Did not attend"


class WorkingHours(models.Model):
    """One interval a clinician sees patients on a weekday, inside the practice's opening hours (local time)."""

    clinician = models.ForeignKey(User, on_delete=models.CASCADE, related_name="working_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["clinician", "weekday", "starts"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gt=models.F("starts")), name="working_hours_order")
        ]

    def __str__(self) -> str:
        return f"{self.clinician} {self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"


class BookingLock(models.Model):
    """One row per clinician, updated first in every booking transaction.

    The UPDATE takes a row lock on PostgreSQL and the write lock on SQLite, so two
    bookings for one clinician run one after the other and the second sees the first.
    """

    clinician = models.OneToOneField(User, on_delete=models.CASCADE, related_name="+")
    bookings = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Booking lock of {self.clinician}"


class PatientInvitation(models.Model):
    """A person asked to join as a patient; the appointments booked from their request wait here.

    A contact form proves nothing about who sent it, so booking from a request never files the
    appointment under an existing patient on an email address alone: unless staff confirm the
    match, it goes to an invitation. The confirmation email carries a signed link; following it
    creates the account (or, when the address has one already, its owner signs in to it) and only
    then are the appointments filed under that patient. Pending while ``accepted_at`` is empty.
    """

    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    contact_request = models.ForeignKey(
        ContactRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    patient = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.name}"

    @property
    def pending(self) -> bool:
        return self.accepted_at is None


class Appointment(models.Model):
    patient = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="appointments")
    invitation = models.ForeignKey(
        PatientInvitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointments"
    )
    name = models.CharField(max_length=120, blank=True, help_text="For people without an account yet")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    clinician = models.ForeignKey(User, on_delete=models.PROTECT, related_name="clinic_appointments")
    kind = models.CharField(max_length=20, choices=AppointmentKind.choices, default=AppointmentKind.FOLLOW_UP)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED, db_index=True
    )
    note = models.CharField(max_length=300, blank=True)
    contact_request = models.ForeignKey(
        ContactRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointments"
    )
    booked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["clinician", "start"], name="appointment_clinician_start")]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="appointment_order")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%Y-%m-%d %H:%M} UTC with {self.clinician}"

    @property
    def who(self) -> str:
        return self.patient.display_name if self.patient else self.name

    @property
    def recipient(self) -> str:
        return self.patient.email if self.patient else self.email
