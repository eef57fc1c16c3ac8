"""The diary pain the /runs/ chart draws beside the running, read from the pain diary, which care owns.

care sits above training in the layers, so care supplies the reader at start-up (care/apps.py).
"""

from __future__ import annotations

from datetime import date

from accounts.models import User
from common.provided import Provided

#: (patient, first day, last day) -> Monday -> mean daily pain (0-10) of the week's check-ins.
weekly_diary_pain: Provided[[User, date, date], dict[date, float]] = Provided("the weekly diary pain (care)")


def diary_pain_by_week(patient: User, first: date, last: date) -> dict[date, float]:
    """Mean diary pain (0-10, care's daily pain: worst of the day, else now) per Monday, to one decimal."""
    return {week: round(pain, 1) for week, pain in weekly_diary_pain(patient, first, last).items()}
