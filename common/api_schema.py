"""Field types the routers share, so that what the document promises is what validation enforces."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Strict

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_text(value: Any) -> Any:
    # Python reads 20250331 and 2025-W13-1 as dates too, and pydantic reads numbers as timestamps:
    # the document says full-date (YYYY-MM-DD), so only that form goes on to be parsed.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("Give the date as YYYY-MM-DD, for example 2025-03-31")
    return value


#: A calendar day written YYYY-MM-DD (OpenAPI ``format: date``); accepted in strict models too.
IsoDate = Annotated[date, Strict(False), BeforeValidator(_iso_date_text)]


def _whole_number(value: Any) -> Any:
    # JSON Schema's integer includes 8.0 (and Python's json writes floats so); strict pydantic does not.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Reads an integer as JSON Schema means it: 8 and 8.0, but neither "8" nor true nor 8.5 (strict models).
#: Put it after the constraints, or pydantic leaves them out of the document inside a union:
#: ``Annotated[int, Field(ge=0, le=10), WholeNumber] | None``.
WholeNumber = BeforeValidator(_whole_number)
Whole = Annotated[int, WholeNumber]
