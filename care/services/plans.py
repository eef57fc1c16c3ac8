"""Starting a plan, stepping up or down the ladder, and the exercise program."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import Role, User
from assessments.queries import self_check_outcome
from assessments.questions import Level
from care import exercises, ladder
from care.models import (
    CarePlan,
    PlanStatus,
    ProgramItem,
    StepChange,
)
from care.services.common import (
    CareConflict,
    CareError,
    active_plan,
    in_care_team,
    starter_for,
)

ACTIVE_PLAN_EXISTS = {"plan": "There is already an active care plan. Change its step instead."}


def check_self_check(patient: User, self_check_id: int) -> None:
    """The self-check must be the patient's own and have sent them to self-care."""
    outcome = self_check_outcome(patient, self_check_id)
    if outcome is None:
        raise CareError({"self_check": "We could not find that self-check result in your record."})
    if outcome != Level.SELF_CARE.code:
        raise CareError(
            {"self_check": "That self-check advised you to see a clinician, so self-care is not the right start."}
        )


def start_plan(
    patient: User,
    actor: Actor,
    *,
    step: int = 1,
    goals: str = "",
    self_check_id: int | None = None,
    today: date | None = None,
) -> CarePlan:
    """Start PATIENT's plan at STEP. Patients may start steps 1-2; clinicians of the care team any step."""
    today = today or timezone.localdate()
    if active_plan(patient) is not None:
        # Checked first: whatever else the request says, a second plan is not what the patient needs.
        raise CareConflict(ACTIVE_PLAN_EXISTS)
    starter = starter_for(actor.user, patient)
    if not ladder.may_change(starter, None, step):
        raise CareError({"step": f"Step {step} can only be started by a clinician of your care team."})
    if self_check_id is not None:
        check_self_check(patient, self_check_id)
    if len(goals) > 2000:
        raise CareError({"goals": "Please keep your goals under 2000 characters."})
    try:
        with transaction.atomic():
            plan = CarePlan.objects.create(
                patient=patient,
                step=step,
                started_on=today,
                step_started_on=today,
                goals=goals.strip(),
                ladder_version=ladder.LADDER_VERSION,
                self_check_id=self_check_id,
            )
            why = "Started from a self-care self-check result." if self_check_id else "Plan started."
            StepChange.objects.create(plan=plan, from_step=None, to_step=step, actor=actor.user, reason=why)
            if step >= 2:
                ensure_program(patient, actor.user)
            audit(
                actor,
                "care.plan.started",
                patient=patient,
                obj=plan,
                changes={"step": step, "self_check": self_check_id},
            )
    except IntegrityError:
        raise CareConflict(ACTIVE_PLAN_EXISTS) from None
    return plan


def step_history(plan: CarePlan) -> list[StepChange]:
    """PLAN's last 50 moves on the ladder, newest first, with who made them (one query)."""
    return list(plan.step_changes.select_related("actor")[:50])


def change_step(plan: CarePlan, new_step: int, actor: Actor, reason: str) -> StepChange:
    """Move PLAN to NEW_STEP. Steps 3 and 4 only by a clinician of the care team; a reason is required."""
    starter = starter_for(actor.user, plan.patient)
    errors: dict[str, str] = {}
    if plan.status != PlanStatus.ACTIVE:
        errors["plan"] = "This plan is closed."
    if new_step not in ladder.STEP_NUMBERS:
        errors["step"] = "Choose a step from 1 to 4."
    elif new_step == plan.step:
        errors["step"] = f"The plan is already at step {new_step}."
    elif not ladder.may_change(starter, plan.step, new_step):
        errors["step"] = "Only a clinician of the care team can make this step change."
    if not reason.strip():
        errors["reason"] = "Say why the step changes: it is kept in the plan's history."
    if errors:
        raise CareError(errors)
    old = plan.step
    with transaction.atomic():
        plan.step = new_step
        plan.step_started_on = timezone.localdate()
        plan.save(update_fields=["step", "step_started_on"])
        change = StepChange.objects.create(plan=plan, from_step=old, to_step=new_step, actor=actor.user, reason=reason)
        if new_step >= 2:
            ensure_program(plan.patient, actor.user)
        verb = "stepped_up" if new_step > old else "stepped_down"
        audit(
            actor,
            f"care.plan.{verb}",
            patient=plan.patient,
            obj=plan,
            changes={"step": [old, new_step], "reason": reason},
        )
    return change


