"""Forms of the clinical record, each validated against the patient's existing record, and the care plan control."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from care import ladder
from chart import codes
from chart.models import (
    Diagnosis,
    DiagnosisKind,
    DiagnosisStatus,
    Drug,
    Imaging,
    ImagingStatus,
    Knee,
    Medication,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    Visit,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE = forms.DateInput(attrs={"type": "date"})
YES_NO = [("no", "No"), ("yes", "Yes")]


class PatientForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form that knows whose record it writes to."""

    def __init__(self, *args: Any, patient: User, **kwargs: Any) -> None:
        self.patient = patient
        super().__init__(*args, **kwargs)


class VisitForm(PatientForm):
    runners_knee = forms.MultipleChoiceField(
        choices=Knee.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Diagnose runner's knee at this visit",
        help_text="Each knee is coded separately (ICD-10-CM M22.2X1 right, M22.2X2 left, M22.2X9 not specified).",
    )

    class Meta:
        model = Visit
        fields = [
            "date", "side", "squat_pain", "step_down_pain", "sitting_pain", "patellar_tilt", "patellar_grind",
            "j_sign", "effusion", "flexion_deg", "extension_deficit_deg", "hip_abductor_strength", "foot_posture",
            "hamstring_tightness", "alignment", "note",
        ]  # fmt: skip
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 5})}
        # The same plain range message for a negative number as for one too large.
        error_messages = {
            "flexion_deg": {"min_value": "Knee flexion is measured in degrees from 0 to 170."},
            "extension_deficit_deg": {"min_value": "An extension deficit is between 0 and 90 degrees."},
            "hip_abductor_strength": {"min_value": "Use the 0 to 5 manual muscle testing grade."},
        }

    def exam_fields(self) -> list[forms.BoundField]:
        """The findings, shown as a grid; the note and the diagnosis follow them at full width."""
        return [field for field in self if field.name not in ("note", "runners_knee")]

    def clean_date(self) -> Any:
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError("A visit cannot be dated in the future.")
        return value

    def clean_runners_knee(self) -> list[str]:
        sides: list[str] = self.cleaned_data.get("runners_knee") or []
        if Knee.UNSPECIFIED in sides and len(sides) > 1:
            # M22.2X9 says the knee is not known: it cannot stand next to a coded right or left knee.
            raise forms.ValidationError('Tick the right or left knee, or "Knee not specified" on its own.')
        return sides

    def clean_flexion_deg(self) -> int | None:
        value: int | None = self.cleaned_data.get("flexion_deg")
        if value is not None and value > 170:
            raise forms.ValidationError("Knee flexion is measured in degrees from 0 to 170.")
        return value

    def clean_extension_deficit_deg(self) -> int | None:
        value: int | None = self.cleaned_data.get("extension_deficit_deg")
        if value is not None and value > 90:
            raise forms.ValidationError("An extension deficit is between 0 and 90 degrees.")
        return value

    def clean_hip_abductor_strength(self) -> int | None:
        value: int | None = self.cleaned_data.get("hip_abductor_strength")
        if value is not None and value > 5:
            raise forms.ValidationError("Use the 0 to 5 manual muscle testing grade.")
        return value


