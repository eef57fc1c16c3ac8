"""Return to running: the University of Delaware walk-jog progression (docs/clinical-evidence.md section 7).

Capin & Snyder-Mackler 2018, Ann Joint 3:40: 8 levels up to 3 miles; move up
only after a session with no extra pain or swelling; at most 4 sessions a week,
never on consecutive days, at most 2 levels in 7 days. We add the US Army
programme's advice (Crowell 2023, Trials 24): flat, smooth ground only, and
step back a level after a red pain day. Distances in miles as published, with metres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MILE_M = 1609.344
MAX_PER_WEEK = 4
MAX_LEVELS_PER_WEEK = 2
SURFACE_ADVICE = "Flat, smooth ground only: a track, a level path or a treadmill. No hills, trails or cambered roads."


@dataclass(frozen=True)
class Level:
    number: int
    description: str
    total_miles: float

    @property
    def total_m(self) -> int:
        return round(self.total_miles * MILE_M)


LEVELS: tuple[Level, ...] = (
    Level(1, "Walk 0.1 mile, jog 0.1 mile; repeat 10 times", 2.0),
    Level(2, "Walk 0.1 mile, jog 0.2 mile; repeat 7 times", 2.1),
    Level(3, "Walk 0.1 mile, jog 0.3 mile; repeat 5 times", 2.0),
    Level(4, "Walk 0.1 mile, jog 0.4 mile; repeat 4 times", 2.0),
    Level(5, "Jog 2 miles without walking", 2.0),
    Level(6, "Jog 2.5 miles", 2.5),
    Level(7, "Jog 3 miles", 3.0),
    Level(8, "3 miles, switching between jogging and faster running every 0.25 mile", 3.0),
)


@dataclass(frozen=True)
class Session:
    day: date
    level: int
    more_pain: bool = False
    more_swelling: bool = False


@dataclass(frozen=True)
class NextSession:
    level: int
    can_run_today: bool
    why_not_today: str
    explanation: str
    finished: bool = False

    @property
    def details(self) -> Level:
        return LEVELS[self.level - 1]


def _next_level(sessions: Sequence[Session], today: date, red_days: Sequence[date]) -> tuple[int, str, bool]:
    if not sessions:
        return 1, "Start at level 1.", False
    last = sessions[-1]
    if any(last.day < d <= today for d in red_days) or any(d == last.day for d in red_days):
        level = max(1, last.level - 1)
        return level, f"You had a red pain day after your last session, so go back to level {level}.", False
    if last.more_pain or last.more_swelling:
        return last.level, f"Your last session brought more pain or swelling: repeat level {last.level}.", False
    if last.level >= len(LEVELS):
        return last.level, "You have completed the progression. Talk to your clinician about running freely.", True
    # Levels gained within 7 days (today and the 6 before), counting the advance we are about to make;
    # the level reached before that window is the starting point (or the first level ever run).
    window_start = today - timedelta(days=6)
    before = [s for s in sessions if s.day < window_start]
    start_level = before[-1].level if before else sessions[0].level
    gained = last.level + 1 - start_level
    if gained > MAX_LEVELS_PER_WEEK:
        why = f"You have moved up {MAX_LEVELS_PER_WEEK} levels this week: repeat level {last.level}."
        return last.level, why, False
    return last.level + 1, f"Your last session went well: move up to level {last.level + 1}.", False


def next_session(sessions: Sequence[Session], today: date, red_days: Sequence[date] = ()) -> NextSession:
    """What to run next, and whether today is allowed. SESSIONS in any order; RED_DAYS are red-light dates."""
    ordered = sorted((s for s in sessions if s.day <= today), key=lambda s: s.day)
    level, explanation, finished = _next_level(ordered, today, red_days)
    days = {s.day for s in ordered}
    why_not = ""
    if today in days:
        why_not = "You have already run today."
    elif today - timedelta(days=1) in days:
        why_not = "You ran yesterday: rest today, never run on two days in a row."
    elif sum(1 for d in days if today - timedelta(days=6) <= d <= today) >= MAX_PER_WEEK:
        why_not = f"You have run {MAX_PER_WEEK} times in the last 7 days: rest until the oldest drops out."
    elif today in red_days:
        why_not = "Today is a red pain day: no running today."
    return NextSession(level, not why_not and not finished, why_not, explanation, finished)


def check_new_session(sessions: Sequence[Session], new: Session, red_days: Sequence[date] = ()) -> dict[str, str]:
    """Field errors for logging NEW; empty when the session keeps to the rules."""
    errors: dict[str, str] = {}
    if new.level not in range(1, len(LEVELS) + 1):
        errors["level"] = f"Choose a level from 1 to {len(LEVELS)}."
        return errors
    earlier = [s for s in sessions if s.day < new.day]
    plan = next_session(earlier, new.day, red_days)
    if not plan.can_run_today:
        errors["date"] = plan.why_not_today or plan.explanation
    elif new.level > plan.level:
        errors["level"] = f"Level {plan.level} is next. {plan.explanation}"
    later = [s for s in sessions if s.day > new.day]
    if later and later[0].day - new.day <= timedelta(days=1):
        errors.setdefault("date", "You ran the day after: never run on two days in a row.")
    return errors