def ensure_program(patient: User, actor: User | None) -> None:
    """Give PATIENT the default program if they have none yet."""
    if ProgramItem.objects.filter(patient=patient).exists():
        return
    ProgramItem.objects.bulk_create(
        [
            ProgramItem(
                patient=patient,
                exercise_code=code,
                sets=exercises.BY_CODE[code].sets,
                reps=exercises.BY_CODE[code].reps,
                hold_s=exercises.BY_CODE[code].hold_s,
                position=i,
                added_by=actor,
            )
            for i, code in enumerate(exercises.DEFAULT_PROGRAM)
        ]
    )


@dataclass(frozen=True)
class ProgramRow:
    item: ProgramItem
    exercise: exercises.Exercise

    @property
    def dosage(self) -> str:
        return exercises.dosage_text(self.item.sets, self.item.reps, self.item.hold_s)


def program_for(patient: User) -> list[ProgramRow]:
    return [
        ProgramRow(item, exercises.BY_CODE[item.exercise_code])
        for item in ProgramItem.objects.filter(patient=patient)
        if item.exercise_code in exercises.BY_CODE
    ]


def _dose(change: Mapping[str, Any], name: str, low: int, high: int, default: int, errors: dict[str, str]) -> int:
    value: object = change.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[name] = f"{name.replace('_s', '').capitalize()} must be a whole number from {low} to {high}."
        return default
    return value


def tailor_program(patient: User, actor: Actor, changes: Iterable[Mapping[str, Any]]) -> list[ProgramRow]:
    """Add, remove or re-dose exercises in PATIENT's program. Clinicians of the care team only.

    Each change: {"action": "add"|"remove"|"update", "exercise": code, "sets", "reps", "hold_s", "notes"}.
    All changes apply together or none do.
    """
    clinician = actor.user
    if clinician is None or clinician.role != Role.CLINICIAN or not in_care_team(clinician, patient):
        raise CareError({"actor": "Only a clinician of the patient's care team can change the program."})
    with transaction.atomic():
        existing = {i.exercise_code: i for i in ProgramItem.objects.select_for_update().filter(patient=patient)}
        position = max((i.position for i in existing.values()), default=-1) + 1
        log: list[dict[str, Any]] = []
        for change in changes:
            errors: dict[str, str] = {}
            code = str(change.get("exercise", ""))
            action = change.get("action")
            base = exercises.BY_CODE.get(code)
            if base is None:
                raise CareError({"exercise": f"There is no exercise called {code!r} in the library."})
            if action == "remove":
                if code not in existing:
                    raise CareError({"exercise": f"{base.name} is not in the program."})
                existing.pop(code).delete()
                log.append({"remove": code})
                continue
            if action not in ("add", "update"):
                raise CareError({"action": "Choose add, remove or update."})
            current = existing.get(code)
            if action == "add" and current is not None:
                raise CareError({"exercise": f"{base.name} is already in the program."})
            if action == "update" and current is None:
                raise CareError({"exercise": f"{base.name} is not in the program."})
            sets = _dose(change, "sets", 1, 10, current.sets if current else base.sets, errors)
            reps = _dose(change, "reps", 1, 50, current.reps if current else base.reps, errors)
            hold = _dose(change, "hold_s", 0, 120, current.hold_s if current else base.hold_s, errors)
            notes = str(change.get("notes", current.notes if current else ""))[:200]
            if errors:
                raise CareError(errors)
            if current is None:
                existing[code] = ProgramItem.objects.create(
                    patient=patient,
                    exercise_code=code,
                    sets=sets,
                    reps=reps,
                    hold_s=hold,
                    notes=notes,
                    position=position,
                    added_by=clinician,
                )
                position += 1
            else:
                current.sets, current.reps, current.hold_s, current.notes = sets, reps, hold, notes
                current.added_by = clinician
                current.updated_at = timezone.now()
                current.save()
            log.append({str(action): code, "sets": sets, "reps": reps, "hold_s": hold})
        audit(actor, "care.program.tailored", patient=patient, changes={"changes": log})
    return program_for(patient)
