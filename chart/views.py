"""The clinician workspace: roster, chart, record forms. Every view asks accounts.access first."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import (
    Capability,
    acting_user,
    active_emergency_access,
    can_access,
    emergency_hours,
    has_capability,
    open_emergency_access,
    patient_for,
    requires,
    sees_clinical,
)
from accounts.audit import Actor
from accounts.models import Role, User
from care.pain_monitoring import Colour, Light
from chart import care_control, roster, services, timeline
from chart.flags import KINDS
from chart.forms import (
    DiagnosisForm,
    EmergencyAccessForm,
    ImagingForm,
    MedicationForm,
    PatientForm,
    ProcedureForm,
    VisitForm,
)
from chart.models import Diagnosis, Imaging, Medication, Procedure, Visit
from practice.hours import format_time
from practice.queries import current_practice, upcoming_any_status

#: URL segment -> (form, model, title).
RECORDS: dict[str, tuple[type[PatientForm], type[Visit | Diagnosis | Imaging | Procedure | Medication], str]] = {
    "visits": (VisitForm, Visit, "visit"),
    "diagnoses": (DiagnosisForm, Diagnosis, "diagnosis"),
    "imaging": (ImagingForm, Imaging, "imaging"),
    "procedures": (ProcedureForm, Procedure, "procedure"),
    "medications": (MedicationForm, Medication, "NSAID statement"),
}


def writer_for(request: HttpRequest, pk: int, action: str) -> tuple[User, Actor]:
    """The patient and the person writing to their chart (care team, or emergency access); else 404, audited."""
    patient = patient_for(request, pk, capability=Capability.RECORD_WRITE, action=action)
    return patient, Actor.of(request)


@requires(Capability.RECORD_CLINICAL)
def roster_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    practice = current_practice()
    tz = practice.tz if practice else timezone.get_current_timezone()
    query = request.GET.get("q", "").strip()
    flag = request.GET.get("flag", "")
    order = request.GET.get("sort", "urgency")
    rows = roster.for_viewer(Actor.of(request), query=query, flag=flag, order=order, tz=tz)
    # Reversing two URLs and formatting two dates per row in the template dominates a long roster:
    # build the links from one reversed prefix and format the times in Python.
    chart_prefix = reverse("chart:patient", args=[0]).removesuffix("0/")
    lines = [
        {
            "row": row,
            "chart_url": f"{chart_prefix}{row.patient.pk}/",
            "review_url": f"{chart_prefix}{row.patient.pk}/review/",
            "next_text": _local(row.next_appointment, tz, "%a %b %d, ") if row.next_appointment else "",
            "reviewed_text": _local(row.reviewed_at, tz, "%b %d, ") if row.reviewed_at else "",
            "name": row.patient.display_name,
            "urgency": row.urgency,
            # The light's words are properties that translate on each read: read them once per row.
            "light": _light_cell(row.light),
        }
        for row in rows
    ]
    return render(
        request,
        "chart/roster.html",
        {
            "lines": lines,
            "rows": rows,
            "kinds": KINDS,
            "flag": flag,
            "q": query,
            "sort": order,
            "filtered": bool(query) or flag in KINDS,
            "is_clinician": user.role == Role.CLINICIAN,
        },
    )


def _light_cell(light: Light | None) -> dict[str, Any] | None:
    """The roster's pain-light cell: None without a check-in today."""
    if light is None or light.colour == Colour.NONE:
        return None
    return {"colour": light.colour.value, "label": light.label, "knee": light.knee_name, "reasons": light.reasons}


def _local(moment: datetime, tz: tzinfo, fmt: str) -> str:
    local = moment.astimezone(tz)
    # "Dec 4", not "Dec 04", as on every other page.
    return local.strftime(fmt.replace("%d", str(local.day))) + format_time(local)


