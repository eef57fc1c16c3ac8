"""Kujala Anterior Knee Pain Scale (AKPS).

Kujala UM et al. Scoring of patellofemoral disorders. Arthroscopy. 1993;9(2):159-163.
13 items, one answer each, points summed to 0-100 (higher is better). An incomplete form is
not scored. MCID 10 points (Crossley KM et al. Arch Phys Med Rehabil. 2004;85(5):815-822).
Options and points follow the published table (docs/clinical-evidence.md section 2), in published order.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessments.instruments.base import Instrument, Item, options

VERSION = "kujala-1993"


def score(instrument: Instrument, points: Mapping[str, int]) -> float:
    """Sum of the 13 items' points (0-100)."""
    return float(sum(points.values()))


ITEMS = (
    Item(
        "limp",
        "Limp",
        options(("none", "None", 5), ("slight", "Slight or now and then", 3), ("constant", "Constant", 0)),
    ),
    Item(
        "support",
        "Support (putting weight on the leg)",
        options(
            ("full", "Full support without pain", 5),
            ("painful", "Painful", 3),
            ("impossible", "Putting weight on it is impossible", 0),
        ),
    ),
    Item(
        "walking",
        "Walking",
        options(
            ("unlimited", "Unlimited", 5),
            ("over_2km", "More than 2 km (about 1.2 miles)", 3),
            ("1_2km", "1 to 2 km (about 0.6 to 1.2 miles)", 2),
            ("unable", "Unable", 0),
        ),
    ),
    Item(
        "stairs",
        "Stairs",
        options(
            ("no_difficulty", "No difficulty", 10),
            ("slight_descending", "Slight pain when going down", 8),
            ("pain_both", "Pain both going down and going up", 5),
            ("unable", "Unable", 0),
        ),
    ),
    Item(
        "squatting",
        "Squatting",
        options(
            ("no_difficulty", "No difficulty", 5),
            ("repeated_painful", "Squatting again and again is painful", 4),
            ("painful_each_time", "Painful each time", 3),
            ("partial_weight", "Possible only with part of my weight on the leg", 2),
            ("unable", "Unable", 0),
        ),
    ),
    Item(
        "running",
        "Running",
        options(
            ("no_difficulty", "No difficulty", 10),
            ("pain_after_2km", "Pain after more than 2 km (about 1.2 miles)", 8),
            ("slight_from_start", "Slight pain from the start", 6),
            ("severe", "Severe pain", 3),
            ("unable", "Unable", 0),
        ),
    ),
    Item(
        "jumping",
        "Jumping",
        options(
            ("no_difficulty", "No difficulty", 10),
            ("slight_difficulty", "Slight difficulty", 7),
            ("constant_pain", "Constant pain", 2),
            ("unable", "Unable", 0),
        ),
    ),
    Item(
        "sitting",
        "Sitting for a long time with the knees bent",
        options(
            ("no_difficulty", "No difficulty", 10),
            ("pain_after_exercise", "Pain after exercise", 8),
            ("constant_pain", "Constant pain", 6),
            ("must_extend", "Pain makes me straighten my knees for a while", 4),
            ("unable", "Unable", 0),
        ),
    ),
    Item(
        "pain",
        "Pain",
        options(
            ("none", "None", 10),
            ("slight_occasional", "Slight and now and then", 8),
            ("interferes_sleep", "Disturbs my sleep", 6),
            ("occasionally_severe", "Sometimes severe", 3),
            ("constant_severe", "Constant and severe", 0),
        ),
    ),
    Item(
        "swelling",
        "Swelling",
        options(
            ("none", "None", 10),
            ("after_severe_exertion", "After hard exercise only", 8),
            ("after_daily_activities", "After everyday activities", 6),
            ("every_evening", "Every evening", 4),
            ("constant", "Constant", 0),
        ),
    ),
    Item(
        "subluxation",
        "Painful kneecap movements (the kneecap slipping partly out of place)",
        options(
            ("none", "None", 10),
            ("occasionally_sports", "Now and then during sport", 6),
            ("occasionally_daily", "Now and then during everyday activities", 4),
            ("one_dislocation", "At least one kneecap dislocation confirmed by a doctor", 2),
            ("over_two_dislocations", "More than two dislocations", 0),
        ),
    ),
    Item(
        "atrophy",
        "Thinning of the thigh muscles",
        options(("none", "None", 5), ("slight", "Slight", 3), ("severe", "Severe", 0)),
    ),
    Item(
        "flexion",
        "Trouble bending the knee fully",
        options(("none", "None", 5), ("slight", "Slight", 3), ("severe", "Severe", 0)),
    ),
)

AKPS = Instrument(
    code="akps",
    title="Anterior Knee Pain Scale (Kujala)",
    short_title="AKPS",
    version=VERSION,
    description="13 questions about how your knee copes with everyday activities and sport. "
    "0 to 100; higher is better.",
    intro="Choose the answer that fits your knee best over the past week.",
    items=ITEMS,
    max_score=100.0,
    higher_is_better=True,
    mcid=10.0,
    source="Kujala UM et al. Arthroscopy. 1993;9(2):159-163. MCID: Crossley KM et al. "
    "Arch Phys Med Rehabil. 2004;85(5):815-822.",
    scorer=score,
)
