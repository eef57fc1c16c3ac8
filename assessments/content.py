"""What each self-check outcome page says: heading, what to do now, and where to read more."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutcomePage:
    heading: str
    css: str
    steps: tuple[str, ...]
    read_more: tuple[tuple[str, str], ...]  # (anchor on the condition page, link text)


CONDITION_LINKS_ALWAYS = (
    ("#symptoms", "The symptoms of runner's knee"),
    ("#when-to-get-help", "When to get help now"),
)

OUTCOMES: dict[str, OutcomePage] = {
    "emergency": OutcomePage(
        heading="Get help now",
        css="danger",
        steps=(
            "Call 911 if you cannot get to an emergency room safely, or if you feel very unwell.",
            "Otherwise go to an emergency room or urgent care today. Do not wait for an appointment with us.",
            "Do not put weight on the leg if that hurts, and do not try to push a kneecap or joint back into place.",
            "Take this page, or a note of your answers, with you.",
        ),
        read_more=(("#help-emergency", "Emergency or same day: the warning signs"),),
    ),
    "urgent": OutcomePage(
        heading="See a doctor within a few days",
        css="warn",
        steps=(
            "Call us to book an appointment in the next few days. If we are closed, leave a request and we will "
            "call you back.",
            "Until then rest the knee and avoid the activity that hurts. Do not run or play sport on it.",
            "If the knee gets much worse, becomes hot and red, or you cannot walk, go to urgent care.",
        ),
        read_more=(("#help-urgent", "Urgent: see a doctor within a few days"),),
    ),
    "see_clinician": OutcomePage(
        heading="Book an appointment",
        css="warn",
        steps=(
            "Book an appointment so a clinician can examine your knee and find the cause.",
            "Until then avoid the activities that hurt, and keep moving in ways that do not.",
            "If a warning sign appears, such as a hot, red and swollen knee or a knee that locks, get help sooner.",
        ),
        read_more=(
            ("#help-review", "See a clinician soon: what to look out for"),
            ("#treatment", "Treatment, step by step"),
        ),
    ),
    "self_care": OutcomePage(
        heading="Start self-care",
        css="",
        steps=(
            "Calm the knee down: rest from what hurts, ice for 15 to 20 minutes at a time for the first few days, "
            "and raise the leg when you sit.",
            "Then build up: exercises that strengthen the hips and thighs have the best evidence. Our self-care plan "
            "takes you through them step by step.",
            "Go back to running gradually, and avoid runs much longer than your recent ones.",
        ),
        read_more=(
            ("#treatment-step-1", "Step 1: calm the knee down"),
            ("#treatment", "Treatment, step by step"),
        ),
    ),
}
