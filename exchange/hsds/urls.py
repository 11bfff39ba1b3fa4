"""/api/hsds/v3/: the HSDS 3.0 API (exchange/hsds/api.py), the paths of Open Referral's API description."""

from django.urls import path

from exchange.hsds import api

app_name = "hsds"

urlpatterns = [
    path("", api.meta, name="meta"),
    path("services", api.service_list, name="services"),
    path("services/<uuid:pk>", api.service_detail, name="service"),
    path("organizations", api.organization_list, name="organizations"),
    path("organizations/<uuid:pk>", api.organization_detail, name="organization"),
    path("service_at_locations", api.service_at_location_list, name="service_at_locations"),
    path("service_at_locations/<uuid:pk>", api.service_at_location_detail, name="service_at_location"),
    path("taxonomies", api.taxonomy_list, name="taxonomies"),
    path("taxonomies/<uuid:pk>", api.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_term_list, name="taxonomy_terms"),
    path("taxonomy_terms/<uuid:pk>", api.taxonomy_term_detail, name="taxonomy_term"),
    path("openapi.json", api.openapi, name="openapi"),
    path("profile.json", api.profile, name="profile"),
]
