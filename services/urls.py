from django.urls import path

import liv.converters  # noqa: F401 - registers the <id:…> converter
from services import views

app_name = "services"

urlpatterns = [
    path("services/<id:pk>/", views.service_detail, name="service"),
    path("providers/<id:pk>/", views.provider_detail, name="provider"),
]
