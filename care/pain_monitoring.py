"""The pain-monitoring traffic light (docs/clinical-evidence.md section 6). Pure: check-ins in, a light out.

The pain-monitoring model (Thomee 1997; Silbernagel 2007 for the method): pain up to 2/10
is safe, up to 5/10 acceptable, above 5 too much; pain after activity must settle by the
next morning, and morning pain or stiffness must not rise week to week. The numbers come
from secondary summaries, so each is a setting (``CARE_PAIN_*``) whose default is the value below.

Each knee has its own light, judged on that knee's check-ins of the last two weeks. A
check-in is for the left knee, the right knee or both; a "both" check-in counts for each
knee. The rules, each a floor, so a worse answer can only turn a light redder:

1. Zone: the highest of pain now, worst pain, pain during and after activity recorded for
   the knee that day. When a day has a "both" and a one-knee check-in, the higher value
   of each answer counts.
2. Next morning: morning pain and morning stiffness are each compared with the knee's
   latest earlier check-in holding that answer within the last 7 days (diaries have gaps).
   1 point worse is amber, 2 or more red; above the acceptable maximum (5) is red whatever
   came before. The earlier value is the lowest recorded for the knee that day, so that a
   rise is never understated.
3. Week to week: the mean morning pain or stiffness of the last 7 days at least 1 point
   above the 7 days before is amber (it catches a slow creep the day-to-day rule lets
   through). This week takes each day's highest value, last week each day's lowest.
4. Warning signs: a check-in answering yes to one replaces the light with the self-check's
   advice for that level (``assessments.triage``): urgent is today or tomorrow, emergency
   is now (911). The most serious sign of the day wins.

The patient's light is the worse knee's, named ("Left knee: ..."); when both knees are
equally bad it names both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from statistics import mean
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments import triage
from assessments.questions import Level
from care.checkins import BOTH, KNEE_NAMES, KNEES, LEFT, RIGHT, CheckIn
from care.warning_signs import FLAG_LEVEL, FLAGS, flag_text


class Colour(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


_RANK = {Colour.NONE: 0, Colour.GREEN: 1, Colour.AMBER: 2, Colour.RED: 3}

#: The answers whose highest value sets the zone, with their names in a reason.
ZONE_FIELDS: dict[str, Any] = {
    "pain_now": gettext_lazy("pain now"),
    "pain_worst": gettext_lazy("worst pain"),
    "pain_during_activity": gettext_lazy("pain during activity"),
    "pain_after_activity": gettext_lazy("pain after activity"),
}
MORNING_FIELDS: dict[str, Any] = {
    "morning_pain": gettext_lazy("Morning pain"),
    "morning_stiffness": gettext_lazy("Morning stiffness"),
}


@dataclass(frozen=True)
class Thresholds:
    """Pain and stiffness are 0-10 scores; days are calendar days."""

    safe_max: int = 2  # 0-2: safe (Thomee 1997)
    acceptable_max: int = 5  # up to 5: acceptable; above it too much, also for morning pain and stiffness
    # Morning pain or stiffness this many points above the knee's earlier value is amber; morning_red_rise red.
    morning_amber_rise: int = 1
    morning_red_rise: int = 2
    # How many days back the morning comparison looks for the knee's earlier value.
    morning_lookback_days: int = 7
    # Weekly mean morning pain or stiffness rising by at least this much is a worsening trend (amber).
    weekly_rise: float = 1.0

    def __post_init__(self) -> None:
        if not 0 <= self.safe_max < self.acceptable_max <= 10:
            raise ValueError(
                f"pain thresholds need 0 <= safe max < acceptable max <= 10, "
                f"not {self.safe_max} and {self.acceptable_max}"
            )
        if not 1 <= self.morning_amber_rise <= self.morning_red_rise:
            raise ValueError(
                f"morning rises need 1 <= amber <= red, not {self.morning_amber_rise} and {self.morning_red_rise}"
            )
        if not 1 <= self.morning_lookback_days <= 13:
            raise ValueError(f"the morning look-back is 1 to 13 days, not {self.morning_lookback_days}")
        if not self.weekly_rise > 0:
            raise ValueError(f"the weekly rise must be above 0, not {self.weekly_rise}")

    @classmethod
    def from_settings(cls, settings: Any) -> Thresholds:
        """The thresholds that SETTINGS (Django's settings, or a test's) hold as ``CARE_PAIN_*``."""
        return cls(
            safe_max=settings.CARE_PAIN_SAFE_MAX,
            acceptable_max=settings.CARE_PAIN_ACCEPTABLE_MAX,
            morning_amber_rise=settings.CARE_PAIN_MORNING_AMBER_RISE,
            morning_red_rise=settings.CARE_PAIN_MORNING_RED_RISE,
            morning_lookback_days=settings.CARE_PAIN_MORNING_LOOKBACK_DAYS,
            weekly_rise=settings.CARE_PAIN_WEEKLY_RISE,
        )


#: Days of check-ins before the day judged that any rule reads (the weekly rule's two weeks).
HISTORY_DAYS = 13


ADVICE: dict[Colour, Any] = {
    Colour.GREEN: gettext_lazy("Pain is in the safe zone, so carry on with your plan."),
    Colour.AMBER: gettext_lazy(
        "Pain is in the acceptable zone. Keep going, but do not add more load until it settles."
    ),
    Colour.RED: gettext_lazy(
        "Pain is too high. Cut back today's activity and exercises, and call the practice if it stays red."
    ),
    Colour.NONE: gettext_lazy("Do today's check-in to see your light."),
}
LABELS: dict[str, Any] = {
    "emergency": gettext_lazy("emergency"),
    "urgent": gettext_lazy("get help"),
    Colour.GREEN.value: gettext_lazy("green"),
    Colour.AMBER.value: gettext_lazy("amber"),
    Colour.RED.value: gettext_lazy("red"),
    Colour.NONE.value: gettext_lazy("no check-in yet"),
}
#: When the morning or the weekly rule, not the day's pain, sets the colour.
TREND_ADVICE: dict[Colour, Any] = {
    Colour.AMBER: gettext_lazy(
        "Pain or stiffness has not settled overnight. Hold your load steady and add nothing until it does."
    ),
    Colour.RED: gettext_lazy(
        "Pain or stiffness is clearly worse in the morning. Reduce your load today (shorter, easier activity and "
        "fewer exercises), and call the practice if it stays red."
    ),
}


@dataclass(frozen=True)
class Light:
    """COLOUR with ADVICE and REASONS (plain sentences). KNEE: left, right or both; "" without a check-in.

    LEVEL is the most serious warning sign of the day (None without one); URGENT is true when it
    needs help today or sooner, and EMERGENCY when it needs help now.
    """

    colour: Colour
    advice: str
    urgent: bool = False
    reasons: tuple[str, ...] = field(default_factory=tuple)
    level: Level | None = None
    knee: str = ""

    @property
    def emergency(self) -> bool:
        return self.level is Level.EMERGENCY

    @property
    def label(self) -> str:
        """The light in one or two words, as every page shows it."""
        if self.emergency:
            return str(LABELS["emergency"])
        return str(LABELS["urgent" if self.urgent else self.colour.value])

    @property
    def knee_name(self) -> str:
        return str(KNEE_NAMES[self.knee]) if self.knee else ""

    @property
    def severity(self) -> tuple[int, int]:
        """Orders lights: a warning sign's level first, then the colour."""
        return (-1 if self.level is None else int(self.level), _RANK[self.colour])


