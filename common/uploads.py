"""Uploads over Django's limits get the page of the view they were sent to, not a bare "Bad Request".

A view marks itself with ``answers_uploads_over_limits(refuse)``; ``UploadLimitsMiddleware`` (in
MIDDLEWARE above CsrfViewMiddleware) calls REFUSE when the body is over the limits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest
from django.http.response import HttpResponseBase

UploadRefusal = Callable[[HttpRequest, Exception], HttpResponseBase]
View = TypeVar("View", bound=Callable[..., HttpResponseBase])
#: What Django raises while parsing a body over DATA_UPLOAD_MAX_NUMBER_FILES, _NUMBER_FIELDS or _MEMORY_SIZE.
OVER_LIMITS = (TooManyFilesSent, TooManyFieldsSent, RequestDataTooBig)


def answers_uploads_over_limits(refuse: UploadRefusal) -> Callable[[View], View]:
    """Mark a view whose own page answers a POST that Django refuses to parse; REFUSE renders that page."""

    def mark(view: View) -> View:
        view.answer_upload_over_limits = refuse  # type: ignore[attr-defined]
        return view

    return mark


class UploadLimitsMiddleware:
    """Give an upload over Django's limits the view's own page (status 400) instead of a bare "Bad Request".

    Django raises while it parses the body, which CsrfViewMiddleware does first, before any view runs. For a
    view marked with ``answers_uploads_over_limits`` this parses the body just before that (it sits above
    CsrfViewMiddleware) and, on one of those errors, answers with the view's refusal. Django has dropped
    what it parsed by then, CSRF token included, so the refusal is answered unchecked: it changes nothing and
    shows only what a GET of the page shows. Every other request goes through the CSRF check as before.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponseBase], args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        refuse: UploadRefusal | None = getattr(view, "answer_upload_over_limits", None)
        if refuse is None or request.method != "POST":
            return None
        try:
            request.FILES  # noqa: B018 - parsing is the point
        except OVER_LIMITS as exc:
            return refuse(request, exc)
        return None
