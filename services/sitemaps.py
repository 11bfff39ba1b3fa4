"""sitemap.xml: every public page in fi, sv and en, each with its hreflang alternates.

Addresses use SITE_URL (the canonical host of base.html's <link rel="canonical">), not the host a request came
in by. /sitemap.xml is an index, so that 100 000 services fit (a sitemap file holds at most 50 000 addresses).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from cooperation.models import Practice, RegionalGroup
from regions.models import VitalityCentre
from services.models import Provider, Service


class _LivSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5_000  # three languages a page: 15 000 addresses a file

    def get_domain(self, site: object = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"


class PageSitemap(_LivSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["home", "services:search", "services:goals", "about", "accessibility"]

    def location(self, item: str) -> str:
        return reverse(item)


class ServiceSitemap(_LivSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Service]:
        return Service.objects.published().only("pk", "modified").order_by("pk")

    def lastmod(self, service: Service) -> object:
        return service.modified


class ProviderSitemap(_LivSitemap):
    def items(self) -> QuerySet[Provider]:
        published = Service.objects.published().filter(provider=OuterRef("pk"))
        return Provider.objects.filter(Exists(published)).only("pk", "modified").order_by("pk")

    def lastmod(self, provider: Provider) -> object:
        return provider.modified


class AreaSitemap(_LivSitemap):
    def items(self) -> QuerySet[VitalityCentre]:
        return VitalityCentre.objects.in_force().order_by("code")

    def location(self, centre: VitalityCentre) -> str:
        return reverse("services:area", kwargs={"code": centre.code})


class CooperationPageSitemap(_LivSitemap):
    """The national pages of regional cooperation: the catalogue of practices and the coverage of services."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["cooperation:practices", "cooperation:coverage"]

    def location(self, item: str) -> str:
        return reverse(item)


class GroupSitemap(_LivSitemap):
    """Every regional group has a public page (its self-assessment is shown only if the group publishes it)."""

    def items(self) -> QuerySet[RegionalGroup]:
        return RegionalGroup.objects.only("pk", "modified").order_by("pk")

    def lastmod(self, group: RegionalGroup) -> object:
        return group.modified


class PracticeSitemap(_LivSitemap):
    """Published practices only: drafts and archived practices answer 404."""

    def items(self) -> QuerySet[Practice]:
        return Practice.objects.published().only("pk", "modified").order_by("pk")

    def lastmod(self, practice: Practice) -> object:
        return practice.modified


SITEMAPS = {
    "pages": PageSitemap,
    "areas": AreaSitemap,
    "services": ServiceSitemap,
    "providers": ProviderSitemap,
    "cooperation": CooperationPageSitemap,
    "groups": GroupSitemap,
    "practices": PracticeSitemap,
}
