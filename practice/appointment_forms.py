"""Forms for booking appointments and setting working hours. Times are entered in the practice's zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from practice.hours import Interval, format_time
from practice.models import AppointmentKind, Weekday


def quarter_hours(first: int = 6, last: int = 21) -> list[tuple[str, str]]:
    slots = [time(h, m) for h in range(first, last) for m in (0, 15, 30, 45)]
    return [(t.strftime("%H:%M"), format_time(t)) for t in slots]


class AppointmentForm(forms.Form):
    clinician = forms.ModelChoiceField(queryset=User.objects.none(), label="Clinician", empty_label=None)
    kind = forms.ChoiceField(choices=AppointmentKind.choices, label="Type")
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label="Time", widget=forms.Select(choices=quarter_hours()))
    note = forms.CharField(label="Note for the clinician", required=False, max_length=300)

    def __init__(
        self,
        *args: Any,
        tz: ZoneInfo,
        clinicians: QuerySet[User] | None = None,
        opening: Sequence[Interval] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tz = tz
        if opening:
            # Offer only times the practice is open on some day; the rest could never be booked.
            first, last = min(i.opens for i in opening), max(i.closes for i in opening)
            widget = self.fields["time"].widget
            assert isinstance(widget, forms.Select)
            widget.choices = [(v, label) for v, label in quarter_hours(0, 24) if first <= time.fromisoformat(v) < last]
        field = self.fields["clinician"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = clinicians if clinicians is not None else User.objects.filter(role=Role.CLINICIAN)
        self.fields["time"].help_text = f"{tz.key} time"

    def booking_fields(self) -> list[forms.BoundField]:
        """The appointment itself; a subclass's own fields (the possible match) are shown apart."""
        return [self[name] for name in AppointmentForm.base_fields]

    def start(self) -> datetime:
        """The chosen start as an aware datetime (wall-clock time in the practice's zone)."""
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"], tzinfo=self.tz)


class RequestBookingForm(AppointmentForm):
    """Booking from a contact request; with a possible match, staff say whether it is that patient.

    MATCH is the patient whose account has the request's email address (or None). The appointment
    is filed under MATCH only when the box is ticked for that same record (the hidden id guards
    against the match changing between showing the form and confirming it).
    """

    confirm_match = forms.BooleanField(
        required=False, label=_("I have checked that this request is from this patient: file it in their record")
    )
    match_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, match: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.match = match
        if match is None:
            del self.fields["confirm_match"], self.fields["match_id"]
        else:
            self.fields["match_id"].initial = match.pk

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if self.match is not None and data.get("confirm_match") and data.get("match_id") != self.match.pk:
            self.add_error(None, _("The matching record changed after this form was shown: check it again."))
        return data

    def confirmed_patient(self) -> User | None:
        """The patient staff confirmed (call after is_valid), or None: then the booking goes to an invitation."""
        if self.match is not None and self.cleaned_data.get("confirm_match"):
            return self.match
        return None


class WorkingHoursForm(forms.Form):
    """One optional interval per weekday."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not working"), *quarter_hours(6, 22)]
        for day in Weekday:
            self.fields[f"start_{day.value}"] = forms.TimeField(
                required=False, label=f"{day.label} from", widget=forms.Select(choices=choices)
            )
            self.fields[f"end_{day.value}"] = forms.TimeField(
                required=False, label=f"{day.label} until", widget=forms.Select(choices=choices)
            )

    def day_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(d.label, self[f"start_{d.value}"], self[f"end_{d.value}"]) for d in Weekday]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        for day in Weekday:
            start, end = data.get(f"start_{day.value}"), data.get(f"end_{day.value}")
            if (start is None) != (end is None):
                self.add_error(f"end_{day.value}", f"Give both times for {day.label}, or neither.")
            elif start is not None and end is not None and end <= start:
                self.add_error(f"end_{day.value}", "The end must be after the start.")
        return data
