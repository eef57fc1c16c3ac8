from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from kneecap.api import api


def favicon(request: HttpRequest) -> HttpResponse:
    """Pages name the SVG icon; browsers and the admin still ask for /favicon.ico."""
    return redirect(static("kneecap/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("accounts.urls")),
    path("", include("practice.urls")),
    path("", include("assessments.urls")),
    path("", include("training.urls")),
    path("", include("care.urls")),
    path("", include("chart.urls")),
]
