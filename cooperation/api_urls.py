from django.urls import path

import liv.converters  # noqa: F401 - registers the <id:…> converter
from cooperation import api

app_name = "cooperation_api"

urlpatterns = [
    path("practices/", api.practice_list, name="practices"),
    path("practices/<id:pk>/", api.practice_detail, name="practice"),
]
