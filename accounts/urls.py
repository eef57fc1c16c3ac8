from __future__ import annotations

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("me/access/", views.access, name="access"),
    path("me/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("staff/audit/", views.audit_log, name="audit"),
]