def zone(pain: int | None, t: Thresholds) -> Colour:
    """Colour for one 0-10 score: at or below safe_max green, at or below acceptable_max amber, above red."""
    if pain is None:
        return Colour.NONE
    if pain <= t.safe_max:
        return Colour.GREEN
    if pain <= t.acceptable_max:
        return Colour.AMBER
    return Colour.RED


def worst(colours: Iterable[Colour]) -> Colour:
    return max(colours, key=lambda c: _RANK[c], default=Colour.NONE)


def _values(entries: Iterable[CheckIn], attr: str) -> list[int]:
    return [v for e in entries if (v := getattr(e, attr)) is not None]


def _by_day(entries: Iterable[CheckIn]) -> dict[date, list[CheckIn]]:
    days: dict[date, list[CheckIn]] = {}
    for e in entries:
        days.setdefault(e.day, []).append(e)
    return days


def _day(day: date) -> str:
    return date_format(day, "M j")


def _zone_reason(value: int, names: list[str], colour: Colour, t: Thresholds) -> str:
    which = ", ".join(names)
    if colour is Colour.RED:
        text = _("Your highest pain today was %(value)s/10 (%(which)s), above %(max)s.")
    elif colour is Colour.AMBER:
        text = _("Your highest pain today was %(value)s/10 (%(which)s): acceptable, but above the safe %(safe)s.")
    else:
        text = _("Your highest pain today was %(value)s/10 (%(which)s), in the safe zone.")
    return text % {"value": value, "which": which, "max": t.acceptable_max, "safe": t.safe_max}


