"""sitemap.xml lists the public pages in three languages with hreflang alternates, on the canonical host."""

from __future__ import annotations

import pytest
from django.conf import settings

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
