"""The curated demo directory: big and varied enough to show the site, and loaded without touching edits."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from regions.models import VitalityCentre
from services.models import Origin, Provider, Service

pytestmark = pytest.mark.django_db

ETELA_SAVO_OHJAAMOS = {
    "demo:service:ohjaamo-olkkari-mikkeli": "491",
    "demo:service:ohjaamo-pientare-pieksamaki": "593",
    "demo:service:ohjaamo-savonlinna": "740",
}


@pytest.fixture
def demo_directory() -> None:
    call_command("load_demo_directory", verbosity=0)


def test_demo_directory_has_enough_services_and_providers(demo_directory):
    assert Service.objects.filter(origin=Origin.DEMO).count() >= 40
    assert Provider.objects.filter(origin=Origin.DEMO).count() >= 25
    assert Service.objects.exclude(origin=Origin.DEMO).count() == 0


def test_demo_services_cover_at_least_six_vitality_centre_areas(demo_directory):
    published = Service.objects.published()
    areas = [centre for centre in VitalityCentre.objects.all() if published.in_vitality_centre(centre).exists()]
    assert len(areas) >= 6


def test_the_three_etela_savo_ohjaamos_are_there_with_their_locations(demo_directory):
    for external_id, municipality_code in ETELA_SAVO_OHJAAMOS.items():
        service = Service.objects.get(external_id=external_id)
        assert service.status == Service.Status.PUBLISHED
        assert service.provider.kind == Provider.Kind.OHJAAMO
        assert service.locations.filter(municipality__code=municipality_code).exists()
        assert service.locations.get().opening_hours.exists()


def test_some_services_are_only_in_finnish_to_show_the_fallback(demo_directory):
    finnish_only = Service.objects.filter(name_sv__isnull=True, name_en__isnull=True, summary_sv__isnull=True)
    assert finnish_only.count() >= 5
    assert Service.objects.exclude(name_sv__isnull=True).exclude(name_en__isnull=True).count() >= 35


def test_demo_has_drafts_an_archived_service_and_entries_needing_review(demo_directory):
    assert Service.objects.filter(status=Service.Status.DRAFT).exists()
    assert Service.objects.filter(status=Service.Status.ARCHIVED).count() == 1
    assert Service.objects.published().needing_review().exists()
    assert Service.objects.filter(nationwide=True, electronic_channels__isnull=False).exists()


def test_demo_never_carries_contact_details_that_could_belong_to_real_people(demo_directory):
    assert not Service.objects.filter(phones__isnull=False).exists()
    assert not Provider.objects.exclude(business_id="").exists()
    assert not Service.objects.filter(locations__street_address_fi__isnull=False).exists()


def test_loading_the_demo_again_keeps_what_was_edited_in_the_admin(demo_directory):
    service = Service.objects.get(external_id="demo:service:ohjaamo-savonlinna")
    service.name_fi = "Ohjaamo Savonlinna (muokattu)"
    service.save()
    call_command("load_demo_directory", verbosity=0)
    service.refresh_from_db()
    assert service.name_fi == "Ohjaamo Savonlinna (muokattu)"
    assert Service.objects.filter(origin=Origin.DEMO).count() >= 40
