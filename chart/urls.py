from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from chart import views

app_name = "chart"

urlpatterns: list[URLPattern | URLResolver] = [
    path("clinic/", views.roster_view, name="roster"),
    path("clinic/emergency-access/", views.emergency_access, name="emergency_access"),
    path("clinic/patients/<int:pk>/", views.chart_view, name="patient"),
    path("clinic/patients/<int:pk>/review/", views.review, name="review"),
    path("clinic/patients/<int:pk>/plan/", views.plan_action, name="plan"),
    path("clinic/patients/<int:pk>/<slug:kind>/new/", views.record_form, name="record_new"),
    path("clinic/patients/<int:pk>/<slug:kind>/<int:obj_id>/", views.record_form, name="record_edit"),
]
