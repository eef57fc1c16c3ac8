"""The pain diary (one check-in per day and knee, edits keep history) and the traffic light."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.access import audit
from accounts.models import User
from care.models import (
    DiaryEntry,
    DiaryEntryRevision,
    PainfulActivity,
    Side,
)
from care.pain_monitoring import CheckIn, Colour, Light, light
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
FLAG_FIELDS = ("swelling", "giving_way", "nsaid_taken", "locking", "large_swelling", "repeated_giving_way")
DIARY_FIELDS = ("date", "side", *PAIN_FIELDS, "painful_activities", *FLAG_FIELDS)


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


def entry_values(entry: DiaryEntry) -> dict[str, Any]:
    values = {name: getattr(entry, name) for name in DIARY_FIELDS}
    values["date"] = entry.date.isoformat()
    return values


def save_diary_entry(
    patient: User,
    actor: User,
    data: Mapping[str, Any],
    *,
    today: date | None = None,
    request: HttpRequest | None = None,
) -> tuple[DiaryEntry, bool]:
    """Create or edit the check-in for (date, side). An edit keeps the old values as a revision."""
    today = today or timezone.localdate()
    if actor.pk != patient.pk:
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
            DiaryEntryRevision.objects.create(entry=entry, actor=actor, data=before)
            entry.updated_at = timezone.now()
            entry.save()
        audit(
            request,
            "care.diary.created" if created else "care.diary.edited",
            patient=patient,
            obj=entry,
            changes=changes,
            actor=actor,
        )
    return entry, created


def _merge(entries: Iterable[DiaryEntry]) -> list[CheckIn]:
    """One check-in per day: the worse value of each field across sides (the light follows the worse knee)."""
    by_day: dict[date, list[DiaryEntry]] = defaultdict(list)
    for e in entries:
        by_day[e.date].append(e)

    def worst(items: list[DiaryEntry], name: str) -> int | None:
        values = [getattr(i, name) for i in items if getattr(i, name) is not None]
        return max(values) if values else None

    return [
        CheckIn(
            day=day,
            pain_now=max(i.pain_now for i in items),
            pain_worst=worst(items, "pain_worst"),
            pain_during_activity=worst(items, "pain_during_activity"),
            pain_after_activity=worst(items, "pain_after_activity"),
            morning_pain=worst(items, "morning_pain"),
            morning_stiffness=worst(items, "morning_stiffness"),
            locking=any(i.locking for i in items),
            large_swelling=any(i.large_swelling for i in items),
            repeated_giving_way=any(i.repeated_giving_way for i in items),
        )
        for day, items in sorted(by_day.items())
    ]


def checkins(patient: User, start: date, end: date) -> list[CheckIn]:
    return _merge(DiaryEntry.objects.filter(patient=patient, date__gte=start, date__lte=end))


def traffic_light(patient: User, today: date) -> Light:
    """The pain-monitoring light for PATIENT on TODAY (.colour green|amber|red|none, .advice, .urgent)."""
    history = checkins(patient, today - timedelta(days=14), today)
    current = next((c for c in history if c.day == today), None)
    return light(current, history, thresholds())


def daily_lights(history: list[CheckIn], days: Iterable[date]) -> dict[date, Colour]:
    """The light of each day in DAYS, judged on the check-ins in HISTORY (pure, no queries)."""
    t = thresholds()
    by_day = {c.day: c for c in history}
    return {d: light(by_day.get(d), history, t).colour for d in days}
