"""Numeric pain rating scale, 0 (no pain) to 10 (worst pain imaginable).

MCID 1.16 points in patellofemoral pain (Piva SR, Gil AB, Moore CG, Fitzgerald GK. J Rehabil Med.
2009;41(3):129-135), as recorded in docs/clinical-evidence.md section 2. LOINC 72514-3 is the matching code for exports.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessments.instruments.base import Instrument, Item, Option

VERSION = "nrs-11"

LABELS = {0: "0 - no pain", 5: "5 - moderate pain", 10: "10 - worst pain imaginable"}


def score(instrument: Instrument, points: Mapping[str, int]) -> float:
    """The rating itself (0-10, lower is better)."""
    return float(points["pain"])


NPRS = Instrument(
    code="nprs",
    title="Pain rating (0 to 10)",
    short_title="Pain 0-10",
    version=VERSION,
    description="One number for how bad your knee pain has been over the past 24 hours. Lower is better.",
    intro="0 means no pain at all, 10 means the worst pain you can imagine.",
    items=(
        Item(
            "pain",
            "How bad has your knee pain been over the past 24 hours?",
            tuple(Option(str(n), LABELS.get(n, str(n)), n) for n in range(11)),
        ),
    ),
    max_score=10.0,
    higher_is_better=False,
    mcid=1.16,
    source="Piva SR et al. J Rehabil Med. 2009;41(3):129-135 (MCID 1.16 in patellofemoral pain).",
    scorer=score,
)
