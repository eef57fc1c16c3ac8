"""The return-to-run track: unlocked by green days, kept to the progression's rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import User
from care import return_to_run
from care.models import (
    ReturnToRunSession,
)
from care.pain_monitoring import Colour
from care.services.common import (
    CareError,
    active_plan,
)
from care.services.diary import checkins, daily_lights
from training.queries import first_run_on


@dataclass(frozen=True)
class RunTrack:
    unlocked: bool
    green_days: int
    needed_green_days: int
    next: return_to_run.NextSession
    sessions: list[ReturnToRunSession]


def _green_streak(lights: Mapping[date, Colour], today: date) -> int:
    streak = 0
    day = today if lights.get(today, Colour.NONE) is not Colour.NONE else today - timedelta(days=1)
    while lights.get(day) is Colour.GREEN:
        streak += 1
        day -= timedelta(days=1)
    return streak


def run_track(patient: User, today: date) -> RunTrack:
    """The return-to-run track: unlocked after N green days in a row (the CARE_RTR_GREEN_DAYS setting)."""
    needed = settings.CARE_RTR_GREEN_DAYS
    sessions = list(ReturnToRunSession.objects.filter(patient=patient, date__lte=today))
    window = max(needed, 14) + 14
    history = checkins(patient, today - timedelta(days=window), today)
    days = [today - timedelta(days=i) for i in range(window - 14)]
    lights = daily_lights(history, days)
    red_days = [d for d, c in lights.items() if c is Colour.RED]
    streak = _green_streak(lights, today)
    unlocked = bool(sessions) or streak >= needed
    plan = return_to_run.next_session(
        [return_to_run.Session(s.date, s.level, s.more_pain, s.more_swelling) for s in sessions], today, red_days
    )
    return RunTrack(unlocked, streak, needed, plan, sessions)


def log_run_session(
    patient: User, data: Mapping[str, Any], *, actor: Actor, today: date | None = None
) -> ReturnToRunSession:
    """Log a walk-jog session, keeping to the progression's rules."""
    today = today or timezone.localdate()
    track = run_track(patient, today)
    errors: dict[str, str] = {}
    if not track.unlocked:
        raise CareError({"track": f"The running track opens after {track.needed_green_days} green days in a row."})
    day = data.get("date") or today
    if not isinstance(day, date):
        try:
            day = date.fromisoformat(str(day))
        except ValueError:
            raise CareError({"date": "Give the date as YYYY-MM-DD."}) from None
    plan = active_plan(patient)
    if day > today:
        errors["date"] = "The date is in the future."
    elif plan is not None and day < plan.started_on:
        errors["date"] = f"Your plan started on {plan.started_on:%B %-d, %Y}: choose that day or later."
    try:
        level = int(data.get("level", 0))
    except (TypeError, ValueError):
        level = 0
    existing = [return_to_run.Session(s.date, s.level, s.more_pain, s.more_swelling) for s in track.sessions]
    recent = [day - timedelta(days=i) for i in range(14)]
    lights = daily_lights(checkins(patient, day - timedelta(days=28), day), recent)
    red = [d for d, c in lights.items() if c is Colour.RED]
    new = return_to_run.Session(day, level, bool(data.get("more_pain")), bool(data.get("more_swelling")))
    errors.update(return_to_run.check_new_session(existing, new, red) if "date" not in errors else {})
    if errors:
        raise CareError(errors)
    with transaction.atomic():
        session = ReturnToRunSession.objects.create(
            patient=patient,
            date=day,
            level=level,
            more_pain=new.more_pain,
            more_swelling=new.more_swelling,
            notes=str(data.get("notes", ""))[:200],
            activity_id=first_run_on(patient, day),
        )
        audit(actor, "care.run.logged", patient=patient, obj=session, changes={"level": level})
    return session
