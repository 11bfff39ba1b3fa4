from django.urls import path

import liv.converters  # noqa: F401 - registers the <id:…> converter
from feedback import views

app_name = "feedback"

urlpatterns = [
    path("services/<id:pk>/", views.service_feedback, name="service"),
    path("site/", views.site_feedback, name="site"),
]
