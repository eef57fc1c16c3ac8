"""The API's error answers: one module, two shapes, used by every router.

- 400, 401, 403, 404 and 409 carry a message: ``{"detail": "..."}`` (``ErrorOut``).
- 422 lists each bad field: ``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``
  (``ValidationErrorOut``), whether django-ninja found the problem while reading the request or a
  service found it afterwards. ``loc`` starts with where the value was (body, query or path) and
  goes down to the field and, in lists, the item's index.

Operations declare their errors with ``errors(...)`` so the document lists exactly the statuses the
code can answer with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError, ValidationErrorContext

__all__ = [
    "ErrorOut",
    "FieldError",
    "KneecapAPI",
    "ValidationErrorOut",
    "errors",
    "invalid",
]


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in plain words")


class FieldError(Schema):
    loc: list[str | int] = Field(
        description='Where the value was: ["body", field, ...], ["query", name] or ["path", name]; '
        "a number is an index into a list"
    )
    msg: str = Field(description="What is wrong with it, in plain words")
    type: str = Field(description="A code for the kind of error, e.g. missing, int_parsing, value_error")


class ValidationErrorOut(Schema):
    detail: list[FieldError]


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The response declarations for STATUSES: the field list for 422, a message for the others."""
    return {status: ValidationErrorOut if status == 422 else ErrorOut for status in statuses}


def invalid(messages: Mapping[str, str], source: str = "body", kind: str = "value_error") -> ValidationError:
    """A 422 naming each bad field of SOURCE (body, query or path) with its message, to raise."""
    return ValidationError([{"loc": [source, name], "msg": msg, "type": kind} for name, msg in messages.items()])


def _field_error(raw: Mapping[str, Any]) -> dict[str, Any]:
    loc: Sequence[Any] = raw.get("loc") or ()
    return {
        "loc": [part if isinstance(part, int) else str(part) for part in loc],
        "msg": str(raw.get("msg", "")),
        "type": str(raw.get("type", "value_error")),
    }


class KneecapAPI(NinjaAPI):
    """NinjaAPI whose every 422 has the documented shape.

    django-ninja names the body parameter in ``loc`` (``["body", "payload", "side"]``) and adds
    pydantic's ``ctx``; here ``loc`` is ``["body", "side"]``, as the services' own errors say, and
    only ``loc``, ``msg`` and ``type`` are sent.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_exception_handler(ValidationError, self._validation_error)

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        found: list[dict[str, Any]] = []
        for context in error_contexts:
            model = context.model
            source = str(model.__ninja_param_source__)
            # A body read into one parameter is that parameter: its name is the code's, not the client's.
            lone_body = getattr(model, "__read_from_single_attr__", None)
            for error in context.pydantic_validation_error.errors(include_url=False, include_input=False):
                loc = model.__ninja_flatten_map_reverse__.get(error["loc"], error["loc"])
                if lone_body and loc[:1] == (lone_body,):
                    loc = loc[1:]
                found.append({"loc": [source, *loc], "msg": error["msg"], "type": error["type"]})
        return ValidationError(found)

    def _validation_error(self, request: HttpRequest, exc: ValidationError | type[ValidationError]) -> HttpResponse:
        # django-ninja's handler type also admits the class; only raised instances reach here.
        found = exc.errors if isinstance(exc, ValidationError) else []
        return self.create_response(request, {"detail": [_field_error(e) for e in found]}, status=422)
