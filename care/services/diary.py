"""The pain diary (one check-in per day and knee, edits keep history) and the traffic light.

Each entry is for the left knee, the right knee or both; the light is worked out per knee by
care.pain_monitoring (a "both" entry counts for each knee) and the patient's light is the
worse knee's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import User
from care import pain_monitoring, warning_signs
from care.checkins import KNEES, CheckIn
from care.models import (
    DiaryEntry,
    DiaryEntryRevision,
    PainfulActivity,
    Side,
)
from care.pain_monitoring import Colour, Light
from care.services.common import (
    CareError,
    active_plan,
    thresholds,
)

PAIN_FIELDS = (
    "pain_now",
    "pain_worst",
    "pain_during_activity",
    "pain_after_activity",
    "morning_pain",
    "morning_stiffness",
)
#: Warning signs: any of them replaces the light with the self-check's advice (care.warning_signs.FLAGS).
WARNING_FIELDS = warning_signs.FLAGS
FLAG_FIELDS = ("swelling", "giving_way", "nsaid_taken", *WARNING_FIELDS)
DIARY_FIELDS = ("date", "side", *PAIN_FIELDS, "painful_activities", *FLAG_FIELDS)
#: What the light reads of an entry.
LIGHT_FIELDS = ("date", "side", *PAIN_FIELDS, *WARNING_FIELDS)
#: The diary page and the API list this many days of check-ins, at most DIARY_ENTRIES of them.
DIARY_DAYS = 90
DIARY_ENTRIES = 200


def _pain(value: Any, name: str, required: bool, errors: dict[str, str]) -> int | None:
    if value is None or value == "":
        if required:
            errors[name] = "Give a number from 0 (no pain) to 10 (worst pain imaginable)."
        return None
    if isinstance(value, bool):
        errors[name] = "Give a number from 0 to 10."
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[name] = "Give a whole number from 0 to 10."
        return None
    if number != value and str(number) != str(value).strip():
        errors[name] = "Give a whole number from 0 to 10."
        return None
    if not 0 <= number <= 10:
        errors[name] = "Pain is scored from 0 to 10."
        return None
    return number


def clean_diary(data: Mapping[str, Any], patient: User, today: date) -> dict[str, Any]:
    """Validate a check-in; raise CareError with a message per field. Dates are ISO strings or dates."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    raw_date = data.get("date")
    day: date | None = None
    if isinstance(raw_date, date):
        day = raw_date
    elif isinstance(raw_date, str) and raw_date:
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            errors["date"] = "Give the date as YYYY-MM-DD."
    else:
        errors["date"] = "Give the date of the check-in."
    if day is not None:
        plan = active_plan(patient)
        if day > today:
            errors["date"] = "The date is in the future: check in for today or an earlier day."
        elif plan is not None and day < plan.started_on:
            errors["date"] = f"Your plan started on {plan.started_on:%B %-d, %Y}: choose that day or later."
        cleaned["date"] = day
    side = data.get("side")
    if side not in Side.values:
        errors["side"] = "Choose left, right or both."
    cleaned["side"] = side
    for name in PAIN_FIELDS:
        cleaned[name] = _pain(data.get(name), name, name == "pain_now", errors)
    activities = data.get("painful_activities") or []
    if not isinstance(activities, list) or any(a not in PainfulActivity.values for a in activities):
        errors["painful_activities"] = "Choose from: " + ", ".join(PainfulActivity.values) + "."
    else:
        cleaned["painful_activities"] = sorted(set(activities), key=PainfulActivity.values.index)
    for name in FLAG_FIELDS:
        value = data.get(name, False)
        if not isinstance(value, bool):
            errors[name] = "Answer yes (true) or no (false)."
        cleaned[name] = bool(value)
    if errors:
        raise CareError(errors)
    return cleaned


