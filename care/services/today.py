"""Today's checklist: what the patient ticks today for their plan, the same on /today/, its fragments and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from accounts.models import User
from care.models import CarePlan, TaskLog
from care.services.daily import ChecklistRow, adherence, checklist
from care.services.plans import ProgramRow, program_for


@dataclass(frozen=True)
class TodaysTasks:
    patient: User
    plan: CarePlan
    day: date
    #: The exercise program, from step 2 on (step 1 has none).
    program: list[ProgramRow]
    rows: list[ChecklistRow]

    def row(self, code: str) -> ChecklistRow | None:
        return next((r for r in self.rows if r.code == code), None)

    def adherence(self) -> int | None:
        """Done tasks as a percentage of those due over the last 7 days (one query)."""
        return adherence(self.patient, self.plan, len(self.program), self.day)


def todays_tasks(patient: User, plan: CarePlan, day: date | None = None) -> TodaysTasks:
    """PLAN's checklist for PATIENT on DAY (today by default), each row with what was logged that day."""
    day = day or timezone.localdate()
    program = program_for(patient) if plan.step >= 2 else []
    logs = {log.task_code: log for log in TaskLog.objects.filter(patient=patient, date=day)}
    return TodaysTasks(patient, plan, day, program, checklist(plan, program, logs, day))
