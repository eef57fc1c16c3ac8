from __future__ import annotations

from django.urls import path

from practice import appointment_views, invitation_views, views

app_name = "practice"

urlpatterns = [
    path("", views.home, name="home"),
    path("runners-knee/", views.condition, name="condition"),
    path("hours/status/", views.hours_status, name="hours_status"),
    path("articles/", views.articles, name="articles"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact_thanks"),
    path("testimonials/new/", views.testimonial_new, name="testimonial_new"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/requests/", views.staff_requests, name="staff_requests"),
    path("staff/requests/<int:pk>/status/", views.staff_request_status, name="staff_request_status"),
    path("staff/testimonials/", views.staff_testimonials, name="staff_testimonials"),
    path("staff/testimonials/<int:pk>/", views.staff_testimonial_moderate, name="staff_testimonial_moderate"),
    path("clinic/appointments/", appointment_views.clinic_appointments, name="clinic_appointments"),
    path("clinic/appointments/<int:pk>/cancel/", appointment_views.clinic_cancel, name="clinic_cancel"),
    path("clinic/working-hours/", appointment_views.working_hours, name="working_hours"),
    path("clinic/patients/<int:pk>/book/", appointment_views.book_for_patient, name="book_for_patient"),
    path("staff/requests/<int:pk>/book/", appointment_views.book_from_request, name="book_from_request"),
    path("me/appointments/", appointment_views.my_appointments, name="my_appointments"),
    path("me/appointments/<int:pk>/cancel/", appointment_views.cancel_mine, name="cancel_appointment"),
    path("invitation/<str:token>/", invitation_views.accept_invitation, name="accept_invitation"),
]
