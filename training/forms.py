from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from training.ingest.read import max_upload_bytes
from training.models import Activity, Shoe, Sport, Surface, TrainingProfile

PAIN_CHOICES = [("", "Not recorded")] + [(str(i), str(i)) for i in range(11)]
#: Shown instead of Django's "---------" for a surface that is not set.
SURFACE_CHOICES = [("", "Not set"), *Surface.choices]


def _number_errors(what: str, example: str, low: str, high: str, decimals: str = "") -> dict[str, str]:
    """Plain-language messages for a number field: what to give, its range, and an example."""
    messages = {
        "required": f"Give {what}, for example {example}.",
        "invalid": f"Give {what} as a number, for example {example}.",
        "min_value": f"Give {what} of {low} or more.",
        "max_value": f"Give {what} of {high} or less.",
    }
    if decimals:
        messages["max_decimal_places"] = f"Give {what} with {decimals}, for example {example}."
    return messages


def _not_in_future(day: date | None, message: str) -> date | None:
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError(message)
    return day


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    upload = MultipleFileField(
        label="Activity files",
        help_text="FIT, GPX or TCX files (also .gz), zip archives, or your Strava or Garmin export zip.",
    )

    def clean_upload(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["upload"]
        if not files:
            raise forms.ValidationError("Choose at least one file.")
        limit = max_upload_bytes()
        total = sum(f.size or 0 for f in files)
        if total > limit:
            raise forms.ValidationError(
                f"These files add up to {total / 1e6:,.0f} MB; one import can take at most {limit / 1e6:,.0f} MB."
            )
        empty = [f.name for f in files if not f.size]
        if empty:
            raise forms.ValidationError(f"This file is empty: {', '.join(str(n) for n in empty)}.")
        return files


def _shoe_field(patient: User, *, label: str = "Shoe") -> forms.ModelChoiceField[Shoe]:
    return forms.ModelChoiceField(
        Shoe.objects.filter(patient=patient, retired=False), required=False, label=label, empty_label="No shoe"
    )


class ActivityEditForm(forms.ModelForm[Activity]):
    pain_during = forms.TypedChoiceField(
        choices=PAIN_CHOICES, coerce=int, empty_value=None, required=False, label="Knee pain during (0-10)"
    )
    pain_after = forms.TypedChoiceField(
        choices=PAIN_CHOICES, coerce=int, empty_value=None, required=False, label="Knee pain after (0-10)"
    )

    surface = forms.ChoiceField(choices=SURFACE_CHOICES, required=False, label="Surface")

    class Meta:
        model = Activity
        fields = ["name", "surface", "shoe", "pain_during", "pain_after"]

    def __init__(self, *args: Any, patient: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shoe"] = _shoe_field(patient)
        if self.instance.shoe_id:
            shoe_field: Any = self.fields["shoe"]
            shoe_field.queryset = Shoe.objects.filter(patient=patient).filter(
                Q(retired=False) | Q(pk=self.instance.shoe_id)
            )


class ManualActivityForm(forms.Form):
    sport = forms.ChoiceField(choices=Sport.choices, initial=Sport.RUN)
    day = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the date of the run.", "invalid": "Give the date as YYYY-MM-DD."},
    )
    start_time = forms.TimeField(
        label="Start time",
        initial=time(7, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": "Give the time the run started.",
            "invalid": "Give the time as hours and minutes, for example 07:30.",
        },
    )
    distance_km = forms.DecimalField(
        label="Distance (km)",
        min_value=0.01,
        max_value=999,
        decimal_places=2,
        error_messages=_number_errors("the distance in km", "5.25", "0.01", "999", decimals="at most 2 decimals"),
    )
    duration_min = forms.DecimalField(
        label="Duration (minutes)",
        min_value=1,
        max_value=3000,
        decimal_places=1,
        error_messages=_number_errors("the duration in minutes", "32.5", "1", "3000", decimals="at most 1 decimal"),
    )
    elevation_gain_m = forms.IntegerField(
        label="Climb (m)",
        min_value=0,
        max_value=20000,
        required=False,
        error_messages=_number_errors("the climb in whole metres", "120", "0", "20000"),
    )
    elevation_loss_m = forms.IntegerField(
        label="Descent (m)",
        min_value=0,
        max_value=20000,
        required=False,
        error_messages=_number_errors("the descent in whole metres", "120", "0", "20000"),
    )
    surface = forms.ChoiceField(choices=[("", "The shoe's or my usual surface"), *Surface.choices], required=False)
    pain_during = forms.TypedChoiceField(
        choices=PAIN_CHOICES, coerce=int, empty_value=None, required=False, label="Knee pain during (0-10)"
    )
    pain_after = forms.TypedChoiceField(
        choices=PAIN_CHOICES, coerce=int, empty_value=None, required=False, label="Knee pain after (0-10)"
    )
    name = forms.CharField(max_length=200, required=False, label="Name (optional)")

    def __init__(self, *args: Any, patient: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.fields["shoe"] = _shoe_field(patient)
        profile = TrainingProfile.objects.filter(patient=patient).first()
        self.default_surface = profile.default_surface if profile else ""
        default = Shoe.objects.filter(patient=patient, is_default=True, retired=False).first()
        if default is not None:
            self.fields["shoe"].initial = default.pk

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError("A run cannot be in the future.")
        if day < timezone.localdate() - timedelta(days=365 * 30):
            raise forms.ValidationError("Enter a date within the last 30 years.")
        return day

    def build(self) -> Activity:
        data = self.cleaned_data
        local = timezone.make_aware(datetime.combine(data["day"], data["start_time"]))
        duration = float(data["duration_min"]) * 60
        return Activity(
            patient=self.patient,
            sport=data["sport"],
            name=data["name"],
            start=local,
            utc_offset_s=int((local.utcoffset() or timedelta(0)).total_seconds()),
            elapsed_s=duration,
            moving_time_s=duration,
            distance_m=float(data["distance_km"]) * 1000,
            elevation_gain_m=data["elevation_gain_m"],
            elevation_loss_m=data["elevation_loss_m"],
            surface=data["surface"] or (data["shoe"].default_surface if data["shoe"] else "") or self.default_surface,
            shoe=data["shoe"],
            source_format="manual",
            pain_during=data["pain_during"],
            pain_after=data["pain_after"],
        )


class ShoeForm(forms.ModelForm[Shoe]):
    start_distance_km = forms.DecimalField(
        label="Distance already on them (km)",
        min_value=0,
        max_value=10000,
        decimal_places=1,
        initial=0,
        error_messages=_number_errors("the distance in km", "120.5", "0", "10000", decimals="at most 1 decimal"),
    )
    alert_distance_km = forms.DecimalField(
        label="Remind me at (km)",
        min_value=50,
        max_value=10000,
        decimal_places=0,
        initial=700,
        error_messages=_number_errors("the reminder in whole km", "700", "50", "10000", decimals="no decimals"),
        help_text="A preference, not injury evidence: replacement mileage comes from laboratory tests of the foam.",
    )

    class Meta:
        model = Shoe
        fields = ["name", "brand", "model", "first_used", "default_surface", "is_default"]
        widgets = {"first_used": forms.DateInput(attrs={"type": "date"})}
        labels = {"is_default": "Use for new runs by default", "default_surface": "Usual surface"}
        error_messages = {
            "name": {"required": "Give the pair a name, for example 'Blue trainers'."},
            "first_used": {"invalid": "Give the date as YYYY-MM-DD."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        surface: Any = self.fields["default_surface"]
        surface.choices = SURFACE_CHOICES
        if self.instance.pk:
            self.fields["start_distance_km"].initial = round(self.instance.start_distance_m / 1000, 1)
            self.fields["alert_distance_km"].initial = round(self.instance.alert_distance_m / 1000)

    def clean_first_used(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("first_used"), "The first run in them cannot be in the future.")

    def save(self, commit: bool = True) -> Shoe:
        shoe = super().save(commit=False)
        shoe.start_distance_m = float(self.cleaned_data["start_distance_km"]) * 1000
        shoe.alert_distance_m = float(self.cleaned_data["alert_distance_km"]) * 1000
        if commit:
            shoe.save()
        return shoe


class BulkShoeForm(forms.Form):
    activities = forms.ModelMultipleChoiceField(Activity.objects.none(), label="Runs")

    def __init__(self, *args: Any, patient: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shoe"] = _shoe_field(patient, label="Put these runs on")
        activities: Any = self.fields["activities"]
        activities.queryset = Activity.objects.filter(patient=patient)


class ProfileForm(forms.ModelForm[TrainingProfile]):
    class Meta:
        model = TrainingProfile
        fields = ["default_surface", "cadence_target_pct"]
        labels = {"default_surface": "Usual surface", "cadence_target_pct": "Cadence target (% above preferred)"}
        error_messages = {
            "cadence_target_pct": {
                "invalid": "Give the target as a number from 5 to 10, or leave it empty.",
                "min_value": "Choose a target from 5 to 10%% above your preferred cadence, or leave it empty.",
                "max_value": "Choose a target from 5 to 10%% above your preferred cadence, or leave it empty.",
            }
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        surface: Any = self.fields["default_surface"]
        surface.choices = SURFACE_CHOICES


class RunFilterForm(forms.Form):
    sport = forms.ChoiceField(choices=[("", "All"), *Sport.choices], required=False)
    surface = forms.ChoiceField(choices=[("", "All"), *Surface.choices], required=False)
    date_from = forms.DateField(
        required=False,
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD."},
    )
    date_to = forms.DateField(
        required=False,
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD."},
    )

    def __init__(self, *args: Any, patient: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shoe"] = forms.ModelChoiceField(
            Shoe.objects.filter(patient=patient), required=False, empty_label="All"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date is before the start date.")
        return data
