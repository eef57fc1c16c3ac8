"""The questionnaire schedule: which follow-up is due, and whether it is overdue. Pure, no database.

AKPS and KOOS-PF are filled at baseline and then at weeks 2, 6 and 12 after it (the weeks are
configurable through the ``ASSESSMENTS_SCHEDULE`` setting; one installation serves one practice,
so this is the practice's schedule). A follow-up can be filled from a few days before its date;
only the latest follow-up whose window has opened is offered, so a missed one does not pile up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class ScheduleConfig:
    #: Weeks after baseline; 0 is the baseline itself.
    weeks: tuple[int, ...] = (0, 2, 6, 12)
    #: A follow-up may be filled this many days before its date.
    open_days_before: int = 3
    #: A questionnaire is overdue this many days after its date.
    overdue_after_days: int = 7

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> ScheduleConfig:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        if "weeks" in known:
            known["weeks"] = tuple(sorted({int(w) for w in known["weeks"]} | {0}))
        return replace(cls(), **known)


DEFAULT_SCHEDULE = ScheduleConfig()


def configured_schedule() -> ScheduleConfig:
    from django.conf import settings

    return ScheduleConfig.from_mapping(settings.ASSESSMENTS_SCHEDULE)


@dataclass(frozen=True)
class Timepoint:
    week: int
    due_date: date
    overdue: bool

    @property
    def label(self) -> str:
        return "Baseline" if self.week == 0 else f"Week {self.week}"


def _overdue(due: date, today: date, config: ScheduleConfig) -> bool:
    return today > due + timedelta(days=config.overdue_after_days)


def next_due(
    baseline: date | None,
    filled_on: Iterable[date],
    today: date,
    *,
    joined: date,
    config: ScheduleConfig = DEFAULT_SCHEDULE,
) -> Timepoint | None:
    """The timepoint of one instrument that is due today, or None.

    BASELINE is the patient's first questionnaire date (any scheduled instrument); FILLED_ON the
    dates this instrument was filled (current responses). Without any response of this
    instrument its baseline is due, dated from BASELINE or, before any questionnaire, JOINED.
    """
    dates = sorted(set(filled_on))
    if not dates:
        due = baseline or joined
        return Timepoint(0, due, _overdue(due, today, config))
    anchor = baseline or dates[0]
    open_points = [
        w for w in config.weeks if w > 0 and today >= anchor + timedelta(weeks=w, days=-config.open_days_before)
    ]
    if not open_points:
        return None
    week = open_points[-1]
    due = anchor + timedelta(weeks=week)
    window_start = due - timedelta(days=config.open_days_before)
    if any(d >= window_start for d in dates):
        return None
    return Timepoint(week, due, _overdue(due, today, config))
