"""Demo care plans: weeks of check-ins and task logs so the light and an escalation suggestion show.

Idempotent: plans are reused, entries and logs updated in place; dates are relative to today.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from care import exercises, ladder, services
from care.models import CarePlan, DiaryEntry, IceSession, PlanStatus, StepChange, TaskLog, TaskStatus

# Maya (right knee): step 2 for 25 days, pain stuck around 4-5 -> a "next step" suggestion. Today amber:
# worst pain 5 is acceptable, and her morning pain and stiffness are steady, so nothing turns it red.
# (days ago, pain now, worst, during activity, after activity, morning pain, morning stiffness)
MAYA = [(d, 3, 5, 4 if d % 3 else 5, 4, 2, 3) for d in range(28, 0, -1)] + [(0, 3, 5, 4, 4, 2, 3)]
# Daniel (left knee): step 1 since yesterday, with ice; a hard day today -> red (worst and during 7, and
# morning pain a point above yesterday's).
DANIEL = [(1, 4, 6, 5, 5, 3, 4), (0, 5, 7, 7, 6, 4, 4)]


def _plan(patient: User, clinician: User | None, started_days_ago: int, step: int, step_days_ago: int) -> CarePlan:
    today = timezone.localdate()
    plan = CarePlan.objects.filter(patient=patient, status=PlanStatus.ACTIVE).first()
    if plan is not None:
        return plan
    plan = CarePlan.objects.create(
        patient=patient,
        step=step,
        started_on=today - timedelta(days=started_days_ago),
        step_started_on=today - timedelta(days=step_days_ago),
        goals="Run 10 km again without knee pain.",
        ladder_version=ladder.LADDER_VERSION,
    )
    StepChange.objects.create(
        plan=plan,
        from_step=None,
        to_step=1,
        actor=patient,
        reason="Started from a self-care self-check result.",
        at=timezone.now() - timedelta(days=started_days_ago),
    )
    if step > 1:
        StepChange.objects.create(
            plan=plan,
            from_step=1,
            to_step=step,
            actor=clinician or patient,
            reason="Knee settled after the first days: time for the exercise program.",
            at=timezone.now() - timedelta(days=step_days_ago),
        )
        services.ensure_program(patient, clinician)
    return plan


def _entries(patient: User, rows: list[tuple[int, int, int, int, int, int, int]], side: str) -> None:
    today = timezone.localdate()
    for days_ago, now, worst, during, after, morning, stiffness in rows:
        DiaryEntry.objects.update_or_create(
            patient=patient,
            date=today - timedelta(days=days_ago),
            side=side,
            defaults={
                "pain_now": now,
                "pain_worst": worst,
                "pain_during_activity": during,
                "pain_after_activity": after,
                "morning_pain": morning,
                "morning_stiffness": stiffness,
                "painful_activities": ["stairs_down", "squats"] if worst >= 5 else ["stairs_down"],
            },
        )


def _task_logs(plan: CarePlan, days: int) -> None:
    today = timezone.localdate()
    codes = [services.exercise_code(c) for c in exercises.DEFAULT_PROGRAM] + ["supports", "load"]
    for days_ago in range(1, days + 1):
        day = today - timedelta(days=days_ago)
        for i, code in enumerate(codes):
            # Most days most tasks; every fourth day a couple skipped, as real diaries look.
            skipped = days_ago % 4 == 0 and i % 4 == 0
            TaskLog.objects.update_or_create(
                patient=plan.patient,
                date=day,
                task_code=code,
                defaults={
                    "plan": plan,
                    "status": TaskStatus.SKIPPED if skipped else TaskStatus.DONE,
                    "reason": "Knee too sore after work" if skipped else "",
                },
            )


def load() -> None:
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.com")}
    maya = users.get("patient@example.com")
    daniel = users.get("patient2@example.com")
    clinician = users.get("clinician@example.com")
    today = timezone.localdate()
    with transaction.atomic():
        if maya is not None:
            plan = _plan(maya, clinician, 29, 2, 25)
            _entries(maya, MAYA, "right")
            _task_logs(plan, min(25, (today - plan.step_started_on).days))
        if daniel is not None:
            plan = _plan(daniel, clinician, 1, 1, 1)
            _entries(daniel, DANIEL, "left")
            start = datetime.combine(today, time(8, 0), tzinfo=timezone.get_current_timezone())
            IceSession.objects.get_or_create(patient=daniel, started_at=start, defaults={"minutes": 15})
    for patient in (maya, daniel):
        if patient is not None:
            services.run_escalation(patient, today)
