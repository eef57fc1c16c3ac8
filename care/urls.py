from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from care import views

app_name = "care"

urlpatterns: list[URLPattern | URLResolver] = [
    path("today/", views.today, name="today"),
    path("today/check-in/", views.check_in, name="check_in"),
    path("today/tasks/", views.log_task, name="log_task"),
    path("today/ice/", views.log_ice, name="log_ice"),
    path("plan/", views.plan, name="plan"),
    path("plan/start/", views.start_plan, name="plan_start"),
    path("plan/print/", views.plan_print, name="plan_print"),
    path("plan/suggestions/<int:pk>/dismiss/", views.decide_suggestion, name="dismiss_suggestion"),
    path("plan/return-to-run/", views.running, name="running"),
    path("diary/", views.diary, name="diary"),
]
