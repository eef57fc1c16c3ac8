from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from kneecap.api import api

urlpatterns = [
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
