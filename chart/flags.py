"""Roster flags: one patient's recent data in, the flags that need a clinician's attention out (no database).

Each flag carries the moment it was raised; marking the patient reviewed clears
every flag raised before the review. Thresholds cite their sources (docs/clinical-evidence.md);
the pain rise that counts as worsening is the care plan's setting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import mean
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from training.load import BREAK_DAYS, days_off

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

#: A run more than 10% longer than the longest of the previous 30 days (Frandsen 2025, BJSM 59(17)).
LONG_RUN_RATIO = 1.10
#: More than 30% more distance in a week than two weeks earlier (Nielsen 2014, JOSPT 44(10)).
RAMP_RATIO = 1.30
RAMP_MIN_M = 5000.0
ADHERENCE_MIN = 0.5
ADHERENCE_DAYS = 14
QUESTIONNAIRE_EVERY_DAYS = 28
QUESTIONNAIRE_GRACE_DAYS = 7


@dataclass(frozen=True)
class Flag:
    code: str
    label: str
    reason: str
    raised_at: datetime
    weight: int


#: Code -> (label, urgency weight). Higher weights sort first. A return after a break sits below the spike
#: (the run has no evidence-based comparison, only the advice to rebuild on the return-to-running track) and
#: above the ramp, whose link with injury was not statistically certain.
KINDS: dict[str, tuple[str | StrPromise, int]] = {
    "red_flag": ("Red flag", 100),
    "worsening": ("Worsening pain", 50),
    "emergency_access": (gettext_lazy("Emergency access"), 40),
    "long_run_spike": ("Long-run spike", 30),
    "return_after_break": (gettext_lazy("Back after a break"), 22),
    "two_week_ramp": ("Two-week ramp", 20),
    "stalled": ("Stalled", 25),
    "adherence": ("Low adherence", 10),
    "questionnaire": ("Questionnaire overdue", 5),
    "shoe": ("Shoe over limit", 3),
}


def make(code: str, reason: str, raised_at: datetime) -> Flag:
    label, weight = KINDS[code]
    return Flag(code, str(label), reason, raised_at, weight)


@dataclass
class PatientData:
    """What the roster knows about one patient. Times are aware; distances in metres; pain 0-10."""

    # (at, self-check outcome), or (entered at, "diary:<date>:<level>:<signs>") for warning signs answered in the
    # diary: level urgent or emergency (the self-check's), signs their names in words
    urgent_checks: list[tuple[datetime, str]] = field(default_factory=list)
    # (day, pain) of each diary check-in (care.checkins.day_pain): a day may have one per knee
    pain: list[tuple[date, float]] = field(default_factory=list)
    # Runs of the last 7 days: (start, metres, longest run of the 30 days before that start (0 when none),
    # start of the run before it (None for the first run on record))
    recent_runs: list[tuple[datetime, float, float, datetime | None]] = field(default_factory=list)
    week_m: float = 0.0  # metres run in the last 7 days
    two_weeks_ago_m: float = 0.0  # metres run in days 14 to 21 before now
    open_escalations: list[tuple[datetime, str]] = field(default_factory=list)  # (created_at, reason)
    plan_since: date | None = None  # active care plan started on
    done_days: set[date] = field(default_factory=set)  # days with an exercise done
    last_questionnaire: datetime | None = None
    shoes_over: list[tuple[datetime, str, float, float]] = field(default_factory=list)  # (last used, name, m, limit)
    # Someone outside the care team opened the record: (started at, their name, their reason)
    emergency_accesses: list[tuple[datetime, str, str]] = field(default_factory=list)


def day_start(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def _seriousness(source: str) -> int:
    """2 for an emergency, 1 for urgent; SOURCE is a self-check outcome or "diary:<day>:<level>:<signs>"."""
    level = source.split(":", 3)[2] if source.startswith("diary:") else source
    return 2 if level == "emergency" else 1


def red_flag(data: PatientData, reviewed_at: datetime | None = None) -> Flag | None:
    """The most serious warning sign since the last review; of equally serious ones, the latest."""
    unreviewed = [(at, src) for at, src in data.urgent_checks if reviewed_at is None or at > reviewed_at]
    if not unreviewed:
        return None
    at, source = max(unreviewed, key=lambda item: (_seriousness(item[1]), item[0]))
    if source.startswith("diary:"):
        _diary, _day, level, signs = source.split(":", 3)
        if level == "emergency":
            text = _("The diary of %(day)s reports an emergency warning sign: %(signs)s.")
        else:
            text = _("The diary of %(day)s reports an urgent warning sign: %(signs)s.")
        return make("red_flag", text % {"day": f"{at:%b %d}", "signs": signs}, at)
    words = "an emergency" if source == "emergency" else "an urgent"
    return make("red_flag", f"A self-check on {at:%b %d} gave {words} result.", at)


def worsening(data: PatientData, today: date, tz: ZoneInfo) -> Flag | None:
    """Mean pain of the last 7 days against the 7 before, at least 3 diary days in each.

    The rise that counts is the care plan's pain change (CARE_NRS_MCID, 2 points): Piva 2009 puts the
    MCID at 1.16 in patellofemoral pain, so 2 is on the safe side, and the roster agrees with the plan.
    """
    recent = [v for d, v in data.pain if today - timedelta(days=7) < d <= today]
    before = [v for d, v in data.pain if today - timedelta(days=14) < d <= today - timedelta(days=7)]
    if len(recent) < 3 or len(before) < 3:
        return None
    rise = mean(recent) - mean(before)
    if rise < settings.CARE_NRS_MCID:
        return None
    last_day = max(d for d, _ in data.pain if d <= today)
    return make(
        "worsening",
        f"Pain averaged {mean(recent):.1f}/10 this week against {mean(before):.1f}/10 the week before.",
        day_start(last_day, tz),
    )


def summarise_runs(runs: Sequence[tuple[datetime, float]], now: datetime) -> dict[str, Any]:
    """The PatientData run fields from plain (start, metres) runs; the roster computes the same in SQL."""
    recent = [
        (
            start,
            metres,
            max((m for s, m in runs if start - timedelta(days=30) <= s < start), default=0.0),
            max((s for s, _m in runs if s < start), default=None),
        )
        for start, metres in runs
        if now - timedelta(days=7) <= start <= now
    ]
    return {
        "recent_runs": recent,
        "week_m": sum(m for s, m in runs if now - timedelta(days=7) < s <= now),
        "two_weeks_ago_m": sum(m for s, m in runs if now - timedelta(days=21) < s <= now - timedelta(days=14)),
    }


def long_run_spike(data: PatientData, now: datetime) -> Flag | None:
    """The latest run of the last 7 days against the longest of the 30 days before it."""
    if not data.recent_runs:
        return None
    start, distance, longest, _before = max(data.recent_runs, key=lambda r: r[:3])
    if longest <= 0 or distance <= longest * LONG_RUN_RATIO:
        return None
    return make(
        "long_run_spike",
        f"A {distance / 1000:.1f} km run on {start:%b %d} was {distance / longest - 1:.0%} longer than the "
        f"longest of the 30 days before ({longest / 1000:.1f} km).",
        start,
    )


def return_after_break(data: PatientData, tz: ZoneInfo) -> Flag | None:
    """The latest run of the last 7 days after BREAK_DAYS or more days without running, counted in local days
    as the patient's load warning counts them (training.load.days_off); the first run on record never counts."""
    returns = [
        (start, metres, days_off(before.astimezone(tz).date(), start.astimezone(tz).date()))
        for start, metres, _longest, before in data.recent_runs
        if before is not None
    ]
    returns = [r for r in returns if r[2] >= BREAK_DAYS]
    if not returns:
        return None
    start, metres, off = max(returns)
    return make(
        "return_after_break",
        _(
            "A %(km).1f km run on %(day)s after %(days)d days without running: back after a break, with no "
            "recent run to compare it with."
        )
        % {"km": metres / 1000, "day": f"{start.astimezone(tz):%b} {start.astimezone(tz).day}", "days": off},
        start,
    )


