"""The pain-monitoring traffic light (DOMAIN.md section 6).

Pain during or after activity up to 2/10 is safe, up to 5/10 acceptable, above
5 too much (Thomee 1997; Silbernagel 2007 for the method). Pain after activity
must settle by the next morning, and morning pain or stiffness must not rise
week to week. These thresholds come from secondary summaries, so every number
is a setting (``CARE_PAIN_*``) with the defaults below.

A check-in with a red flag (true locking, large swelling, repeated giving way:
DOMAIN.md section 3) replaces the light with the urgent-help message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from statistics import mean
from typing import Any


class Colour(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


_RANK = {Colour.NONE: 0, Colour.GREEN: 1, Colour.AMBER: 2, Colour.RED: 3}


@dataclass(frozen=True)
class Thresholds:
    safe_max: int = 2  # 0-2: safe (Thomee 1997)
    acceptable_max: int = 5  # up to 5: acceptable; above: too much
    # Next-morning pain may be this many points above the previous morning and still count as settled.
    settle_margin: int = 0
    # Weekly mean morning pain or stiffness rising by at least this much is a worsening trend.
    weekly_rise: float = 1.0

    @classmethod
    def from_settings(cls, conf: Any) -> Thresholds:
        return cls(
            safe_max=int(getattr(conf, "CARE_PAIN_SAFE_MAX", cls.safe_max)),
            acceptable_max=int(getattr(conf, "CARE_PAIN_ACCEPTABLE_MAX", cls.acceptable_max)),
            settle_margin=int(getattr(conf, "CARE_PAIN_SETTLE_MARGIN", cls.settle_margin)),
            weekly_rise=float(getattr(conf, "CARE_PAIN_WEEKLY_RISE", cls.weekly_rise)),
        )


@dataclass(frozen=True)
class CheckIn:
    """One day's answers for one knee. Pain and stiffness are 0-10; None when not answered."""

    day: date
    pain_now: int
    pain_worst: int | None = None
    pain_during_activity: int | None = None
    pain_after_activity: int | None = None
    morning_pain: int | None = None
    morning_stiffness: int | None = None
    locking: bool = False
    large_swelling: bool = False
    repeated_giving_way: bool = False


URGENT_MESSAGE = (
    "Your answers include a warning sign (the knee locking, large or fast swelling, or giving way again and again). "
    "This needs a clinician within the next few days: call the practice today. If the knee is hot, red and swollen "
    "with a fever, or you cannot put weight on it, go to urgent care or an emergency department now."
)

ADVICE = {
    Colour.GREEN: "Pain is in the safe zone: carry on with your plan.",
    Colour.AMBER: "Pain is in the acceptable zone: keep going, but do not add more load until it settles.",
    Colour.RED: "Pain is too high: cut back today's activity and exercises, and call the practice if it stays red.",
    Colour.NONE: "Do today's check-in to see your light.",
}
TREND_ADVICE = "Your knee is not settling overnight or is stiffer than last week: hold your load steady until it does."


@dataclass(frozen=True)
class Light:
    colour: Colour
    advice: str
    urgent: bool = False
    reasons: tuple[str, ...] = field(default_factory=tuple)


def has_red_flag(entry: CheckIn) -> bool:
    return entry.locking or entry.large_swelling or entry.repeated_giving_way


def zone(pain: int | None, t: Thresholds) -> Colour:
    """Colour for one 0-10 score: at or below safe_max green, at or below acceptable_max amber, above red."""
    if pain is None:
        return Colour.NONE
    if pain <= t.safe_max:
        return Colour.GREEN
    if pain <= t.acceptable_max:
        return Colour.AMBER
    return Colour.RED


def _worst(colours: Sequence[Colour]) -> Colour:
    return max(colours, key=lambda c: _RANK[c], default=Colour.NONE)


def _weekly_means(entries: Sequence[CheckIn], end: date, attr: str) -> tuple[float | None, float | None]:
    def window(start: date, stop: date) -> float | None:
        values = [getattr(e, attr) for e in entries if start <= e.day <= stop and getattr(e, attr) is not None]
        return mean(values) if values else None

    this_week = window(end - timedelta(days=6), end)
    last_week = window(end - timedelta(days=13), end - timedelta(days=7))
    return last_week, this_week


def light(today: CheckIn | None, history: Sequence[CheckIn], t: Thresholds | None = None) -> Light:
    """The light for TODAY's check-in, judged with the earlier check-ins in HISTORY (same knee or both)."""
    t = t or Thresholds()
    if today is None:
        return Light(Colour.NONE, ADVICE[Colour.NONE])
    if has_red_flag(today):
        return Light(Colour.RED, URGENT_MESSAGE, urgent=True, reasons=("red flag",))
    colours = [zone(today.pain_during_activity, t), zone(today.pain_after_activity, t), zone(today.pain_now, t)]
    reasons: list[str] = []
    if zone(today.pain_during_activity, t) is Colour.RED:
        reasons.append(f"pain during activity above {t.acceptable_max}")
    if zone(today.pain_after_activity, t) is Colour.RED:
        reasons.append(f"pain after activity above {t.acceptable_max}")
    earlier = sorted((e for e in history if e.day < today.day), key=lambda e: e.day)
    yesterday = next((e for e in reversed(earlier) if e.day == today.day - timedelta(days=1)), None)
    if (
        yesterday is not None
        and today.morning_pain is not None
        and yesterday.morning_pain is not None
        and today.morning_pain > yesterday.morning_pain + t.settle_margin
    ):
        colours.append(Colour.AMBER)
        reasons.append("pain had not settled by this morning")
    every = [*earlier, today]
    for attr, label in (("morning_pain", "morning pain"), ("morning_stiffness", "morning stiffness")):
        last_week, this_week = _weekly_means(every, today.day, attr)
        if last_week is not None and this_week is not None and this_week - last_week >= t.weekly_rise:
            colours.append(Colour.AMBER)
            reasons.append(f"{label} is higher than last week")
    colour = _worst(colours)
    advice = ADVICE[colour]
    if colour is Colour.AMBER and reasons and zone(today.pain_during_activity, t) is not Colour.AMBER:
        advice = TREND_ADVICE
    return Light(colour, advice, reasons=tuple(reasons))
