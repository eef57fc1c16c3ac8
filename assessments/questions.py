"""What the self-check asks and what each answer weighs: the care levels, the symptoms, the red flags
with their levels and combinations, the risk factors and the Ottawa injury findings. Pure data.

``assessments.triage`` applies the rules to these codes; the form, the API, the diary's warning signs
and the condition page's "when to get help" all ask from these lists, so a question is written once.
Sources for each level are in docs/clinical-evidence.md; the hazards they control in docs/clinical-safety.md.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy


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

#: When to act, in words; every page and message that names a level says it this way.
TIME_FRAMES: dict[Level, Any] = {
    Level.EMERGENCY: gettext_lazy("Now: call 911 or go to an emergency room."),
    Level.URGENT: gettext_lazy(
        "Today or tomorrow: call the practice now, or go to an urgent care center when the practice is closed."
    ),
    Level.SEE_CLINICIAN: gettext_lazy("Book an appointment in the next 1 to 2 weeks."),
    Level.SELF_CARE: gettext_lazy("Start self-care today."),
}

SIDES = {"left": gettext_lazy("Left knee"), "right": gettext_lazy("Right knee"), "both": gettext_lazy("Both knees")}

SYMPTOMS: dict[str, Any] = {
    "pain_around_kneecap": gettext_lazy("Pain around or behind the kneecap"),
    "pain_when_bending": gettext_lazy("Pain or discomfort whenever the knee is bent, for example during exercise"),
    "pain_sit_to_stand": gettext_lazy("Pain when you stand up after sitting"),
    "pain_prolonged_sitting": gettext_lazy(
        "Pain after sitting for a long time with your knees bent (a film, a long drive)"
    ),
    "pain_squatting": gettext_lazy("Pain when you squat or bend down"),
    "pain_going_down": gettext_lazy("Pain going down stairs or walking downhill"),
    "giving_way": gettext_lazy("A feeling that the knee will give way or buckle"),
    "tenderness_kneecap": gettext_lazy("The edges of the kneecap are sore when pressed"),
    "knee_swelling": gettext_lazy("The knee swells, after an injury or without one"),
}
#: Bent-knee loading: the activities that reproduce patellofemoral pain (Willy 2019).
LOADING_SYMPTOMS = frozenset(
    {"pain_when_bending", "pain_sit_to_stand", "pain_prolonged_sitting", "pain_squatting", "pain_going_down"}
)

EMERGENCY_FLAGS: dict[str, Any] = {
    "hot_red_swollen_fever": gettext_lazy("The knee is hot, red and swollen and you have a fever or feel unwell"),
    "deformity_after_injury": gettext_lazy(
        "After an injury the knee or kneecap looks out of shape, or a bone may be broken"
    ),
    "cannot_straighten_or_lift_leg": gettext_lazy(
        "Since an injury (recent or not) you cannot fully straighten the knee, or cannot lift the straight leg "
        "off the bed"
    ),
    "numbness_or_cold_foot": gettext_lazy("The leg or foot is numb, tingling, cold, pale or blue"),
    "chest_pain_or_breathless": gettext_lazy("New chest pain, or you are short of breath"),
}
URGENT_FLAGS: dict[str, Any] = {
    "hot_swollen_no_fever": gettext_lazy("The knee is hot and swollen (red or not), without a fever"),
    "calf_swelling_or_pain": gettext_lazy(
        "The calf is swollen, tender or painful, or one leg has suddenly become bigger than the other"
    ),
    "cannot_bear_weight": gettext_lazy("You cannot take 4 steps on the leg now, even with a limp"),
    "locked_knee": gettext_lazy("The knee locks: it gets stuck and you cannot straighten it"),
    "rapid_swelling_after_injury": gettext_lazy("The knee swelled a lot, or within hours, after an injury"),
    "kneecap_dislocated": gettext_lazy("The kneecap slipped out of place (dislocated)"),
    "suspected_ligament_injury": gettext_lazy(
        "You felt a pop or a tear during a twist and the knee now feels unstable"
    ),
}
REVIEW_FLAGS: dict[str, Any] = {
    "recent_knee_surgery_or_injection": gettext_lazy(
        "You had a knee operation, an arthroscopy or an injection into the knee in the last 6 weeks"
    ),
    "hip_groin_thigh_pain": gettext_lazy("You also have pain in the hip, the groin or the thigh"),
    "swelling_without_injury": gettext_lazy("The knee swells without an injury"),
    "leg_weakness_or_back_pain": gettext_lazy("The leg feels weak, or back pain spreads down the leg"),
    "night_or_rest_pain": gettext_lazy("Pain at night or when you are resting"),
    "constant_pain": gettext_lazy("Pain that is there all the time, whatever you do"),
    "unexplained_weight_loss": gettext_lazy("Weight loss you cannot explain"),
    "cancer_history": gettext_lazy("You have had cancer"),
    "lump": gettext_lazy("A lump or bump near the knee"),
    "multiple_joints": gettext_lazy("Pain or swelling in several joints"),
    "long_morning_stiffness": gettext_lazy("Stiffness in the morning that lasts more than half an hour"),
    "rapidly_worsening": gettext_lazy("Pain that is getting quickly worse"),
    "limp_or_fever_under_18": gettext_lazy("Under 18 with a limp, a fever or pain at night"),
}
RED_FLAGS: dict[str, Any] = {**EMERGENCY_FLAGS, **URGENT_FLAGS, **REVIEW_FLAGS}
FLAG_LEVEL: dict[str, Level] = {
    **dict.fromkeys(EMERGENCY_FLAGS, Level.EMERGENCY),
    **dict.fromkeys(URGENT_FLAGS, Level.URGENT),
    **dict.fromkeys(REVIEW_FLAGS, Level.SEE_CLINICIAN),
}

#: Flags that are more serious together: (flag, any one of these, level, why).
COMBINATIONS: tuple[tuple[str, frozenset[str], Level, Any], ...] = (
    (
        "recent_knee_surgery_or_injection",
        frozenset({"hot_swollen_no_fever", "hot_red_swollen_fever"}),
        Level.EMERGENCY,
        gettext_lazy(
            "A hot, swollen knee within 6 weeks of an operation or an injection can be an infection of the joint, "
            "which needs treatment straight away."
        ),
    ),
)

RISK_FACTORS: dict[str, Any] = {
    "jumping_plyometrics": gettext_lazy("Jump training (plyometrics) or a lot of jumping"),
    "lunges_deep_squats": gettext_lazy("Lunges or deep squats in your training"),
    "fall_or_blow": gettext_lazy("A hard fall onto the knee or a direct blow to it"),
    "misalignment": gettext_lazy("You have been told the bones from your hips to your knees are not lined up well"),
    "unbalanced_thigh_muscles": gettext_lazy("Thigh muscles that are weak or uneven"),
    "tight_hamstrings": gettext_lazy("Tight hamstrings (the muscles at the back of the thigh)"),
    "cartilage_wear": gettext_lazy("Worn or softened cartilage behind the kneecap"),
    "flat_feet": gettext_lazy("Flat feet (fallen arches)"),
    "over_pronation": gettext_lazy("Feet that roll inward when you walk or run (over-pronation)"),
    "mileage_increase": gettext_lazy("A recent jump in running distance, or one run much longer than usual"),
    "hills_uneven_surfaces": gettext_lazy("Running on hills or uneven ground"),
    "worn_shoes": gettext_lazy("Old or worn-out running shoes"),
}

#: The Ottawa knee rule findings, asked after an injury (they count only when it was recent).
OTTAWA_FINDINGS: dict[str, Any] = {
    "patella_tenderness_isolated": gettext_lazy(
        "pressing on the kneecap hurts and no other bone around the knee is sore"
    ),
    "fibular_head_tenderness": gettext_lazy("the bony bump on the outer side just below the knee is sore when pressed"),
    "cannot_flex_90": gettext_lazy("you cannot bend the knee to a right angle (90 degrees)"),
    "cannot_walk_4_steps": gettext_lazy("you could not take 4 steps right after the injury and still cannot"),
}
INJURY_FIELDS = ("recent", *OTTAWA_FINDINGS)


def flag_text(code: str) -> str:
    """A red flag's question as a sentence-case string."""
    return str(capfirst(RED_FLAGS[code]))
