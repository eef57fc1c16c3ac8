"""The diary's warning signs: what the daily check-in asks beside the pain scores, and each sign's level.

Three are the diary's own (urgent); the others are the self-check's questions with the self-check's
levels and words (assessments.questions), so a sign means the same wherever a patient answers it.
The pain light (care.pain_monitoring) turns red with the self-check's advice when one is answered yes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from assessments import questions
from assessments.questions import Level

#: The diary's own warning signs, all urgent (docs/clinical-evidence.md section 3: true locking, large or
#: rapid swelling; giving way again and again can mean an unstable knee).
DIARY_FLAGS: dict[str, Any] = {
    "locking": gettext_lazy("The knee locked (it got stuck and I could not straighten it)"),
    "large_swelling": gettext_lazy("The swelling was large or came on quickly"),
    "repeated_giving_way": gettext_lazy("The knee gave way more than once"),
}
#: The self-check's questions the diary asks too; their level and text come from the self-check.
SELF_CHECK_FLAGS = (
    "calf_swelling_or_pain",
    "chest_pain_or_breathless",
    "hot_swollen_no_fever",
    "hot_red_swollen_fever",
    "cannot_bear_weight",
    "cannot_straighten_or_lift_leg",
)
FLAG_LEVEL: dict[str, Level] = {
    **dict.fromkeys(DIARY_FLAGS, Level.URGENT),
    **{code: questions.FLAG_LEVEL[code] for code in SELF_CHECK_FLAGS},
}
#: Every warning sign, in the order the check-in asks them (also the DiaryEntry field names).
FLAGS = tuple(FLAG_LEVEL)
#: The check-in's question for each warning sign (lazy: wrap in str()).
FLAG_QUESTIONS: dict[str, Any] = {**DIARY_FLAGS, **{code: questions.RED_FLAGS[code] for code in SELF_CHECK_FLAGS}}


class UnknownFlag(ValueError):
    """A check-in names a warning sign the diary does not ask: never read it as "no sign"."""


def flag_text(code: str) -> str:
    """The warning sign's question, as the patient saw it."""
    return str(FLAG_QUESTIONS[code])