@requires(Capability.RECORD_DEMOGRAPHICS, patient_kwarg="pk")
def chart_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The chart: the whole record for whoever may read it clinically, the front-desk view for the rest."""
    viewer = acting_user(request)
    patient = patient_for(request, pk, capability=Capability.RECORD_DEMOGRAPHICS, action="chart.viewed")
    practice = current_practice()
    tz = practice.tz if practice else timezone.get_current_timezone()
    now = timezone.now()
    appointments = upcoming_any_status(patient, now)
    has_roster = has_capability(viewer, Capability.RECORD_CLINICAL)
    emergency = active_emergency_access(viewer, patient, now)
    if not sees_clinical(request, patient):
        return render(
            request,
            "chart/front_desk.html",
            {
                "patient": patient,
                "appointments": appointments,
                "has_roster": has_roster,
                "can_open_emergency": has_capability(viewer, Capability.EMERGENCY_ACCESS),
            },
        )
    row = roster.build([patient], now, tz)[0]
    context = {
        "patient": patient,
        "flags": row.flags,
        "light": row.light,
        "diagnoses": Diagnosis.objects.filter(patient=patient).select_related("recorded_by"),
        "visits": Visit.objects.filter(patient=patient).select_related("clinician")[:20],
        "imaging": Imaging.objects.filter(patient=patient)[:20],
        "procedures": Procedure.objects.filter(patient=patient).select_related("clinician")[:20],
        "medications": Medication.objects.filter(patient=patient)[:20],
        "appointments": appointments,
        "timeline": timeline.build(patient, tz, now)[:80],
        "charts": timeline.figures(patient, tz, now),
        "care": care_control.summary(patient),
        "can_write": can_access(viewer, patient, Capability.RECORD_WRITE),
        "has_roster": has_roster,
        "emergency": emergency,
        "tz": tz,
    }
    return render(request, "chart/chart.html", context)


@requires(Capability.EMERGENCY_ACCESS)
def emergency_access(request: HttpRequest) -> HttpResponse:
    """Break-the-glass: open a record outside one's care team with a written reason, for a few hours."""
    form = EmergencyAccessForm(request.POST or None, initial={"patient": request.GET.get("patient", "")})
    if request.method == "POST" and form.is_valid():
        patient = form.cleaned_data["patient"]
        try:
            grant = open_emergency_access(request, patient, form.cleaned_data["reason"])
        except ValueError as error:
            form.add_error("reason", str(error))
        else:
            until = _local(grant.expires_at, _tz(), "%b %d, ")
            messages.warning(
                request,
                _("Emergency access to %(name)s is open until %(until)s. It is recorded with your reason.")
                % {"name": patient.display_name, "until": until},
            )
            return redirect("chart:patient", pk=patient.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "chart/emergency_access.html", {"form": form, "hours": emergency_hours()}, status=status)


def _tz() -> tzinfo:
    practice = current_practice()
    return practice.tz if practice else timezone.get_current_timezone()


@requires(Capability.RECORD_WRITE, patient_kwarg="pk")
def record_form(request: HttpRequest, pk: int, kind: str, obj_id: int | None = None) -> HttpResponse:
    if kind not in RECORDS:
        raise Http404("No such record")
    patient, actor = writer_for(request, pk, action="chart.record.opened")
    form_class, model_class, title = RECORDS[kind]
    instance = get_object_or_404(model_class, pk=obj_id, patient=patient) if obj_id else None
    if request.method == "POST":
        form = form_class(request.POST, instance=instance, patient=patient)
        if form.is_valid():
            services.save_record(actor, form, patient)
            messages.success(request, f"The {title} was saved.")
            return redirect("chart:patient", pk=patient.pk)
        status = 400
    else:
        form = form_class(instance=instance, patient=patient)
        status = 200
    return render(
        request,
        "chart/record_form.html",
        {"form": form, "patient": patient, "title": title, "kind": kind, "instance": instance},
        status=status,
    )


@require_POST
@requires(Capability.RECORD_WRITE, patient_kwarg="pk")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    patient, actor = writer_for(request, pk, action="chart.review.opened")
    services.mark_reviewed(actor, patient)
    messages.success(request, f"{patient.display_name} marked reviewed; earlier flags are cleared.")
    if request.POST.get("next") == "roster":
        return redirect("chart:roster")
    return redirect("chart:patient", pk=pk)


@require_POST
@requires(Capability.RECORD_WRITE, patient_kwarg="pk")
def plan_action(request: HttpRequest, pk: int) -> HttpResponse:
    patient, actor = writer_for(request, pk, action="care.plan.opened")
    error = care_control.act(actor, patient, request.POST)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "The care plan was updated.")
    return redirect("chart:patient", pk=patient.pk)
