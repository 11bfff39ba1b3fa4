"""Root URLs: the public site under /fi/, /sv/ and /en/; the admin, robots.txt and sitemap outside them."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from liv import views
from services.sitemaps import SITEMAPS
from services.urls import api_urlpatterns

handler404 = "liv.errors.page_not_found"
handler500 = "liv.errors.server_error"  # 503 with Retry-After when the database cannot be reached

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.health, name="health"),
    path("readyz", views.ready, name="ready"),
    path("api/v1/", include(api_urlpatterns)),
    path("api/v1/", include("cooperation.api_urls")),
    path("api/hsds/v3/", include("exchange.hsds.urls")),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("", include("services.urls")),
    path("", include("cooperation.urls")),
    path("feedback/", include("feedback.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
