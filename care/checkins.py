"""A diary check-in as the pain rules read it, and the pain of a day: the worst pain, else the pain now.

"Daily pain" is defined here once; the pain light (care.pain_monitoring), escalation, the roster and the
charts all read it from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy

from care.warning_signs import FLAGS, UnknownFlag

LEFT, RIGHT, BOTH = "left", "right", "both"
KNEES = (LEFT, RIGHT)
SIDES = (LEFT, RIGHT, BOTH)
KNEE_NAMES: dict[str, Any] = {
    LEFT: gettext_lazy("Left knee"),
    RIGHT: gettext_lazy("Right knee"),
    BOTH: gettext_lazy("Both knees"),
}


@dataclass(frozen=True)
class CheckIn:
    """One diary entry: a day and a side (left, right, or both knees). Pain and stiffness 0-10, None unanswered.

    FLAGS are the warning signs answered yes (codes of ``FLAGS``).
    """

    day: date
    pain_now: int
    pain_worst: int | None = None
    pain_during_activity: int | None = None
    pain_after_activity: int | None = None
    morning_pain: int | None = None
    morning_stiffness: int | None = None
    side: str = BOTH
    flags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.side not in SIDES:
            raise ValueError(f"unknown side {self.side!r}; use one of {', '.join(SIDES)}")
        unknown = sorted(set(self.flags) - set(FLAGS))
        if unknown:
            raise UnknownFlag(f"unknown warning sign {', '.join(unknown)}; use only: {', '.join(FLAGS)}")

    @property
    def pain(self) -> float:
        """This check-in's pain of the day, 0-10 (``day_pain``)."""
        return day_pain(self.pain_worst, self.pain_now)


def day_pain(worst: int | None, now: int) -> float:
    """A check-in's pain of the day, 0-10: the worst pain of the day when answered, else pain now.

    Each check-in is one knee's (or both knees') day: a day with a left and a right check-in has two.
    """
    return float(worst if worst is not None else now)


def daily_pain(entries: Iterable[CheckIn]) -> dict[date, float]:
    """The patient's pain (0-10) of each day with a check-in: the worse knee's, as for the light.

    A "both" check-in counts for each knee, so that is the highest check-in of the day.
    """
    days: dict[date, float] = {}
    for e in entries:
        days[e.day] = max(e.pain, days.get(e.day, e.pain))
    return days