def _morning(
    attr: str, today: list[CheckIn], earlier: dict[date, list[CheckIn]], day: date, t: Thresholds
) -> list[tuple[Colour, str]]:
    values = _values(today, attr)
    if not values:
        return []
    value, label = max(values), MORNING_FIELDS[attr]
    found: list[tuple[Colour, str]] = []
    if value > t.acceptable_max:
        text = _("%(what)s was %(value)s/10, above %(max)s.")
        found.append((Colour.RED, text % {"what": label, "value": value, "max": t.acceptable_max}))
    first = day - timedelta(days=t.morning_lookback_days)
    before = sorted((d for d, items in earlier.items() if first <= d < day and _values(items, attr)), reverse=True)
    if before:
        then = before[0]
        previous = min(_values(earlier[then], attr))
        rise = value - previous
        if rise >= t.morning_amber_rise:
            colour = Colour.RED if rise >= t.morning_red_rise else Colour.AMBER
            text = ngettext(
                "%(what)s was %(value)s/10, %(rise)s point higher than on %(day)s (%(before)s/10).",
                "%(what)s was %(value)s/10, %(rise)s points higher than on %(day)s (%(before)s/10).",
                rise,
            ) % {"what": label, "value": value, "rise": rise, "day": _day(then), "before": previous}
            found.append((colour, text))
    return found


def _weekly(attr: str, days: dict[date, list[CheckIn]], day: date, t: Thresholds) -> list[tuple[Colour, str]]:
    def window(first: int, last: int) -> dict[date, list[int]]:
        return {
            d: values
            for d, items in days.items()
            if day - timedelta(days=first) <= d <= day - timedelta(days=last) and (values := _values(items, attr))
        }

    this_week = {d: max(v) for d, v in window(6, 0).items()}
    last_week = [min(v) for v in window(13, 7).values()]
    # A good morning today does not wipe out a week of worse ones: the mean counts today only when
    # today raises it, so answering today (or answering it higher) can never turn the light greener.
    earlier = [v for d, v in this_week.items() if d != day]
    means = [mean(values) for values in (earlier, list(this_week.values())) if values]
    if not means or not last_week or max(means) - mean(last_week) < t.weekly_rise:
        return []
    text = _("%(what)s averaged %(now).1f/10 over the last 7 days, against %(before).1f/10 the week before.") % {
        "what": MORNING_FIELDS[attr],
        "now": max(means),
        "before": mean(last_week),
    }
    return [(Colour.AMBER, text)]


