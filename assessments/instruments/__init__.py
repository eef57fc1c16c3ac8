"""The validated instruments, by code: AKPS, KOOS-PF and the 0-10 pain rating."""

from __future__ import annotations

from assessments.instruments.akps import AKPS
from assessments.instruments.base import AnswerError, Instrument, Item, Option, Score
from assessments.instruments.koos_pf import KOOS_PF
from assessments.instruments.nprs import NPRS

INSTRUMENTS: dict[str, Instrument] = {i.code: i for i in (AKPS, KOOS_PF, NPRS)}

#: The instruments patients fill on the questionnaire schedule (NPRS goes with the diary).
SCHEDULED = ("akps", "koos_pf")


def get(code: str) -> Instrument | None:
    return INSTRUMENTS.get(code)


__all__ = ["INSTRUMENTS", "SCHEDULED", "AnswerError", "Instrument", "Item", "Option", "Score", "get"]