def two_week_ramp(data: PatientData, now: datetime) -> Flag | None:
    total, before = data.week_m, data.two_weeks_ago_m
    recent = [r for r in data.recent_runs if r[0] > now - timedelta(days=7)]
    if not recent or before <= 0 or total < RAMP_MIN_M or total <= before * RAMP_RATIO:
        return None
    return make(
        "two_week_ramp",
        f"{total / 1000:.1f} km this week against {before / 1000:.1f} km two weeks earlier "
        f"(+{total / before - 1:.0%}).",
        max(r[0] for r in recent),
    )


def stalled(data: PatientData) -> Flag | None:
    if not data.open_escalations:
        return None
    at, reason = max(data.open_escalations)
    return make("stalled", reason or "The care plan suggests the next step.", at)


def adherence(data: PatientData, today: date, tz: ZoneInfo) -> Flag | None:
    """Share of the last 14 days (or the plan's days, if fewer but at least 7) with an exercise done."""
    if data.plan_since is None:
        return None
    first = max(today - timedelta(days=ADHERENCE_DAYS - 1), data.plan_since)
    days = (today - first).days + 1
    if days < 7:
        return None
    done = sum(1 for d in data.done_days if first <= d <= today)
    share = done / days
    if share >= ADHERENCE_MIN:
        return None
    return make("adherence", f"Exercises done on {done} of the last {days} days ({share:.0%}).", day_start(today, tz))


