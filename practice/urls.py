from __future__ import annotations

from django.urls import path

from practice import views

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
]
