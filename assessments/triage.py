"""Self-check triage: answers in, a safe next step out. Pure, no database.

The rules, each a floor: the outcome is the most serious level any of them reaches, so no
other answer can lower it (docs/clinical-safety.md lists the hazards these rules control).

1. Red flags set their own level (``FLAG_LEVEL``); some combinations are more serious than
   either part (``COMBINATIONS``): a hot swollen knee within 6 weeks of an operation or an
   injection can be a joint infection, and a knee that cannot take weight after a recent
   injury meets the Ottawa knee rules.
2. A recent injury that meets the Ottawa knee rules -> ``emergency`` (Stiell IG et al. JAMA.
   1996;275(8):611-615: X-ray when age 55+, isolated kneecap tenderness, fibular head
   tenderness, cannot flex to 90 degrees, or cannot take 4 steps).
3. Age: under 12, or 60 and over, is at least ``see_clinician`` whatever the pattern: in
   children other causes are likelier (the hip, the growth plates), from 60 osteoarthritis
   and other causes are (Gaitonde DY et al. Am Fam Physician. 2019;99(2):88-94). Hip, groin or
   thigh pain from 8 to 16 is ``urgent``: a slipped upper femoral epiphysis can show as knee
   pain only (Peck DM et al. Am Fam Physician. 2017;95(12):779-784).
4. A hard fall or blow to the knee with swelling, giving way or high pain -> ``see_clinician``.
5. Only when nothing above applies: pain around the kneecap plus at least one bent-knee
   loading symptom is consistent with runner's knee (Willy RW et al. JOSPT.
   2019;49(9):CPG1-CPG95) and gets ``self_care``, unless the pain is high, the knee gives way,
   or it has lasted long; those, and every other pattern, get ``see_clinician``.

The questions, their codes and their levels are in ``assessments.questions``; the thresholds in
``assessments.triage_thresholds`` (the ``ASSESSMENTS_TRIAGE`` setting, refused at start-up outside safe bounds).
Unknown codes raise ``UnknownCode``: a misspelt flag must never be read as "no flag".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.questions import (
    COMBINATIONS,
    FLAG_LEVEL,
    INJURY_FIELDS,
    LOADING_SYMPTOMS,
    OTTAWA_FINDINGS,
    OUTCOME_CODES,
    RED_FLAGS,
    RISK_FACTORS,
    SIDES,
    SYMPTOMS,
    TIME_FRAMES,
    Level,
)
from assessments.triage_thresholds import DEFAULT_THRESHOLDS, Thresholds

AGE_RANGE = (1, 120)
PAIN_RANGE = (0, 10)
MAX_WEEKS = 1040


class UnknownCode(ValueError):
    """An answer names a code the self-check does not have, or a value outside its range."""


@dataclass(frozen=True)
class Injury:
    recent: bool = False
    cannot_walk_4_steps: bool = False
    cannot_flex_90: bool = False
    fibular_head_tenderness: bool = False
    patella_tenderness_isolated: bool = False


def unknown_codes(values: Iterable[str], known: Mapping[str, Any]) -> list[str]:
    return sorted(v for v in values if v not in known)


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UnknownCode(f"{name} must be a whole number from {low} to {high}, not {value!r}")


@dataclass(frozen=True)
class Answers:
    """What the self-check asks. Codes are the keys of the dictionaries above; others raise UnknownCode."""

    age: int
    side: str = "left"
    symptoms: frozenset[str] = frozenset()
    red_flags: frozenset[str] = frozenset()
    risk_factors: frozenset[str] = frozenset()
    injury: Injury = field(default_factory=Injury)
    pain_nrs: int = 0
    duration_weeks: int = 0

    def __post_init__(self) -> None:
        _check_range("age", self.age, *AGE_RANGE)
        _check_range("pain_nrs", self.pain_nrs, *PAIN_RANGE)
        _check_range("duration_weeks", self.duration_weeks, 0, MAX_WEEKS)
        if self.side not in SIDES:
            raise UnknownCode(f"unknown side {self.side!r}; use one of {', '.join(SIDES)}")
        for what, values, known in (
            ("symptom", self.symptoms, SYMPTOMS),
            ("red flag", self.red_flags, RED_FLAGS),
            ("risk factor", self.risk_factors, RISK_FACTORS),
        ):
            unknown = unknown_codes(values, known)
            if unknown:
                raise UnknownCode(f"unknown {what} {', '.join(unknown)}; use only: {', '.join(known)}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Answers:
        injury = data.get("injury") or {}
        unknown = sorted(set(injury) - set(INJURY_FIELDS))
        if unknown:
            raise UnknownCode(f"unknown injury field {', '.join(unknown)}; use only: {', '.join(INJURY_FIELDS)}")
        return cls(
            age=int(data["age"]),
            side=str(data.get("side", "left")),
            symptoms=frozenset(data.get("symptoms") or ()),
            red_flags=frozenset(data.get("red_flags") or ()),
            risk_factors=frozenset(data.get("risk_factors") or ()),
            injury=Injury(**{k: bool(injury.get(k, False)) for k in INJURY_FIELDS}),
            pain_nrs=int(data.get("pain_nrs", 0)),
            duration_weeks=int(data.get("duration_weeks", 0)),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, lists in a stable order."""
        return {
            "age": self.age,
            "side": self.side,
            "symptoms": sorted(self.symptoms),
            "red_flags": sorted(self.red_flags),
            "risk_factors": sorted(self.risk_factors),
            "injury": {k: getattr(self.injury, k) for k in INJURY_FIELDS},
            "pain_nrs": self.pain_nrs,
            "duration_weeks": self.duration_weeks,
        }

    def flags(self) -> frozenset[str]:
        """The red flags, with those other answers imply: not managing 4 steps is not bearing weight."""
        implied = {"cannot_bear_weight"} if self.injury.cannot_walk_4_steps else set()
        return self.red_flags | implied