def questionnaire(data: PatientData, today: date, tz: ZoneInfo) -> Flag | None:
    """AKPS or KOOS-PF every 4 weeks while a plan is active, a week's grace before it is overdue."""
    if data.plan_since is None:
        return None
    last = data.last_questionnaire.astimezone(tz).date() if data.last_questionnaire else None
    due = (last or data.plan_since) + timedelta(days=QUESTIONNAIRE_EVERY_DAYS if last else 0)
    overdue_from = due + timedelta(days=QUESTIONNAIRE_GRACE_DAYS)
    if today < overdue_from:
        return None
    reason = f"Last knee questionnaire on {last:%b %d}." if last else "No knee questionnaire since the plan started."
    return make("questionnaire", reason, day_start(overdue_from, tz))


def emergency_access(data: PatientData, tz: ZoneInfo) -> Flag | None:
    """The latest emergency access to the record since the review, so the care team sees who and why."""
    if not data.emergency_accesses:
        return None
    at, who, reason = max(data.emergency_accesses)
    text = _("%(who)s opened the record with emergency access on %(day)s: %(reason)s") % {
        "who": who,
        "day": f"{at.astimezone(tz):%b} {at.astimezone(tz).day}",
        "reason": reason,
    }
    return make("emergency_access", text, at)


def shoe(data: PatientData) -> Flag | None:
    if not data.shoes_over:
        return None
    at, name, metres, limit = max(data.shoes_over)
    return make("shoe", f"{name}: {metres / 1000:.0f} km, over the {limit / 1000:.0f} km limit.", at)


def evaluate(data: PatientData, now: datetime, tz: ZoneInfo, reviewed_at: datetime | None) -> list[Flag]:
    """Every flag that holds now and was raised after the last review, most urgent first."""
    today = now.astimezone(tz).date()
    candidates = [
        red_flag(data, reviewed_at),
        worsening(data, today, tz),
        emergency_access(data, tz),
        long_run_spike(data, now),
        return_after_break(data, tz),
        two_week_ramp(data, now),
        stalled(data),
        adherence(data, today, tz),
        questionnaire(data, today, tz),
        shoe(data),
    ]
    flags = [f for f in candidates if f is not None and (reviewed_at is None or f.raised_at > reviewed_at)]
    return sorted(flags, key=lambda f: -f.weight)


def urgency(flags: Sequence[Flag]) -> int:
    return sum(f.weight for f in flags)
