"""What each self-check outcome page says: heading, what to do now, and where to read more.

The time frame of each level (``questions.TIME_FRAMES``) heads the page; the steps here say how.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class OutcomePage:
    heading: Any
    css: str
    steps: tuple[Any, ...]
    read_more: tuple[tuple[str, Any], ...]  # (anchor on the condition page, link text)


CONDITION_LINKS_ALWAYS = (
    ("#symptoms", _("The symptoms of runner's knee")),
    ("#when-to-get-help", _("When to get help now")),
)

OUTCOMES: dict[str, OutcomePage] = {
    "emergency": OutcomePage(
        heading=_("Get help now"),
        css="danger",
        steps=(
            _("Call 911 now, or go to an emergency room now if you can get there safely."),
            _("Do not wait for an appointment with us, and do not drive yourself if you feel unwell or faint."),
            _("Do not put weight on the leg if that hurts, and do not try to push a kneecap or joint back into place."),
            _("Take this page, or a note of your answers, with you."),
        ),
        read_more=(("#help-emergency", _("Emergency: the warning signs")),),
    ),
    "urgent": OutcomePage(
        heading=_("Get seen today or tomorrow"),
        css="warn",
        steps=(
            _(
                "Call us now for an appointment today or tomorrow. When we are closed, go to an urgent care center "
                "today rather than waiting for us to open."
            ),
            _("Until you are seen, rest the knee and avoid the activity that hurts. Do not run or play sport on it."),
            _(
                "If the knee gets much worse, you cannot put weight on the leg, or you get chest pain or become short "
                "of breath, call 911 or go to an emergency room."
            ),
        ),
        read_more=(("#help-urgent", _("Urgent: get seen today or tomorrow")),),
    ),
    "see_clinician": OutcomePage(
        heading=_("Book an appointment"),
        css="warn",
        steps=(
            _("Book an appointment in the next 1 to 2 weeks so a clinician can examine your knee and find the cause."),
            _("Until then avoid the activities that hurt, and keep moving in ways that do not."),
            _(
                "If a warning sign appears, such as a hot and swollen knee, a swollen or painful calf, or a knee that "
                "locks or cannot take your weight, get help sooner."
            ),
        ),
        read_more=(
            ("#help-review", _("See a clinician soon: what to look out for")),
            ("#treatment", _("Treatment, step by step")),
        ),
    ),
    "self_care": OutcomePage(
        heading=_("Start self-care"),
        css="",
        steps=(
            _(
                "Calm the knee down: rest from what hurts, ice for 15 to 20 minutes at a time for the first few days, "
                "and raise the leg when you sit."
            ),
            _(
                "Then build up: exercises that strengthen the hips and thighs have the best evidence. Our self-care "
                "plan takes you through them step by step."
            ),
            _("Go back to running gradually, and avoid runs much longer than your recent ones."),
        ),
        read_more=(
            ("#treatment-step-1", _("Step 1: calm the knee down")),
            ("#treatment", _("Treatment, step by step")),
        ),
    ),
}