@dataclass(frozen=True)
class Result:
    outcome: str
    reasons: list[str]
    consistent_with_pfps: bool
    advice: str
    #: When to act, in words (``TIME_FRAMES``).
    time_frame: str = ""
    #: Risk factor codes that raised the outcome (the result page says so next to them).
    deciding_risk_factors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "consistent_with_pfps": self.consistent_with_pfps,
            "advice": self.advice,
            "time_frame": self.time_frame,
            "deciding_risk_factors": list(self.deciding_risk_factors),
        }


def ottawa_findings(answers: Answers, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """The Ottawa knee rule criteria met, in plain words; empty unless the injury is recent."""
    if not answers.injury.recent:
        return []
    met = [str(text) for code, text in OTTAWA_FINDINGS.items() if getattr(answers.injury, code)]
    if "cannot_bear_weight" in answers.red_flags and not answers.injury.cannot_walk_4_steps:
        met.append(_("you cannot take 4 steps on the leg now"))
    if answers.age >= thresholds.ottawa_age:
        met.insert(0, _("you are %(age)s or older") % {"age": thresholds.ottawa_age})
    return met


def advice_for(level: Level, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """What to do now for LEVEL, beginning with its time frame."""
    low, high = thresholds.review_after_weeks
    rest = {
        Level.EMERGENCY: _("Do not wait for an appointment with us."),
        Level.URGENT: _(
            "Until you are seen, rest the knee and avoid whatever brings on the pain. If it gets much worse, or you "
            "cannot put weight on the leg, go to an emergency room."
        ),
        Level.SEE_CLINICIAN: _(
            "A clinician should examine your knee. Until then avoid the activities that hurt and keep moving gently."
        ),
        Level.SELF_CARE: _(
            "Calm the knee down, then build up strength and activity step by step. Book an appointment if it is "
            "not clearly better in %(low)s to %(high)s weeks, or sooner if a warning sign appears."
        )
        % {"low": low, "high": high},
    }[level]
    return f"{TIME_FRAMES[level]} {rest}"


def _age_reason(age: int, thresholds: Thresholds) -> str | None:
    if age < thresholds.self_care_min_age:
        return _(
            "You are %(age)s. Under %(limit)s, knee pain more often has another cause, such as the hip or the growth "
            "plates, so a clinician should examine the knee before any self-care."
        ) % {"age": age, "limit": thresholds.self_care_min_age}
    if age > thresholds.self_care_max_age:
        return _(
            "You are %(age)s. From %(limit)s, knee pain more often comes from wear of the joint (osteoarthritis) or "
            "another cause, so a clinician should examine the knee before any self-care."
        ) % {"age": age, "limit": thresholds.self_care_max_age + 1}
    return None


def triage(answers: Answers, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Result:
    """Turn self-check answers into an outcome, the answers that led to it, and what to do now."""
    level = Level.SELF_CARE
    reasons: list[str] = []
    deciding: list[str] = []

    def raise_to(new: Level, reason: str) -> None:
        nonlocal level
        level = max(level, new)
        reasons.append(reason)

    flags = answers.flags()
    for code in sorted(flags, key=lambda c: (-FLAG_LEVEL[c], c)):
        raise_to(FLAG_LEVEL[code], f"{RED_FLAGS[code]}.")
    for flag, partners, combined, why in COMBINATIONS:
        if flag in flags and flags & partners:
            raise_to(combined, str(why))

    ottawa = ottawa_findings(answers, thresholds)
    if ottawa:
        raise_to(
            Level.EMERGENCY,
            _(
                "After your recent injury: %(findings)s. Doctors use these signs (the Ottawa knee rules) to decide "
                "that the knee needs an X-ray the same day."
            )
            % {"findings": "; ".join(ottawa)},
        )
    elif not answers.injury.recent and any(getattr(answers.injury, code) for code in OTTAWA_FINDINGS):
        # The Ottawa rules are for fresh injuries; these findings after an old one still need an exam.
        raise_to(Level.SEE_CLINICIAN, _("You describe tenderness or trouble bending or walking after an older injury."))

    if (
        "hip_groin_thigh_pain" in flags
        and thresholds.hip_urgent_min_age <= answers.age <= thresholds.hip_urgent_max_age
    ):
        raise_to(
            Level.URGENT,
            _(
                "At %(age)s, knee pain with pain in the hip, groin or thigh can come from the hip itself (a slipped "
                "upper femoral epiphysis, where the top of the thighbone slips at its growth plate). It needs to be "
                "seen quickly."
            )
            % {"age": answers.age},
        )

    age_reason = _age_reason(answers.age, thresholds)
    if age_reason:
        raise_to(Level.SEE_CLINICIAN, age_reason)

    if "fall_or_blow" in answers.risk_factors:
        signs = []
        if "knee_swelling" in answers.symptoms:
            signs.append(_("the knee swells"))
        if "giving_way" in answers.symptoms:
            signs.append(_("it feels like it gives way"))
        if answers.pain_nrs >= thresholds.old_fall_pain_nrs:
            signs.append(_("your pain is %(pain)s out of 10") % {"pain": answers.pain_nrs})
        if signs:
            when = _("recent") if answers.injury.recent else _("earlier")
            raise_to(
                Level.SEE_CLINICIAN,
                _(
                    "You had a hard fall or a blow to the knee (%(when)s), and %(signs)s. A clinician should check "
                    "the knee for an injury inside it."
                )
                % {"when": when, "signs": _(" and ").join(signs)},
            )
            deciding.append("fall_or_blow")

    loading = sorted(answers.symptoms & LOADING_SYMPTOMS)
    consistent = "pain_around_kneecap" in answers.symptoms and bool(loading)

    if level == Level.SELF_CARE:
        if consistent:
            reasons.append(
                _(
                    "You have pain around the kneecap that comes on with bent-knee activities (%(symptoms)s). This "
                    "is the typical pattern of runner's knee."
                )
                % {"symptoms": "; ".join(str(SYMPTOMS[c]).lower() for c in loading)}
            )
            if answers.pain_nrs >= thresholds.high_pain_nrs:
                raise_to(
                    Level.SEE_CLINICIAN,
                    _("Your pain is %(pain)s out of 10, which is high enough that a clinician should check it.")
                    % {"pain": answers.pain_nrs},
                )
            if "giving_way" in answers.symptoms and thresholds.giving_way_needs_review:
                raise_to(Level.SEE_CLINICIAN, _("Your knee feels like it gives way; a clinician should check why."))
            if answers.duration_weeks > thresholds.max_self_care_weeks:
                raise_to(
                    Level.SEE_CLINICIAN,
                    ngettext(
                        "The pain has lasted %(weeks)s week, longer than %(limit)s weeks.",
                        "The pain has lasted %(weeks)s weeks, longer than %(limit)s weeks.",
                        answers.duration_weeks,
                    )
                    % {"weeks": answers.duration_weeks, "limit": thresholds.max_self_care_weeks},
                )
            if level == Level.SELF_CARE:
                reasons.append(
                    _(
                        "You told us about no warning signs, and your age, the pain, how long it has lasted and how "
                        "the knee feels all fit starting with self-care."
                    )
                )
        else:
            level = Level.SEE_CLINICIAN
            if "pain_around_kneecap" not in answers.symptoms:
                reasons.append(
                    _(
                        "You did not describe pain around the kneecap, so your knee pain may have another cause that "
                        "a clinician should look at."
                    )
                )
            else:
                reasons.append(
                    _(
                        "Your pain around the kneecap does not come on with bent-knee activities such as squatting, "
                        "stairs or sitting, which is unusual for runner's knee, so a clinician should look at it."
                    )
                )
    return Result(
        outcome=OUTCOME_CODES[level],
        reasons=reasons,
        consistent_with_pfps=consistent,
        advice=advice_for(level, thresholds),
        time_frame=str(TIME_FRAMES[level]),
        deciding_risk_factors=deciding,
    )
