"""KOOS-PF: the patellofemoral pain and osteoarthritis subscale of the KOOS.

Crossley KM, Macri EM, Cowan SM, Collins NJ, Roos EM. The patellofemoral pain and osteoarthritis
subscale of the KOOS (KOOS-PF): development and validation using the COSMIN checklist.
Br J Sports Med. 2018;52(17):1130-1136. doi:10.1136/bjsports-2016-096776

11 items scored 0 (no problems) to 4 (extreme problems). Score = 100 - 25 x mean item score
(100 = no problems). Scored only when at least 6 of the 11 items are answered (the KOOS rule of
at least half the items of a subscale). Minimal important change 16.4 (Crossley 2018).

Wording: the published item texts could not be checked against the paper's appendix or the KOOS
user's guide while this was written. The questions below are the project's plain-language
paraphrase of the item topics the paper names (stiffness; pain during activities
that load the kneecap joint such as stairs, squatting, kneeling, running, jumping and rising
from sitting; knee-related quality of life). The answer scales follow the KOOS conventions as a
research group's scoring script codes KOOS-PF items PF1-PF11: PF2-PF3 Never-Always, PF11 Not at
all-Totally, the others None-Extreme, each 0-4. The version string says "paraphrase"; a practice
that uses the licensed original text replaces the labels and bumps the version.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessments.instruments.base import Instrument, Item, options

VERSION = "crossley-2018-paraphrase-1"
MIN_ITEMS = 6

SEVERITY = options(
    ("none", "None", 0),
    ("mild", "Mild", 1),
    ("moderate", "Moderate", 2),
    ("severe", "Severe", 3),
    ("extreme", "Extreme", 4),
)
FREQUENCY = options(
    ("never", "Never", 0),
    ("monthly", "Monthly", 1),
    ("weekly", "Weekly", 2),
    ("daily", "Daily", 3),
    ("always", "Always", 4),
)
EXTENT = options(
    ("not_at_all", "Not at all", 0),
    ("mildly", "Mildly", 1),
    ("moderately", "Moderately", 2),
    ("severely", "Severely", 3),
    ("totally", "Totally", 4),
)


def score(instrument: Instrument, points: Mapping[str, int]) -> float:
    """100 - 25 x mean of the answered items (0-100, higher is better)."""
    values = list(points.values())
    return 100.0 - 25.0 * (sum(values) / len(values))


ITEMS = (
    Item("pf1", "How stiff is your knee after you have been sitting or resting?", SEVERITY),
    Item("pf2", "How often do you have knee pain?", FREQUENCY),
    Item("pf3", "How often do you notice your knee problem during the day?", FREQUENCY),
    Item("pf4", "How much knee pain have you had going up stairs?", SEVERITY),
    Item("pf5", "How much knee pain have you had going down stairs?", SEVERITY),
    Item("pf6", "How much knee pain have you had when squatting?", SEVERITY),
    Item("pf7", "How much knee pain have you had when kneeling?", SEVERITY),
    Item("pf8", "How much knee pain have you had when running?", SEVERITY),
    Item("pf9", "How much knee pain have you had when jumping?", SEVERITY),
    Item("pf10", "How much knee pain have you had when standing up from sitting?", SEVERITY),
    Item("pf11", "How much have you changed the way you live to avoid things that might hurt your knee?", EXTENT),
)

KOOS_PF = Instrument(
    code="koos_pf",
    title="KOOS patellofemoral subscale (KOOS-PF)",
    short_title="KOOS-PF",
    version=VERSION,
    description="11 questions about knee pain during activities that load the kneecap. 0 to 100; higher is better.",
    intro="Think about your knee during the past week. Answer at least 6 of the 11 questions; "
    "leave out any that do not apply to you.",
    items=ITEMS,
    max_score=100.0,
    higher_is_better=True,
    mcid=16.4,
    source="Crossley KM et al. Br J Sports Med. 2018;52(17):1130-1136 (minimal important change 16.4).",
    scorer=score,
    min_items=MIN_ITEMS,
)
