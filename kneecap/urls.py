from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import two_factor
from accounts.access import public
from kneecap.api import api


@public
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin has no sign-in of its own: everyone signs in through allauth (password, then TOTP, rate limited).

    A signed-in person who is not an administrator gets a 404: sending them to sign in again would loop
    between the sign-in page (which returns them to the admin) and the admin (which asks for a sign-in).
    """
    if request.user.is_authenticated:
        raise Http404("Not found")
    target = request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/admin/"
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


@public
def favicon(request: HttpRequest) -> HttpResponse:
    """Pages name the SVG icon; browsers and the admin still ask for /favicon.ico."""
    return redirect(static("kneecap/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    # Before allauth's own URLs: enrolling counts as this session's TOTP step (accounts/two_factor.py).
    path("accounts/2fa/totp/activate/", two_factor.activate_totp, name="mfa_activate_totp"),
    path("accounts/", include("allauth.urls")),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("fhir/", include("interop.urls")),
    path("", include("accounts.urls")),
    path("", include("practice.urls")),
    path("", include("assessments.urls")),
    path("", include("training.urls")),
    path("", include("care.urls")),
    path("", include("chart.urls")),
]
