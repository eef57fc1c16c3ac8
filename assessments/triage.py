"""Self-check triage: answers in, a safe next step out. Pure, no database.

Order of the rules (DOMAIN.md section 3; DESIGN.md "Safety"):

1. any emergency flag, or a recent injury that meets the Ottawa knee rules -> ``emergency``
   (Stiell IG et al. JAMA. 1996;275(8):611-615: X-ray when age 55+, isolated kneecap
   tenderness, fibular head tenderness, cannot flex to 90 degrees, or cannot take 4 steps);
2. else any urgent flag -> ``urgent``;
3. else any medical-review flag -> ``see_clinician``;
4. without flags: pain around the kneecap plus at least one bent-knee loading symptom is
   consistent with runner's knee (Willy RW et al. JOSPT. 2019;49(9):CPG1-CPG95) and gets
   ``self_care``, unless the pain is high, the knee gives way, or it has lasted long; those,
   and every other pattern, get ``see_clinician``.

A flag's level is a floor: the outcome is the most serious level any rule reaches, so no
other answer can lower it. The thresholds marked (S) in DOMAIN.md live in ``Thresholds`` and
can be changed through the ``ASSESSMENTS_TRIAGE`` Django setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Any


class Level(IntEnum):
    """Outcomes, least to most serious."""

    SELF_CARE = 0
    SEE_CLINICIAN = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def code(self) -> str:
        return OUTCOME_CODES[self]


OUTCOME_CODES = {
    Level.SELF_CARE: "self_care",
    Level.SEE_CLINICIAN: "see_clinician",
    Level.URGENT: "urgent",
    Level.EMERGENCY: "emergency",
}
LEVEL_BY_CODE = {code: level for level, code in OUTCOME_CODES.items()}

SIDES = {"left": "Left knee", "right": "Right knee", "both": "Both knees"}

SYMPTOMS: dict[str, str] = {
    "pain_around_kneecap": "Pain around or behind the kneecap",
    "pain_when_bending": "Pain or discomfort whenever the knee is bent, for example during exercise",
    "pain_sit_to_stand": "Pain when you stand up after sitting",
    "pain_prolonged_sitting": "Pain after sitting for a long time with your knees bent (a film, a long drive)",
    "pain_squatting": "Pain when you squat or bend down",
    "pain_going_down": "Pain going down stairs or walking downhill",
    "giving_way": "A feeling that the knee will give way or buckle",
    "tenderness_kneecap": "The edges of the kneecap are sore when pressed",
}
#: Bent-knee loading: the activities that reproduce patellofemoral pain (Willy 2019).
LOADING_SYMPTOMS = frozenset(
    {"pain_when_bending", "pain_sit_to_stand", "pain_prolonged_sitting", "pain_squatting", "pain_going_down"}
)

EMERGENCY_FLAGS: dict[str, str] = {
    "hot_red_swollen_fever": "The knee is hot, red and swollen and you have a fever or feel unwell",
    "deformity_after_injury": "After an injury the knee or kneecap looks out of shape, or a bone may be broken",
    "numbness_or_cold_foot": "The leg or foot is numb, tingling, cold, pale or blue",
}
URGENT_FLAGS: dict[str, str] = {
    "locked_knee": "The knee locks: it gets stuck and you cannot straighten it",
    "rapid_swelling_after_injury": "The knee swelled a lot, or within hours, after an injury",
    "kneecap_dislocated": "The kneecap slipped out of place (dislocated)",
    "suspected_ligament_injury": "You felt a pop or a tear during a twist and the knee now feels unstable",
}
REVIEW_FLAGS: dict[str, str] = {
    "night_or_rest_pain": "Pain at night or when you are resting",
    "constant_pain": "Pain that is there all the time, whatever you do",
    "unexplained_weight_loss": "Weight loss you cannot explain",
    "cancer_history": "You have had cancer",
    "lump": "A lump or bump near the knee",
    "multiple_joints": "Pain or swelling in several joints",
    "long_morning_stiffness": "Stiffness in the morning that lasts more than half an hour",
    "rapidly_worsening": "Pain that is getting quickly worse",
    "limp_or_fever_under_18": "Under 18 with a limp, a fever or pain at night",
}
RED_FLAGS: dict[str, str] = {**EMERGENCY_FLAGS, **URGENT_FLAGS, **REVIEW_FLAGS}
FLAG_LEVEL: dict[str, Level] = {
    **dict.fromkeys(EMERGENCY_FLAGS, Level.EMERGENCY),
    **dict.fromkeys(URGENT_FLAGS, Level.URGENT),
    **dict.fromkeys(REVIEW_FLAGS, Level.SEE_CLINICIAN),
}

RISK_FACTORS: dict[str, str] = {
    "jumping_plyometrics": "Jump training (plyometrics) or a lot of jumping",
    "lunges_deep_squats": "Lunges or deep squats in your training",
    "fall_or_blow": "A hard fall onto the knee or a direct blow to it",
    "misalignment": "You have been told the bones from your hips to your knees are not lined up well",
    "unbalanced_thigh_muscles": "Thigh muscles that are weak or uneven",
    "tight_hamstrings": "Tight hamstrings (the muscles at the back of the thigh)",
    "cartilage_wear": "Worn or softened cartilage behind the kneecap",
    "flat_feet": "Flat feet (fallen arches)",
    "over_pronation": "Feet that roll inward when you walk or run (over-pronation)",
    "mileage_increase": "A recent jump in running distance, or one run much longer than usual",
    "hills_uneven_surfaces": "Running on hills or uneven ground",
    "worn_shoes": "Old or worn-out running shoes",
}

#: The Ottawa knee rule findings, asked only after a recent injury.
OTTAWA_FINDINGS: dict[str, str] = {
    "patella_tenderness_isolated": "pressing on the kneecap hurts and no other bone around the knee is sore",
    "fibular_head_tenderness": "the bony bump on the outer side just below the knee is sore when pressed",
    "cannot_flex_90": "you cannot bend the knee to a right angle (90 degrees)",
    "cannot_walk_4_steps": "you could not take 4 steps right after the injury and still cannot",
}
INJURY_FIELDS = ("recent", *OTTAWA_FINDINGS)


@dataclass(frozen=True)
class Thresholds:
    """The configurable parts of the rules (DOMAIN.md marks them (S))."""

    #: Pain at or above this (0-10) sends a runner's-knee pattern to a clinician.
    high_pain_nrs: int = 8
    #: Lasting longer than this many weeks sends it to a clinician.
    max_self_care_weeks: int = 6
    #: Whether a knee that gives way needs a clinician even with a runner's-knee pattern.
    giving_way_needs_review: bool = True
    #: "Book if not better in N-M weeks" on a self-care result.
    review_after_weeks: tuple[int, int] = (2, 3)
    #: Ottawa knee rule age (Stiell 1996).
    ottawa_age: int = 55

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Thresholds:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        if "review_after_weeks" in known:
            known["review_after_weeks"] = tuple(known["review_after_weeks"])
        return replace(cls(), **known)


DEFAULT_THRESHOLDS = Thresholds()


def configured_thresholds() -> Thresholds:
    """The thresholds from the ``ASSESSMENTS_TRIAGE`` Django setting, defaults for anything not set."""
    from django.conf import settings

    return Thresholds.from_mapping(getattr(settings, "ASSESSMENTS_TRIAGE", {}) or {})


@dataclass(frozen=True)
class Injury:
    recent: bool = False
    cannot_walk_4_steps: bool = False
    cannot_flex_90: bool = False
    fibular_head_tenderness: bool = False
    patella_tenderness_isolated: bool = False


@dataclass(frozen=True)
class Answers:
    """What the self-check asks. Codes are the keys of the dictionaries above."""

    age: int
    side: str = "left"
    symptoms: frozenset[str] = frozenset()
    red_flags: frozenset[str] = frozenset()
    risk_factors: frozenset[str] = frozenset()
    injury: Injury = field(default_factory=Injury)
    pain_nrs: int = 0
    duration_weeks: int = 0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Answers:
        injury = data.get("injury") or {}
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


@dataclass(frozen=True)
class Result:
    outcome: str
    reasons: list[str]
    consistent_with_pfps: bool
    advice: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "consistent_with_pfps": self.consistent_with_pfps,
            "advice": self.advice,
        }


def ottawa_findings(answers: Answers, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """The Ottawa knee rule criteria met, in plain words; empty unless the injury is recent."""
    if not answers.injury.recent:
        return []
    met = [text for code, text in OTTAWA_FINDINGS.items() if getattr(answers.injury, code)]
    if answers.age >= thresholds.ottawa_age:
        met.insert(0, f"you are {thresholds.ottawa_age} or older")
    return met


def unknown_codes(values: Iterable[str], known: Mapping[str, str]) -> list[str]:
    return sorted(v for v in values if v not in known)


def advice_for(level: Level, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    low, high = thresholds.review_after_weeks
    return {
        Level.EMERGENCY: "Call 911 or go to an emergency room now. "
        "After an injury that needs an X-ray, go to an emergency room or urgent care today.",
        Level.URGENT: "See a doctor within the next few days. Call us to book; "
        "until then rest the knee and avoid whatever brings on the pain. "
        "If it gets much worse, go to urgent care.",
        Level.SEE_CLINICIAN: "Book an appointment so a clinician can examine your knee. "
        "Until then avoid the activities that hurt and keep moving gently.",
        Level.SELF_CARE: "Start the self-care plan: calm the knee down, then build up strength and activity step by "
        f"step. Book an appointment if it is not clearly better in {low} to {high} weeks, or sooner if a warning "
        "sign appears.",
    }[level]


def triage(answers: Answers, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Result:
    """Turn self-check answers into an outcome, the answers that led to it, and what to do now."""
    level = Level.SELF_CARE
    reasons: list[str] = []

    def raise_to(new: Level, reason: str) -> None:
        nonlocal level
        level = max(level, new)
        reasons.append(reason)

    for code in sorted(answers.red_flags, key=lambda c: (-FLAG_LEVEL.get(c, Level.SELF_CARE), c)):
        if code in FLAG_LEVEL:
            raise_to(FLAG_LEVEL[code], RED_FLAGS[code] + ".")

    ottawa = ottawa_findings(answers, thresholds)
    if ottawa:
        raise_to(
            Level.EMERGENCY,
            "After your recent injury: " + "; ".join(ottawa) + ". Doctors use these signs (the Ottawa knee rules) "
            "to decide that the knee needs an X-ray the same day.",
        )
    elif not answers.injury.recent and any(getattr(answers.injury, code) for code in OTTAWA_FINDINGS):
        # The Ottawa rules are for fresh injuries; these findings after an old one still need an exam.
        raise_to(Level.SEE_CLINICIAN, "You describe tenderness or trouble bending or walking after an older injury.")

    loading = sorted(answers.symptoms & LOADING_SYMPTOMS)
    consistent = "pain_around_kneecap" in answers.symptoms and bool(loading)

    if level == Level.SELF_CARE:
        if consistent:
            reasons.append(
                "You have pain around the kneecap that comes on with bent-knee activities ("
                + "; ".join(SYMPTOMS[c].lower() for c in loading)
                + "). This is the typical pattern of runner's knee."
            )
            if answers.pain_nrs >= thresholds.high_pain_nrs:
                raise_to(
                    Level.SEE_CLINICIAN,
                    f"Your pain is {answers.pain_nrs} out of 10, which is high enough that a clinician should check "
                    "it.",
                )
            if "giving_way" in answers.symptoms and thresholds.giving_way_needs_review:
                raise_to(Level.SEE_CLINICIAN, "Your knee feels like it gives way; a clinician should check why.")
            if answers.duration_weeks > thresholds.max_self_care_weeks:
                raise_to(
                    Level.SEE_CLINICIAN,
                    f"The pain has lasted {answers.duration_weeks} weeks, longer than "
                    f"{thresholds.max_self_care_weeks} weeks.",
                )
            if level == Level.SELF_CARE:
                reasons.append(
                    "You told us about no warning signs, and the pain, how long it has lasted and how the knee feels "
                    "all fit starting with self-care."
                )
        else:
            level = Level.SEE_CLINICIAN
            if "pain_around_kneecap" not in answers.symptoms:
                reasons.append(
                    "You did not describe pain around the kneecap, so your knee pain may have another cause that "
                    "a clinician should look at."
                )
            else:
                reasons.append(
                    "Your pain around the kneecap does not come on with bent-knee activities such as squatting, "
                    "stairs or sitting, which is unusual for runner's knee, so a clinician should look at it."
                )
    return Result(OUTCOME_CODES[level], reasons, consistent, advice_for(level, thresholds))