class DiagnosisForm(PatientForm):
    class Meta:
        model = Diagnosis
        fields = ["kind", "side", "icd10_code", "text", "onset", "status"]
        widgets = {"onset": DATE}
        labels = {"icd10_code": "ICD-10-CM code (other diagnoses)", "text": "Diagnosis (other diagnoses)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["icd10_code"].required = False
        self.fields["text"].required = False
        self.fields["icd10_code"].help_text = "Runner's knee is coded for you from the knee."

    def clean_onset(self) -> Any:
        value = self.cleaned_data.get("onset")
        if value and value > timezone.localdate():
            raise forms.ValidationError("The onset cannot be in the future.")
        return value

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("kind") == DiagnosisKind.OTHER:
            code = codes.normalise_icd10(data.get("icd10_code") or "")
            if not code:
                self.add_error("icd10_code", "Enter the ICD-10-CM code of the diagnosis.")
            elif not codes.is_icd10_shape(code):
                self.add_error(
                    "icd10_code",
                    f"{code} is not an ICD-10-CM code: it looks like a letter and two digits, e.g. M25.561.",
                )
            elif code.startswith(codes.RUNNERS_KNEE_PREFIX):
                # Keeps runner's knee coded per knee from the side, so the code and the knee cannot disagree.
                self.add_error(
                    "icd10_code",
                    f"{code} is runner's knee: choose \"Runner's knee\" as the kind and the code follows the knee.",
                )
            else:
                data["icd10_code"] = code
            if not (data.get("text") or "").strip():
                self.add_error("text", "Describe the diagnosis in words.")
        elif data.get("kind") == DiagnosisKind.RUNNERS_KNEE and data.get("status") == DiagnosisStatus.ACTIVE:
            duplicate = Diagnosis.objects.filter(
                patient=self.patient,
                kind=DiagnosisKind.RUNNERS_KNEE,
                side=data.get("side"),
                status=DiagnosisStatus.ACTIVE,
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error("side", "This knee already has an active runner's knee diagnosis.")
        return data


class ImagingForm(PatientForm):
    class Meta:
        model = Imaging
        fields = ["modality", "side", "status", "reason", "ordered_on", "scheduled_for", "completed_on", "findings"]
        widgets = {
            "ordered_on": DATE,
            "scheduled_for": DATE,
            "completed_on": DATE,
            "findings": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        today = timezone.localdate()
        status = data.get("status")
        ordered = data.get("ordered_on")
        if ordered and ordered > today:
            self.add_error("ordered_on", "An order cannot be dated in the future.")
        if ordered and data.get("scheduled_for") and data["scheduled_for"] < ordered:
            self.add_error("scheduled_for", "The imaging cannot be scheduled before it was ordered.")
        if status == ImagingStatus.SCHEDULED and not data.get("scheduled_for"):
            self.add_error("scheduled_for", "Give the date the imaging is scheduled for.")
        if status == ImagingStatus.COMPLETED:
            if not data.get("completed_on"):
                self.add_error("completed_on", "Give the date the imaging was done.")
            elif data["completed_on"] > today:
                self.add_error("completed_on", "Completed imaging cannot be dated in the future.")
            elif ordered and data["completed_on"] < ordered:
                self.add_error("completed_on", "The imaging cannot be done before it was ordered.")
            if not (data.get("findings") or "").strip():
                self.add_error("findings", "Write the findings of the completed imaging.")
        elif data.get("completed_on"):
            self.add_error("completed_on", "Only completed imaging has a completion date.")
        return data


class ProcedureForm(PatientForm):
    class Meta:
        model = Procedure
        fields = ["kind", "side", "status", "date", "site", "product", "outcome_note"]
        widgets = {"date": DATE, "outcome_note": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        side = data.get("side")
        if side and not Diagnosis.objects.filter(patient=self.patient, side=side).exists():
            self.add_error(
                "side",
                f"The {side} knee has no diagnosis on this record. Record a diagnosis for that knee first.",
            )
        day = data.get("date")
        if data.get("status") == ProcedureStatus.COMPLETED and day and day > timezone.localdate():
            self.add_error("date", "A completed procedure cannot be dated in the future.")
        if data.get("kind") == ProcedureKind.INJECTION:
            if not (data.get("site") or "").strip():
                self.add_error("site", "Give the injection site.")
            if not (data.get("product") or "").strip():
                self.add_error("product", "Give the product injected, as written on the label.")
        return data


class MedicationForm(PatientForm):
    class Meta:
        model = Medication
        fields = ["drug", "other_name", "started_on", "stopped_on", "note"]
        widgets = {"started_on": DATE, "stopped_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recorded: dict[str, object] = self.instance.cautions if self.instance.pk else {}
        for key, label in codes.NSAID_CAUTIONS:
            answer = recorded.get(key, codes.NOT_ASKED)
            field = forms.ChoiceField(
                choices=YES_NO,
                widget=forms.RadioSelect,
                label=label,
                # An item not asked at the time starts with no answer, so saving needs a real one.
                initial=("yes" if answer else "no") if isinstance(answer, bool) else None,
                error_messages={"required": _("Answer yes or no.")},
            )
            if self.instance.pk and answer is codes.NOT_ASKED:
                field.help_text = _("Not asked when this statement was recorded: ask now.")
            self.fields[f"caution_{key}"] = field

    def caution_fields(self) -> list[forms.BoundField]:
        return [self[f"caution_{key}"] for key, _label in codes.NSAID_CAUTIONS]

    def earlier_answers(self) -> list[tuple[StrOrPromise, bool]]:
        """Answers this statement holds to items only an earlier checklist asked, shown beside today's items."""
        recorded = self.instance.cautions if self.instance.pk else {}
        return [
            (label, recorded[key])
            for key, label in codes.RETIRED_NSAID_CAUTIONS.items()
            if isinstance(recorded.get(key), bool)
        ]

    def plain_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("drug") == Drug.OTHER and not (data.get("other_name") or "").strip():
            self.add_error("other_name", "Name the other NSAID.")
        start, stop = data.get("started_on"), data.get("stopped_on")
        if start and start > timezone.localdate():
            self.add_error("started_on", "Record medicines already started; the start cannot be in the future.")
        if start and stop and stop < start:
            self.add_error("stopped_on", "The stop date is before the start date.")
        if data.get("drug") == Drug.ASPIRIN and data.get("caution_under_18") == "yes":
            self.add_error("drug", _("Aspirin is not for children and teenagers under 18 (Reye's syndrome)."))
        return data

    def save(self, commit: bool = True) -> Medication:
        medication: Medication = super().save(commit=False)
        answers = {key: self.cleaned_data[f"caution_{key}"] == "yes" for key, _label in codes.NSAID_CAUTIONS}
        # Answers to items an earlier checklist asked stay on the statement they were given for.
        earlier = {key: value for key, value in medication.cautions.items() if key in codes.RETIRED_NSAID_CAUTIONS}
        medication.cautions = {**earlier, **answers}
        if commit:
            medication.save()
        return medication


class EmergencyAccessForm(forms.Form):
    """Break-the-glass: which patient, and why. The reason is kept with the access and shown to the patient."""

    patient = forms.EmailField(
        label=_("The patient's email address"),
        help_text=_("Exactly as in their record."),
        error_messages={"required": _("Give the patient's email address."), "invalid": _("Give an email address.")},
    )
    reason = forms.CharField(
        label=_("Why you need the record now"),
        help_text=_("The patient will see this reason. Write it so that they and the practice understand it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=1000,
        error_messages={
            "required": _("Give the reason for the emergency access."),
            "min_length": _("Give the reason in a few words (10 characters or more)."),
        },
    )

    def clean_patient(self) -> User:
        email = self.cleaned_data["patient"].strip().lower()
        patient = User.objects.filter(email=email, role="patient", is_active=True).first()
        if patient is None:
            raise forms.ValidationError(_("No patient has that email address."))
        return patient


def ladder_steps() -> list[tuple[int, str]]:
    """The steps of the care ladder as choices: care.ladder decides which steps exist, never the chart."""
    return [(item.number, gettext("Step %(number)d") % {"number": item.number}) for item in ladder.STEPS]


def unknown_step_message() -> str:
    first, last = min(ladder.STEP_NUMBERS), max(ladder.STEP_NUMBERS)
    return gettext("Choose a step from %(first)d to %(last)d.") % {"first": first, "last": last}


class PlanForm(forms.Form):
    """A form of the chart's care plan control: a step of the ladder and its words, posted with an action.

    The form checks the input; care.services then applies the ladder's rules and says why when one
    refuses (a plan already active, the plan already at that step). Subclasses declare `step`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The labels are the chart's own words, without Django's colon; ids as the chart always had them
        # (plan-reason, plan-goals). Each step select names its own id: plan-step is the current step's badge.
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "plan-%s")
        super().__init__(*args, **kwargs)
        field = self.fields["step"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = ladder_steps()
        # Built per form, not at import, so that the message is in the language of the request.
        field.error_messages.update(required=unknown_step_message(), invalid_choice=unknown_step_message())

    def error_text(self) -> str:
        """Every error of the form in one line, for the chart's message after the redirect."""
        return " ".join(str(message) for errors in self.errors.values() for message in errors)


class PlanStartForm(PlanForm):
    """Start the patient's plan at any step: a clinician of the care team may start every step."""

    step = forms.TypedChoiceField(
        label=_("Start at step"), coerce=int, widget=forms.Select(attrs={"id": "plan-start-step"})
    )
    goals = forms.CharField(
        label=_("Goals (optional)"),
        required=False,
        max_length=2000,
        error_messages={
            "max_length": _("Please keep the goals to %(limit_value)d characters (you wrote %(show_value)d).")
        },
    )


class PlanStepForm(PlanForm):
    """Move the plan up or down the ladder, with the reason kept in the plan's history."""

    step = forms.TypedChoiceField(
        label=_("Move to step"), coerce=int, widget=forms.Select(attrs={"id": "plan-new-step"})
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        error_messages={
            "required": _("Say why the step changes: it is kept in the plan's history."),
            "max_length": _("Please keep the reason to %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )

    def __init__(self, *args: Any, current_step: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["step"].widget
        assert isinstance(widget, forms.Select)
        # The list offers the other steps only. The current one still validates, so that a page left open
        # while a colleague moved the plan gets care.services' "already at step N", not "no such step".
        widget.choices = [(number, label) for number, label in ladder_steps() if number != current_step]
