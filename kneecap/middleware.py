"""Project-wide middleware no single app owns: private responses are never stored.

The upload-limits middleware lives beside the decorator that marks its views, in common/uploads.py."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers

#: Everything under these answers for a signed-in person or says why not, errors included.
PRIVATE_PREFIXES = ("/api/", "/fhir/")
NO_STORE = "no-store, private"


class PrivateResponsesMiddleware:
    """``Cache-Control: no-store, private`` on every response that may carry personal data.

    That is every API response and every response to a browser with a session: a signed-in user, or an
    anonymous visitor whose self-check answers live in the session. Neither the browser (a shared computer's
    history, its back button) nor a proxy may keep a copy. Whatever a view said about caching is replaced:
    no-store makes any other directive moot. Public pages for visitors without a session stay cacheable,
    with ``Vary: Cookie``, because the same URL answers differently once a session exists.

    It sits below WhiteNoise, which answers static files itself, so they keep their long cache lifetimes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path_info.startswith(PRIVATE_PREFIXES) or _has_session(request):
            response["Cache-Control"] = NO_STORE
        patch_vary_headers(response, ("Cookie",))
        return response


def _has_session(request: HttpRequest) -> bool:
    """Whether the response may depend on a session; read after the view, so a sign-in or sign-out counts."""
    session = getattr(request, "session", None)
    if session is not None and not session.is_empty():
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
