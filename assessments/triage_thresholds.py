"""The self-check triage's configurable thresholds, their safe bounds, and reading them from settings.

A practice may tune them through the ``ASSESSMENTS_TRIAGE`` setting; a value outside ``THRESHOLD_BOUNDS``
stops start-up (assessments/apps.py), so no setting can make a serious presentation reach self-care.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

#: name -> (lowest, highest) allowed. The bounds keep every setting on the safe side of the
#: published rule: a practice may be more cautious, never less.
THRESHOLD_BOUNDS: dict[str, tuple[int, int]] = {
    "high_pain_nrs": (5, 10),
    "max_self_care_weeks": (1, 26),
    "review_after_weeks": (1, 6),
    "old_fall_pain_nrs": (4, 10),
    "ottawa_age": (18, 55),
    "self_care_min_age": (12, 18),
    "self_care_max_age": (40, 59),
    "hip_urgent_min_age": (1, 8),
    "hip_urgent_max_age": (16, 18),
}


@dataclass(frozen=True)
class Thresholds:
    """The configurable parts of the rules; values outside ``THRESHOLD_BOUNDS`` raise ValueError."""

    #: Pain at or above this (0-10) sends a runner's-knee pattern to a clinician.
    high_pain_nrs: int = 8
    #: Lasting longer than this many weeks sends it to a clinician.
    max_self_care_weeks: int = 6
    #: Whether a knee that gives way needs a clinician even with a runner's-knee pattern.
    giving_way_needs_review: bool = True
    #: "Book if not better in N-M weeks" on a self-care result.
    review_after_weeks: tuple[int, int] = (2, 3)
    #: Pain at or above this (0-10) after a hard fall or blow to the knee needs a clinician.
    old_fall_pain_nrs: int = 6
    #: Ottawa knee rule age (Stiell 1996).
    ottawa_age: int = 55
    #: Self-care is offered only from this age to self_care_max_age, both included.
    self_care_min_age: int = 12
    self_care_max_age: int = 59
    #: Hip, groin or thigh pain is urgent at these ages (slipped upper femoral epiphysis).
    hip_urgent_min_age: int = 8
    hip_urgent_max_age: int = 16

    def __post_init__(self) -> None:
        for name, (low, high) in THRESHOLD_BOUNDS.items():
            value = getattr(self, name)
            values = value if isinstance(value, tuple) else (value,)
            if any(isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high for v in values):
                raise ValueError(f"triage setting {name} must be a whole number from {low} to {high}, not {value!r}")
        if len(self.review_after_weeks) != 2 or self.review_after_weeks[0] > self.review_after_weeks[1]:
            raise ValueError(
                f"triage setting review_after_weeks must be two numbers, the first not above the second, "
                f"not {self.review_after_weeks!r}"
            )
        if not isinstance(self.giving_way_needs_review, bool):
            raise ValueError("triage setting giving_way_needs_review must be true or false")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Thresholds:
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ValueError(f"unknown triage setting {', '.join(unknown)}; known: {', '.join(sorted(names))}")
        known = dict(values)
        if "review_after_weeks" in known:
            known["review_after_weeks"] = tuple(known["review_after_weeks"])
        return replace(cls(), **known)


DEFAULT_THRESHOLDS = Thresholds()


def configured_thresholds() -> Thresholds:
    """The thresholds from the ``ASSESSMENTS_TRIAGE`` setting; ImproperlyConfigured when out of bounds."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        return Thresholds.from_mapping(settings.ASSESSMENTS_TRIAGE)
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from None
