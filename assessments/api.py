"""Instruments, scoring and the self-check as JSON under /api/v1/.

Scoring and the self-check compute and return; nothing is stored (the web self-check stores
results so a visitor can claim them after signing up).
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from pydantic import ConfigDict, field_validator

from accounts.access import public
from assessments import instruments, questions, triage, triage_thresholds
from common.api_errors import errors
from common.api_schema import Whole

router = Router(tags=["assessments"])


class OptionOut(Schema):
    code: str
    label: str
    points: int


class ItemOut(Schema):
    code: str
    text: str
    options: list[OptionOut]


class InstrumentSummary(Schema):
    code: str
    title: str
    version: str
    item_count: int
    min_items: int = Field(description="The fewest answered items that are scored")
    max: float
    higher_is_better: bool
    mcid: float = Field(description="Minimal clinically important difference, in score points")


class InstrumentOut(Schema):
    code: str
    title: str
    version: str
    items: list[ItemOut]


class ScoreIn(Schema):
    answers: dict[str, Any] = Field(description='item code -> option code, e.g. {"limp": "none"}')


class ScoreOut(Schema):
    instrument: str
    version: str
    score: float
    max: float


def _summary(i: instruments.Instrument) -> dict[str, Any]:
    return {
        "code": i.code,
        "title": i.title,
        "version": i.version,
        "item_count": len(i.items),
        "min_items": i.min_items or len(i.items),
        "max": i.max_score,
        "higher_is_better": i.higher_is_better,
        "mcid": i.mcid,
    }


def _detail(i: instruments.Instrument) -> dict[str, Any]:
    return {
        "code": i.code,
        "title": i.title,
        "version": i.version,
        "items": [
            {
                "code": item.code,
                "text": item.text,
                "options": [{"code": o.code, "label": o.label, "points": o.points} for o in item.options],
            }
            for item in i.items
        ],
    }


def _not_found(code: str) -> Status[dict[str, str]]:
    return Status(404, {"detail": f"No instrument {code!r}; use one of {', '.join(instruments.INSTRUMENTS)}."})


@router.get("/instruments", response=list[InstrumentSummary], summary="List the questionnaires")
@public
def list_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(i) for i in instruments.INSTRUMENTS.values()]


@router.get(
    "/instruments/{code}",
    response={200: InstrumentOut, **errors(404)},
    summary="One questionnaire: items and options with their points",
)
@public
def get_instrument(request: HttpRequest, code: str) -> Any:
    instrument = instruments.get(code)
    if instrument is None:
        return _not_found(code)
    return _detail(instrument)


@router.post(
    "/instruments/{code}/score",
    response={200: ScoreOut, **errors(400, 404, 422)},
    summary="Score a set of answers",
    description="Returns the published score. 422 lists a message for each unknown item, unknown option, "
    "missing item (AKPS) or too few items (KOOS-PF needs at least 6 of 11).",
)
@public
def score_instrument(request: HttpRequest, code: str, payload: ScoreIn) -> Any:
    instrument = instruments.get(code)
    if instrument is None:
        return _not_found(code)
    try:
        result = instrument.score(payload.answers)
    except instruments.AnswerError as exc:
        raise ValidationError(
            [
                {
                    "loc": ["body", "answers"] if key == "answers" else ["body", "answers", key],
                    "msg": msg,
                    "type": "value_error",
                }
                for key, msg in exc.errors.items()
            ]
        ) from None
    return {"instrument": result.instrument, "version": result.version, "score": result.score, "max": result.max}


def _check_codes(values: list[str], known: dict[str, str], what: str) -> list[str]:
    unknown = triage.unknown_codes(values, known)
    if unknown:
        raise ValueError(f"Unknown {what}: {', '.join(unknown)}. Use only: {', '.join(known)}.")
    if len(set(values)) != len(values):
        raise ValueError(f"Each {what.rstrip('s')} may be listed only once.")
    return values


def _codes(known: dict[str, Any]) -> Any:
    """A list of distinct codes from KNOWN; the validators below enforce what the schema says."""
    return Field(
        default_factory=list,
        description="Each code at most once",
        json_schema_extra={"items": {"type": "string", "enum": list(known)}, "uniqueItems": True},
    )


class InjuryIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    recent: bool = False
    cannot_walk_4_steps: bool = False
    cannot_flex_90: bool = False
    fibular_head_tenderness: bool = False
    patella_tenderness_isolated: bool = False


class SelfCheckIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    age: Whole = Field(ge=1, le=120)
    side: Literal["left", "right", "both"]
    symptoms: list[str] = _codes(questions.SYMPTOMS)
    red_flags: list[str] = _codes(questions.RED_FLAGS)
    risk_factors: list[str] = _codes(questions.RISK_FACTORS)
    injury: InjuryIn = Field(default_factory=InjuryIn)
    pain_nrs: Whole = Field(ge=0, le=10)
    duration_weeks: Whole = Field(ge=0, le=1040)

    @field_validator("symptoms")
    @classmethod
    def known_symptoms(cls, value: list[str]) -> list[str]:
        return _check_codes(value, questions.SYMPTOMS, "symptoms")

    @field_validator("red_flags")
    @classmethod
    def known_flags(cls, value: list[str]) -> list[str]:
        return _check_codes(value, questions.RED_FLAGS, "red flags")

    @field_validator("risk_factors")
    @classmethod
    def known_risks(cls, value: list[str]) -> list[str]:
        return _check_codes(value, questions.RISK_FACTORS, "risk factors")


class SelfCheckOut(Schema):
    outcome: Literal["emergency", "urgent", "see_clinician", "self_care"]
    reasons: list[str] = Field(description="The answers that led to the outcome, in plain words")
    consistent_with_pfps: bool
    advice: str = Field(description="What to do now; begins with the time frame")
    time_frame: str = Field(
        description="When to act: emergency now (911 or an emergency room); urgent today or tomorrow; "
        "see_clinician an appointment in the next 1 to 2 weeks"
    )
    deciding_risk_factors: list[str] = Field(description="Risk factor codes that raised the outcome")


@router.post(
    "/self-check",
    response={200: SelfCheckOut, **errors(400, 422)},
    summary="Triage a knee self-check",
    description="Anonymous. Any red flag sets a floor no other answer can lower; under 12 and from 60 the "
    "outcome is at least see_clinician. This is information, not a diagnosis. 422 gives a message for each "
    "bad field, unknown codes included.",
)
@public
def self_check(request: HttpRequest, payload: SelfCheckIn) -> Any:
    try:
        answers = triage.Answers.from_dict(payload.model_dump())
    except triage.UnknownCode as exc:
        # The schema checks every code first; this is the pure function's own guard, kept in step.
        raise ValidationError([{"loc": ["body"], "msg": str(exc), "type": "value_error"}]) from None
    return triage.triage(answers, triage_thresholds.configured_thresholds()).to_dict()
