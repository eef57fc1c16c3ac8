"""Writes to the clinical record: one transaction and one audit entry per changed row."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import User
from chart.forms import PatientForm, VisitForm
from chart.models import Diagnosis, DiagnosisKind, DiagnosisStatus, Review, Visit

#: Which field holds the clinician who wrote the row.
AUTHOR_FIELD = {
    "visit": "clinician",
    "diagnosis": "recorded_by",
    "imaging": "ordered_by",
    "procedure": "clinician",
    "medication": "recorded_by",
}


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def save_record(actor: Actor, form: PatientForm, patient: User) -> Model:
    """Save a valid record form for PATIENT by ACTOR, a clinician, and audit it (``chart.<kind>.created|updated``)."""
    clinician = actor.person()
    instance = form.instance
    kind = instance._meta.model_name or "record"
    creating = instance.pk is None
    before = {name: _plain(form.initial.get(name)) for name in form.changed_data}
    with transaction.atomic():
        obj: Model = form.save(commit=False)
        obj.patient = patient  # type: ignore[attr-defined]
        if creating:
            setattr(obj, AUTHOR_FIELD[kind], clinician)
        obj.save()
        fields = [name for name in form.changed_data if name in (form._meta.fields or ())]
        if creating:
            changes = {name: _plain(form.cleaned_data.get(name)) for name in fields}
        else:
            changes = {name: [before.get(name), _plain(form.cleaned_data.get(name))] for name in fields}
        if hasattr(obj, "cautions"):
            changes["cautions"] = obj.cautions
        audit(actor, f"chart.{kind}.{'created' if creating else 'updated'}", patient=patient, obj=obj, changes=changes)
        if isinstance(form, VisitForm) and isinstance(obj, Visit):
            for side in form.cleaned_data.get("runners_knee") or []:
                diagnose_runners_knee(actor, patient, side, visit=obj)
    return obj


def diagnose_runners_knee(actor: Actor, patient: User, side: str, *, visit: Visit | None = None) -> Diagnosis:
    """Code runner's knee on SIDE, keeping the existing active diagnosis of that knee if there is one."""
    existing = Diagnosis.objects.filter(
        patient=patient, kind=DiagnosisKind.RUNNERS_KNEE, side=side, status=DiagnosisStatus.ACTIVE
    ).first()
    if existing is not None:
        return existing
    diagnosis = Diagnosis.objects.create(
        patient=patient,
        visit=visit,
        kind=DiagnosisKind.RUNNERS_KNEE,
        side=side,
        onset=visit.date if visit else None,
        recorded_by=actor.person(),
    )
    audit(
        actor,
        "chart.diagnosis.created",
        patient=patient,
        obj=diagnosis,
        changes={"icd10_code": diagnosis.icd10_code, "side": side, "snomed_code": diagnosis.snomed_code},
    )
    return diagnosis


def mark_reviewed(actor: Actor, patient: User) -> Review:
    """Clear the roster flags raised before now for PATIENT."""
    review = Review.objects.create(patient=patient, reviewed_by=actor.person(), reviewed_at=timezone.now())
    audit(actor, "chart.patient.reviewed", patient=patient, obj=review)
    return review
