from django.urls import path

import liv.converters  # noqa: F401 - registers the <id:…> converter
from services import api, views

app_name = "services"

urlpatterns = [
    path("search/", views.search_services, name="search"),
    path("near/", views.near_services, name="near"),
    path("services/<id:pk>/", views.service_detail, name="service"),
    path("providers/<id:pk>/", views.provider_detail, name="provider"),
    path("areas/<slug:code>/", views.area_detail, name="area"),
    path("goals/", views.goals, name="goals"),
]

# The JSON API, outside the language prefixes (the language is the `lang` parameter): /api/v1/…
api_urlpatterns = (
    [
        path("services/", api.service_list, name="services"),
        path("services/<id:pk>/", api.service_detail, name="service"),
        path("openapi.json", api.openapi, name="openapi"),
    ],
    "api",
)
