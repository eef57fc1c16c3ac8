"""The signed-in patient's care plan, pain diary and daily tasks under /api/v1/me/.

Session authentication; POSTs need the CSRF token. Bad input gives 422 with one
message per field: {"detail": [{"loc": ["body", field], "msg": "...", "type": "..."}]}
(common.api_errors); a second plan is a 409.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import ConfigDict, JsonValue, Strict

from accounts.access import Capability, own_record, requires
from accounts.audit import Actor
from care import ladder, services
from care.models import DiaryEntry, PainfulActivity, PlanStatus, Side, TaskStatus
from care.services.diary import recent_entries
from care.services.plans import step_history
from care.services.today import todays_tasks
from common.api_errors import errors, invalid
from common.api_schema import IsoDate, Whole, WholeNumber

router = Router(tags=["care"], auth=django_auth)

# The models' choices, read from JSON strings (the input schemas are strict otherwise).
SideIn = Annotated[Side, Strict(False)]
ActivityIn = Annotated[PainfulActivity, Strict(False)]
TaskStatusIn = Annotated[TaskStatus, Strict(False)]
Pain = Annotated[int, Field(ge=0, le=10), WholeNumber]


class StepChangeOut(Schema):
    from_step: int | None
    to_step: int
    at: str
    by: str
    reason: str


class ProgramItemOut(Schema):
    exercise: str
    name: str
    sets: int
    reps: int
    hold_s: int = Field(description="Hold time in seconds")
    notes: str


class PlanOut(Schema):
    step: int
    step_title: str
    started_on: Date
    step_started_on: Date
    goals: str
    status: PlanStatus
    ladder_version: str
    light: str = Field(description="green, amber, red or none: the worse knee's light today")
    light_advice: str = Field(
        description="What to do, beginning with the knee it is for (a warning sign's advice "
        "begins with when to act instead)"
    )
    light_reasons: list[str] = Field(description="Why the light has its colour: plain sentences naming the knee")
    light_knee: str = Field(description="left, right or both: the knee the light is for; empty without a check-in")
    light_level: str | None = Field(
        description="urgent or emergency when a warning sign was answered today (the self-check's levels), else null"
    )
    history: list[StepChangeOut]
    program: list[ProgramItemOut]


class PlanIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    step: Whole = Field(1, ge=1, le=2, description="Patients start at step 1 or 2; later steps are the clinician's")
    goals: str = Field("", max_length=2000)
    self_check: Annotated[int, Field(ge=1), WholeNumber] | None = Field(
        None, description="Id of the patient's own self_care self-check result"
    )


class DiaryIn(Schema):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "date": "2025-03-31",
                    "side": "right",
                    "pain_now": 3,
                    "pain_worst": 6,
                    "pain_after_activity": 5,
                    "painful_activities": ["stairs_down", "running"],
                    "nsaid_taken": True,
                }
            ]
        },
    )

    date: IsoDate = Field(description="Not in the future nor before the plan started")
    side: SideIn = Field(description="The knee: left, right or both")
    pain_now: Pain = Field(description="0 (no pain) to 10 (worst pain imaginable)")
    pain_worst: Pain | None = None
    pain_during_activity: Pain | None = None
    pain_after_activity: Pain | None = None
    morning_pain: Pain | None = None
    morning_stiffness: Pain | None = None
    painful_activities: list[ActivityIn] = Field(
        default_factory=list, description="Any of the listed activities; a repeat counts once"
    )
    swelling: bool = False
    giving_way: bool = False
    nsaid_taken: bool = False
    locking: bool = False
    large_swelling: bool = False
    repeated_giving_way: bool = False
    calf_swelling_or_pain: bool = False
    chest_pain_or_breathless: bool = False
    hot_swollen_no_fever: bool = False
    hot_red_swollen_fever: bool = False
    cannot_bear_weight: bool = False
    cannot_straighten_or_lift_leg: bool = False


class DiaryOut(Schema):
    id: int
    date: Date
    side: Side
    pain_now: Pain
    pain_worst: Pain | None
    pain_during_activity: Pain | None
    pain_after_activity: Pain | None
    morning_pain: Pain | None
    morning_stiffness: Pain | None
    painful_activities: list[PainfulActivity]
    swelling: bool
    giving_way: bool
    nsaid_taken: bool
    locking: bool
    large_swelling: bool
    repeated_giving_way: bool
    calf_swelling_or_pain: bool
    chest_pain_or_breathless: bool
    hot_swollen_no_fever: bool
    hot_red_swollen_fever: bool
    cannot_bear_weight: bool
    cannot_straighten_or_lift_leg: bool
    revisions: int = Field(description="How many times the entry was edited")


TASK_CODES: list[JsonValue] = [*services.task_codes()]


class TaskOut(Schema):
    code: str = Field(json_schema_extra={"enum": TASK_CODES})
    title: str
    detail: str
    kind: str
    status: TaskStatus | None = Field(description="done, skipped or null when not logged today")
    reason: str


class TasksOut(Schema):
    date: Date
    adherence_percent: int | None = Field(description="Share of the last 7 days' tasks done, 0-100")
    tasks: list[TaskOut]


class TaskIn(Schema):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        # A skipped task needs a reason: the service says so in a 422, the document says so here.
        json_schema_extra={
            "if": {"properties": {"status": {"const": TaskStatus.SKIPPED.value}}, "required": ["status"]},
            "then": {"properties": {"reason": {"pattern": "\\S"}}, "required": ["reason"]},
            "examples": [{"task": "ice", "status": "done"}, {"task": "load", "status": "skipped", "reason": "No time"}],
        },
    )

    task: str = Field(json_schema_extra={"enum": TASK_CODES}, description="A task code of today's list")
    status: TaskStatusIn = Field(description="done or skipped")
    reason: str = Field("", description="Why it was skipped (needed to skip)")


def _invalid(error: services.CareError) -> Exception:
    if isinstance(error, services.CareConflict):
        return HttpError(409, " ".join(error.errors.values()))
    return invalid(error.errors)


def _plan_out(patient: Any, plan: Any) -> dict[str, Any]:
    light = services.traffic_light(patient, timezone.localdate())
    return {
        "step": plan.step,
        "step_title": ladder.step(plan.step).title,
        "started_on": plan.started_on,
        "step_started_on": plan.step_started_on,
        "goals": plan.goals,
        "status": plan.status,
        "ladder_version": plan.ladder_version,
        "light": light.colour.value,
        "light_advice": light.advice,
        "light_reasons": list(light.reasons),
        "light_knee": light.knee,
        "light_level": light.level.code if light.level is not None else None,
        "history": [
            {
                "from_step": c.from_step,
                "to_step": c.to_step,
                "at": c.at.isoformat(),
                "by": c.actor.display_name if c.actor else "",
                "reason": c.reason,
            }
            for c in step_history(plan)
        ],
        "program": [
            {
                "exercise": row.exercise.code,
                "name": row.exercise.name,
                "sets": row.item.sets,
                "reps": row.item.reps,
                "hold_s": row.item.hold_s,
                "notes": row.item.notes,
            }
            for row in services.program_for(patient)
        ],
    }


@router.get("/me/plan", response={200: PlanOut, **errors(401, 403, 404)}, summary="My active care plan")
@requires(Capability.OWN_RECORD)
def my_plan(request: HttpRequest) -> Status[dict[str, Any]]:
    patient = own_record(request)
    plan = services.active_plan(patient)
    if plan is None:
        return Status(404, {"detail": "You have no active care plan."})
    return Status(200, _plan_out(patient, plan))


@router.post(
    "/me/plan",
    response={201: PlanOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Start my care plan (step 1 or 2); 409 when one is active already",
)
@requires(Capability.OWN_RECORD)
def start_my_plan(request: HttpRequest, payload: PlanIn) -> Status[dict[str, Any]]:
    patient = own_record(request)
    try:
        plan = services.start_plan(
            patient, Actor.of(request), step=payload.step, goals=payload.goals, self_check_id=payload.self_check
        )
    except services.CareError as error:
        raise _invalid(error) from None
    return Status(201, _plan_out(patient, plan))


def _diary_out(entry: DiaryEntry) -> dict[str, Any]:
    values = services.entry_values(entry)
    values["date"] = entry.date
    values["id"] = entry.pk
    values["revisions"] = len(entry.revisions.all())
    return values


@router.get(
    "/me/diary",
    response={200: list[DiaryOut], **errors(401, 403, 404)},
    summary="My pain diary, newest first (last 90 days)",
)
@requires(Capability.OWN_RECORD)
def my_diary(request: HttpRequest) -> list[dict[str, Any]]:
    patient = own_record(request)
    return [_diary_out(e) for e in recent_entries(patient)]


@router.post(
    "/me/diary",
    response={200: DiaryOut, 201: DiaryOut, **errors(400, 401, 403, 404, 422)},
    summary="Check in (201) or edit the day's entry for that knee (200, the old values are kept)",
)
@requires(Capability.OWN_RECORD)
def add_diary_entry(request: HttpRequest, payload: DiaryIn) -> Status[dict[str, Any]]:
    patient = own_record(request)
    try:
        entry, created = services.save_diary_entry(patient, Actor.of(request), payload.model_dump(mode="json"))
    except services.CareError as error:
        raise _invalid(error) from None
    return Status(201 if created else 200, _diary_out(entry))


def _tasks(patient: Any) -> Status[dict[str, Any]]:
    plan = services.active_plan(patient)
    if plan is None:
        return Status(404, {"detail": "You have no active care plan."})
    tasks = todays_tasks(patient, plan)
    body = {
        "date": tasks.day,
        "adherence_percent": tasks.adherence(),
        "tasks": [
            {
                "code": r.code,
                "title": r.title,
                "detail": r.detail,
                "kind": r.kind,
                "status": r.log.status if r.log else None,
                "reason": r.log.reason if r.log else "",
            }
            for r in tasks.rows
        ],
    }
    return Status(200, body)


@router.get(
    "/me/tasks", response={200: TasksOut, **errors(401, 403, 404)}, summary="Today's tasks and weekly adherence"
)
@requires(Capability.OWN_RECORD)
def my_tasks(request: HttpRequest) -> Status[dict[str, Any]]:
    return _tasks(own_record(request))


@router.post(
    "/me/tasks",
    response={200: TasksOut, **errors(400, 401, 403, 404, 422)},
    summary="Mark a task done or skipped today",
)
@requires(Capability.OWN_RECORD)
def log_my_task(request: HttpRequest, payload: TaskIn) -> Status[dict[str, Any]]:
    patient = own_record(request)
    plan = services.active_plan(patient)
    if plan is None:
        return Status(404, {"detail": "You have no active care plan."})
    try:
        services.log_task(
            patient,
            plan,
            timezone.localdate(),
            payload.task,
            payload.status.value,
            payload.reason,
            actor=Actor.of(request),
        )
    except services.CareError as error:
        raise _invalid(error) from None
    return _tasks(patient)
