from __future__ import annotations

from django.urls import path

from interop import views

app_name = "fhir"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Patient", views.patient_search, name="patient_search"),
    path("Patient/<str:pk>", views.patient_read, name="patient_read"),
    path("Condition", views.condition_search, name="condition_search"),
    path("Condition/<str:pk>", views.condition_read, name="condition_read"),
    path("Appointment", views.appointment_search, name="appointment_search"),
    path("Appointment/<str:pk>", views.appointment_read, name="appointment_read"),
    path("Organization/<str:pk>", views.organization_read, name="organization_read"),
    path("Location/<str:pk>", views.location_read, name="location_read"),
    path("Practitioner", views.practitioner_search, name="practitioner_search"),
    path("Practitioner/<str:pk>", views.practitioner_read, name="practitioner_read"),
]
