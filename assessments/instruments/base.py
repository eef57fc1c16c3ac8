"""Instruments as data: items, options in published order, points, and the error a bad answer raises.

Pure: no database. Each instrument module builds one ``Instrument`` and a scoring function;
``assessments.instruments`` keeps the registry by code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    points: int


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    options: tuple[Option, ...]
    help: str = ""

    def option(self, code: str) -> Option | None:
        for option in self.options:
            if option.code == code:
                return option
        return None


class AnswerError(ValueError):
    """Answers that cannot be scored; ``errors`` maps each field (item code or "answers") to a message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


@dataclass(frozen=True)
class Score:
    instrument: str
    version: str
    score: float
    max: float
    #: item code -> {"option": code, "points": n}: what is stored with a response.
    answers: dict[str, dict[str, str | int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Instrument:
    code: str
    title: str
    short_title: str
    version: str
    description: str
    items: tuple[Item, ...]
    max_score: float
    higher_is_better: bool
    #: Minimal clinically important difference, in score points.
    mcid: float
    source: str
    scorer: Callable[[Instrument, Mapping[str, int]], float]
    #: The fewest answered items that still give a score.
    min_items: int = 0
    intro: str = ""

    def item(self, code: str) -> Item | None:
        for item in self.items:
            if item.code == code:
                return item
        return None

    def check(self, answers: object) -> dict[str, Option]:
        """Validate ``{item_code: option_code}``; return item code -> chosen option, or raise AnswerError."""
        if not isinstance(answers, Mapping):
            raise AnswerError({"answers": "Send the answers as an object of item code to option code."})
        errors: dict[str, str] = {}
        chosen: dict[str, Option] = {}
        for key, value in answers.items():
            item = self.item(key) if isinstance(key, str) else None
            if item is None:
                errors[str(key)] = f"{key!s} is not a question of {self.short_title}."
                continue
            if not isinstance(value, str):
                errors[key] = "Give the answer as an option code (a string)."
                continue
            option = item.option(value)
            if option is None:
                codes = ", ".join(o.code for o in item.options)
                errors[key] = f"{value!r} is not an answer to this question; choose one of {codes}."
                continue
            chosen[key] = option
        if not self.min_items:
            # Every item is required: name each one left out, next to any other problems.
            for item in self.items:
                if item.code not in answers:
                    errors[item.code] = "Please answer this question."
        elif not errors and len(chosen) < self.min_items:
            errors["answers"] = (
                f"Answer at least {self.min_items} of the {len(self.items)} questions; {len(chosen)} answered."
            )
        if errors:
            raise AnswerError(errors)
        return chosen

    def score(self, answers: object) -> Score:
        chosen = self.check(answers)
        value = self.scorer(self, {code: option.points for code, option in chosen.items()})
        stored: dict[str, dict[str, str | int]] = {
            item.code: {"option": chosen[item.code].code, "points": chosen[item.code].points}
            for item in self.items
            if item.code in chosen
        }
        return Score(self.code, self.version, value, self.max_score, stored)


def options(*pairs: tuple[str, str, int]) -> tuple[Option, ...]:
    return tuple(Option(code, label, points) for code, label, points in pairs)