def recent_entries(patient: User, today: date | None = None) -> list[DiaryEntry]:
    """PATIENT's check-ins of the last DIARY_DAYS days, newest first, with their revisions (two queries)."""
    since = (today or timezone.localdate()) - timedelta(days=DIARY_DAYS)
    return list(
        DiaryEntry.objects.filter(patient=patient, date__gte=since).prefetch_related("revisions")[:DIARY_ENTRIES]
    )


def entry_values(entry: DiaryEntry) -> dict[str, Any]:
    values = {name: getattr(entry, name) for name in DIARY_FIELDS}
    values["date"] = entry.date.isoformat()
    return values


def save_diary_entry(
    patient: User,
    actor: Actor,
    data: Mapping[str, Any],
    *,
    today: date | None = None,
) -> tuple[DiaryEntry, bool]:
    """Create or edit the check-in for (date, side). An edit keeps the old values as a revision."""
    today = today or timezone.localdate()
    if actor.user is None or actor.user.pk != patient.pk:
        raise CareError({"actor": "Only the patient writes their own pain diary."})
    cleaned = clean_diary(data, patient, today)
    with transaction.atomic():
        entry = (
            DiaryEntry.objects.select_for_update()
            .filter(patient=patient, date=cleaned["date"], side=cleaned["side"])
            .first()
        )
        created = entry is None
        if entry is None:
            entry = DiaryEntry.objects.create(patient=patient, **cleaned)
            changes: dict[str, Any] = entry_values(entry)
        else:
            before = entry_values(entry)
            for name, value in cleaned.items():
                setattr(entry, name, value)
            after = entry_values(entry)
            changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
            if not changes:
                return entry, False
            DiaryEntryRevision.objects.create(entry=entry, actor=actor.user, data=before)
            entry.updated_at = timezone.now()
            entry.save()
        audit(
            actor,
            "care.diary.created" if created else "care.diary.edited",
            patient=patient,
            obj=entry,
            changes=changes,
        )
    return entry, created


def checkin_from(values: Mapping[str, Any]) -> CheckIn:
    """The light's view of one entry, from a mapping holding LIGHT_FIELDS (a ``values()`` row or a form)."""
    return CheckIn(
        day=values["date"],
        side=values["side"],
        pain_now=values["pain_now"],
        pain_worst=values["pain_worst"],
        pain_during_activity=values["pain_during_activity"],
        pain_after_activity=values["pain_after_activity"],
        morning_pain=values["morning_pain"],
        morning_stiffness=values["morning_stiffness"],
        flags=frozenset(name for name in WARNING_FIELDS if values[name]),
    )


def checkins(patient: User, start: date, end: date) -> list[CheckIn]:
    """Every entry from START to END, one check-in per entry (a day may have left, right and both)."""
    rows = (
        DiaryEntry.objects.filter(patient=patient, date__gte=start, date__lte=end)
        .order_by("date", "side")
        .values(*LIGHT_FIELDS)
    )
    return [checkin_from(row) for row in rows]


def traffic_light(patient: User, today: date) -> Light:
    """The pain-monitoring light for PATIENT on TODAY (.colour, .advice, .reasons, .knee, .urgent, .level)."""
    history = checkins(patient, today - timedelta(days=pain_monitoring.HISTORY_DAYS), today)
    return pain_monitoring.patient_light(history, today, thresholds())


def daily_lights(history: list[CheckIn], days: Iterable[date]) -> dict[date, Colour]:
    """The patient's light colour on each day in DAYS, judged on the check-ins in HISTORY (pure, no queries)."""
    return {d: light.colour for d, light in pain_monitoring.daily_lights(history, days, thresholds()).items()}


def entry_colours(history: list[CheckIn], keys: Iterable[tuple[date, str]]) -> dict[tuple[date, str], Colour]:
    """The colour of each (day, side) in KEYS: that knee's light, or the worse knee's for "both" (no queries)."""
    t = thresholds()
    colours: dict[tuple[date, str], Colour] = {}
    for day, side in keys:
        if side in KNEES:
            colours[day, side] = pain_monitoring.knee_light(history, side, day, t).colour
        else:
            colours[day, side] = pain_monitoring.patient_light(history, day, t).colour
    return colours
