from django.urls import path, re_path

import liv.converters  # noqa: F401 - registers the <id:…> converter
from cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("groups/<id:pk>/", views.group_detail, name="group"),
    path("practices/", views.practices, name="practices"),
    path("practices/<id:pk>/", views.practice_detail, name="practice"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/download.csv", views.coverage_csv, name="coverage_csv"),
    re_path(r"^coverage/(?P<code>[0-9]{2})/$", views.coverage, name="area_coverage"),
    re_path(r"^coverage/(?P<code>[0-9]{2})/download\.csv$", views.coverage_csv, name="area_coverage_csv"),
]