def knee_light(entries: Sequence[CheckIn], knee: str, day: date, t: Thresholds | None = None) -> Light:
    """KNEE's light on DAY, from the check-ins in ENTRIES (any sides and days; "both" counts for each knee).

    The reasons do not name the knee; ``patient_light`` does.
    """
    t = t or Thresholds()
    if knee not in KNEES:
        raise ValueError(f"a knee is left or right, not {knee!r}")
    first = day - timedelta(days=HISTORY_DAYS)
    days = _by_day(e for e in entries if e.side in (knee, BOTH) and first <= e.day <= day)
    today = days.pop(day, [])
    if not today:
        return Light(Colour.NONE, str(ADVICE[Colour.NONE]))
    highest = {attr: max(_values(today, attr), default=None) for attr in ZONE_FIELDS}
    top = max(v for v in highest.values() if v is not None)
    zone_colour = zone(top, t)
    names = [str(ZONE_FIELDS[attr]) for attr, v in highest.items() if v == top]
    trend: list[tuple[Colour, str]] = []
    for attr in MORNING_FIELDS:
        trend += _morning(attr, today, days, day, t)
        trend += _weekly(attr, {**days, day: today}, day, t)
    colour = worst([zone_colour, *(c for c, _text in trend)])
    findings = sorted([(zone_colour, _zone_reason(top, names, zone_colour, t)), *trend], key=lambda f: -_RANK[f[0]])
    reasons = [text for c, text in findings if c is not Colour.GREEN]
    flags = sorted({f for e in today for f in e.flags}, key=lambda f: (-FLAG_LEVEL[f], FLAGS.index(f)))
    if not flags and not reasons:
        reasons = [findings[0][1]]  # a green light says why it is green
    if flags:
        level = max(FLAG_LEVEL[f] for f in flags)
        signs = [_("Warning sign: %(sign)s.") % {"sign": flag_text(f)} for f in flags]
        return Light(
            Colour.RED,
            triage.advice_for(level),
            urgent=level >= Level.URGENT,
            reasons=(*signs, *reasons),
            level=level,
            knee=knee,
        )
    # The day's pain sets the colour: the zone's advice; otherwise the morning or weekly rule did.
    advice = ADVICE[colour] if zone_colour is colour else TREND_ADVICE[colour]
    return Light(colour, str(advice), reasons=tuple(reasons), knee=knee)


def _named(knee: str, light: Light) -> tuple[str, ...]:
    return tuple(f"{KNEE_NAMES[knee]}: {r}" for r in light.reasons)


def patient_light(entries: Sequence[CheckIn], day: date, t: Thresholds | None = None) -> Light:
    """The patient's light on DAY: the worse knee's, with the knee named in the advice and each reason.

    Warning-sign advice is the self-check's, unchanged (it begins with when to act).
    """
    t = t or Thresholds()
    left, right = (knee_light(entries, knee, day, t) for knee in KNEES)
    if left.colour is Colour.NONE and right.colour is Colour.NONE:
        return left
    if left.severity == right.severity:
        knee, chosen = BOTH, left
        same = left.reasons == right.reasons
        reasons = _named(BOTH, left) if same else (*_named(LEFT, left), *_named(RIGHT, right))
    else:
        chosen = max(left, right, key=lambda light: light.severity)
        knee = chosen.knee
        reasons = _named(knee, chosen)
    advice = chosen.advice if chosen.level is not None else f"{KNEE_NAMES[knee]}: {chosen.advice}"
    return Light(chosen.colour, advice, urgent=chosen.urgent, reasons=reasons, level=chosen.level, knee=knee)


def daily_lights(entries: Sequence[CheckIn], days: Iterable[date], t: Thresholds | None = None) -> dict[date, Light]:
    """The patient's light on each of DAYS, judged on ENTRIES."""
    t = t or Thresholds()
    return {d: patient_light(entries, d, t) for d in days}
