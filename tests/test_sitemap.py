"""sitemap.xml lists the public pages in three languages with hreflang alternates, on the canonical host."""

from __future__ import annotations

import pytest
from django.conf import settings

from cooperation.models import Practice, RegionalGroup
from regions.models import VitalityCentre
from services.models import Service
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_sitemap_index_names_its_sections(client) -> None:
    body = client.get("/sitemap.xml").content.decode()
    for section in ("pages", "areas", "services", "providers"):
        assert f"sitemap-{section}.xml" in body


def test_published_services_are_listed_with_alternates_and_drafts_are_not(client) -> None:
    published = ServiceFactory()
    draft = ServiceFactory(status=Service.Status.DRAFT)
    body = client.get("/sitemap-services.xml").content.decode()
    for language in ("fi", "sv", "en"):
        assert f"{settings.SITE_URL}/{language}/services/{published.pk}/" in body
        assert f'hreflang="{language}"' in body
    assert f"/services/{draft.pk}/" not in body


def test_area_pages_are_listed(client) -> None:
    body = client.get("/sitemap-areas.xml").content.decode()
    assert f"{settings.SITE_URL}/sv/areas/06/" in body


def _practice(status: str) -> Practice:
    return Practice.objects.create(
        title_fi=f"Toimintatapa {status}", summary_fi="Lyhyesti.", status=status, phase=Practice.Phase.ONGOING
    )


def test_group_pages_are_listed_with_alternates(client) -> None:
    group = RegionalGroup.objects.create(vitality_centre=VitalityCentre.objects.get(code="06"), name_fi="ELO-ryhmä")
    response = client.get("/sitemap-groups.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for language in ("fi", "sv", "en"):
        assert f"{settings.SITE_URL}/{language}/groups/{group.pk}/" in body
    assert 'hreflang="x-default"' in body
    assert "sitemap-groups.xml" in client.get("/sitemap.xml").content.decode()


def test_published_practices_are_listed_and_drafts_and_archived_ones_are_not(client) -> None:
    published = _practice(Practice.Status.PUBLISHED)
    draft = _practice(Practice.Status.DRAFT)
    archived = _practice(Practice.Status.ARCHIVED)
    body = client.get("/sitemap-practices.xml").content.decode()
    for language in ("fi", "sv", "en"):
        assert f"{settings.SITE_URL}/{language}/practices/{published.pk}/" in body
        url = f"{settings.SITE_URL}/{language}/practices/{published.pk}/"
        assert f'<xhtml:link rel="alternate" hreflang="{language}" href="{url}"' in body
    assert f"/practices/{draft.pk}/" not in body
    assert f"/practices/{archived.pk}/" not in body
    assert "sitemap-practices.xml" in client.get("/sitemap.xml").content.decode()


def test_catalogue_and_coverage_pages_are_listed(client) -> None:
    body = client.get("/sitemap-cooperation.xml").content.decode()
    assert f"{settings.SITE_URL}/en/practices/" in body
    assert f"{settings.SITE_URL}/sv/coverage/" in body
