"""Practice roles reach nothing beyond the public site until this session has passed TOTP.

A role without an authenticator is sent to enrol; one with an authenticator whose session
signed in by password alone (the Django admin's own form, an old session) is sent to the
TOTP step. The policy (accounts.access) checks the same on every patient record, so a
path missing from PROTECTED_PREFIXES is still refused there.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import LoginRequired, MFARequired, check_mfa

PROTECTED_PREFIXES = (
    "/staff/",
    "/clinic/",
    "/admin/",
    "/me/",
    "/home/",
    "/api/v1/me/",
    "/api/v1/staff/",
    "/api/v1/clinic/",
    "/api/v1/patients/",
)


class StaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(PROTECTED_PREFIXES):
            try:
                check_mfa(request)
            except MFARequired as needed:
                return self._second_step(request, needed)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, MFARequired):
            return self._second_step(request, exception)
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None

    def _second_step(self, request: HttpRequest, needed: MFARequired) -> HttpResponse:
        if request.path.startswith("/api/"):
            detail = (
                _("Sign in with your authenticator app code before using this endpoint.")
                if needed.enrolled
                else _("Enrol an authenticator app (TOTP) before using this endpoint.")
            )
            return JsonResponse({"detail": str(detail)}, status=403)
        if needed.enrolled:
            messages.info(request, _("Enter the code from your authenticator app to open practice pages."))
            target = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
            return HttpResponseRedirect(target)
        messages.info(request, _("Set up an authenticator app before you open patient records."))
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
