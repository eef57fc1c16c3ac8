from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from assessments import views

app_name = "assessments"

urlpatterns: list[URLPattern | URLResolver] = [
    path("self-check/", views.self_check, name="self_check"),
    path("self-check/step/<int:step>/", views.self_check, name="self_check_step"),
    path("self-check/result/<int:pk>/", views.self_check_result, name="self_check_result"),
    path("self-check/<str:token>/claim/", views.self_check_claim, name="self_check_claim"),
    path("questionnaires/", views.questionnaires, name="questionnaires"),
    path("questionnaires/<slug:code>/", views.questionnaire_form, name="questionnaire"),
    path("progress/", views.progress, name="progress"),
]
