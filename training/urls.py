from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from training import shoe_views, views

app_name = "training"

urlpatterns: list[URLPattern | URLResolver] = [
    path("runs/", views.runs_home, name="runs"),
    path("runs/new/", views.run_new, name="run_new"),
    path("runs/shoe/", views.bulk_shoe, name="bulk_shoe"),
    path("runs/import/", views.import_page, name="import"),
    path("runs/import/<int:pk>/", views.import_job, name="import_job"),
    path("runs/shoes/", shoe_views.shoes, name="shoes"),
    path("runs/shoes/<int:pk>/", shoe_views.shoe_detail, name="shoe"),
    path("runs/shoes/<int:pk>/retire/", shoe_views.shoe_retire, name="shoe_retire"),
    path("runs/shoes/<int:pk>/default/", shoe_views.shoe_default, name="shoe_default"),
    path("runs/shoes/<int:pk>/delete/", shoe_views.shoe_delete, name="shoe_delete"),
    path("runs/preferences/", views.preferences, name="preferences"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/delete/", views.run_delete, name="run_delete"),
]
