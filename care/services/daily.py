"""Today's checklist, task logs, ice sessions and weekly adherence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import User
from care import exercises, ladder
from care.models import (
    CarePlan,
    IceSession,
    TaskLog,
    TaskStatus,
)
from care.services.common import (
    CareError,
    active_plan,
    ice_limits,
)
from care.services.plans import ProgramRow


@dataclass
class ChecklistRow:
    code: str
    title: str
    detail: str
    kind: str
    log: TaskLog | None = None
    program: ProgramRow | None = None


def exercise_code(code: str) -> str:
    return f"ex:{code}"


def checklist(
    plan: CarePlan, program: list[ProgramRow], logs: Mapping[str, TaskLog], today: date
) -> list[ChecklistRow]:
    """Rows to tick today: the step's tasks, with one row per exercise in place of the program task."""
    rows: list[ChecklistRow] = []
    for task in due_tasks(plan, today):
        if task.kind is ladder.TaskKind.CHECK_IN:
            continue  # the check-in form is its own card
        if task.kind is ladder.TaskKind.EXERCISES:
            for row in program:
                code = exercise_code(row.exercise.code)
                rows.append(ChecklistRow(code, row.exercise.name, row.dosage, "exercise", logs.get(code), program=row))
            continue
        rows.append(ChecklistRow(task.code, task.title, task.detail, task.kind.value, logs.get(task.code)))
    return rows


def task_codes() -> list[str]:
    """Every code a task log may carry: the ladder's tasks and one per exercise, sorted."""
    codes = {t.code for s in ladder.STEPS for t in s.tasks} | {exercise_code(c) for c in exercises.BY_CODE}
    return sorted(codes)


def log_task(
    patient: User,
    plan: CarePlan,
    day: date,
    code: str,
    status: str,
    reason: str = "",
    *,
    actor: Actor,
    today: date | None = None,
) -> TaskLog:
    """Mark a task done or skipped on DAY (a reason is needed to skip). Logging again replaces it."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if code not in task_codes():
        errors["task"] = "That is not one of your tasks."
    if status not in TaskStatus.values:
        errors["status"] = "Mark the task done or skipped."
    if status == TaskStatus.SKIPPED and not reason.strip():
        errors["reason"] = "Say briefly why you skipped it, for example 'knee too sore' or 'no time'."
    if day > today:
        errors["date"] = "You cannot log a task for a future day."
    elif day < plan.started_on:
        errors["date"] = "That day is before your plan started."
    if errors:
        raise CareError(errors)
    with transaction.atomic():
        log, _ = TaskLog.objects.update_or_create(
            patient=patient,
            date=day,
            task_code=code,
            defaults={"plan": plan, "status": status, "reason": reason.strip()[:200], "logged_at": timezone.now()},
        )
        audit(
            actor,
            "care.task.logged",
            patient=patient,
            obj=log,
            changes={"task": code, "status": status, "reason": log.reason, "date": day.isoformat()},
        )
    return log


def ice_offered(plan: CarePlan | None, today: date) -> bool:
    """Ice is offered as comfort in the first days of step 1 (docs/clinical-evidence.md section 1: about 3-4 days).

    The number of days is the CARE_ICE_FIRST_DAYS setting (default 4), counted from the day step 1 started.
    """
    if plan is None:
        return False
    return plan.step == 1 and 0 <= (today - plan.step_started_on).days < ice_limits()[3]


def due_tasks(plan: CarePlan, day: date) -> list[ladder.Task]:
    """The step's tasks due on DAY: ice only while it is offered."""
    return [t for t in ladder.step(plan.step).tasks if t.kind is not ladder.TaskKind.ICE or ice_offered(plan, day)]


def log_ice(
    patient: User,
    minutes: Any,
    *,
    actor: Actor,
    started_at: datetime | None = None,
) -> IceSession:
    """Store one ice session of MINUTES (1-60). At most the configured number a day, in the plan's first days."""
    plan = active_plan(patient)
    now = timezone.now()
    today = timezone.localdate(now)
    errors: dict[str, str] = {}
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 60:
        errors["minutes"] = "An ice session lasts 1 to 60 minutes; 15 to 20 is the advice."
    if not ice_offered(plan, today):
        errors["ice"] = "Ice is offered only in the first days of step 1."
    per_day = ice_limits()[2]
    if IceSession.objects.filter(patient=patient, started_at__date=today).count() >= per_day:
        errors["ice"] = f"You have logged {per_day} ice sessions today, the most we suggest."
    if errors:
        raise CareError(errors)
    start = started_at or now - timedelta(minutes=value)
    with transaction.atomic():
        session = IceSession.objects.create(patient=patient, started_at=start, minutes=value)
        audit(actor, "care.ice.logged", patient=patient, obj=session, changes={"minutes": value})
    return session


def adherence(patient: User, plan: CarePlan, program_size: int, today: date) -> int | None:
    """Done tasks as a percentage of the tasks due over the last 7 days (or since the plan started)."""
    start = max(plan.started_on, today - timedelta(days=6))
    due = 0
    for offset in range((today - start).days + 1):
        day = start + timedelta(days=offset)
        for task in due_tasks(plan, day):
            if task.kind is ladder.TaskKind.EXERCISES:
                due += program_size
            elif task.kind is not ladder.TaskKind.CHECK_IN:
                due += 1
    if due == 0:
        return None
    done = TaskLog.objects.filter(patient=patient, date__gte=start, date__lte=today, status=TaskStatus.DONE).count()
    return min(100, round(100 * done / due))
