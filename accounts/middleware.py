"""Practice roles enrol TOTP before they reach anything beyond the public site."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts.access import LoginRequired, MFARequired, has_mfa

PROTECTED_PREFIXES = ("/staff/", "/clinic/", "/admin/", "/me/", "/api/v1/me/", "/api/v1/staff/")


class StaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "works_at_practice", False)
            and request.path.startswith(PROTECTED_PREFIXES)
            and not has_mfa(user)
        ):
            return self._enrol(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, MFARequired):
            return self._enrol(request)
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None

    def _enrol(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return HttpResponse(
                '{"detail": "Enrol an authenticator app (TOTP) before using this endpoint."}',
                status=403,
                content_type="application/json",
            )
        messages.info(request, "Set up an authenticator app before you open patient records.")
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
