"""The data generator: realistic, deterministic, marked as generated and removable without touching other data."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from exchange.export import export_directory, select_services
from services.generation import delete_generated, generate_directory
from services.models import ElectronicChannel, OpeningHours, Origin, Provider, Service, ServiceLocation
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def generated_snapshot() -> list[dict]:
    services = export_directory(services=select_services(origins=[Origin.GENERATED]))["services"]
    for record in services:
        record.pop("provider")  # provider external ids are compared through the names below
    return services


def test_generates_the_requested_number_of_realistic_services():
    result = generate_directory(services=200, seed=7)

    generated = Service.objects.filter(origin=Origin.GENERATED)
    assert result.services == generated.count() == 200
    assert Provider.objects.filter(origin=Origin.GENERATED).count() == 40
    assert generated.filter(name_sv__isnull=False, name_en__isnull=False).count() > 100
    assert generated.filter(name_sv__isnull=True).exists()  # some in Finnish only, to exercise the fallback
    assert generated.filter(service_types__isnull=False).distinct().count() == 200
    assert generated.filter(target_groups__isnull=False).distinct().count() == 200
    assert generated.filter(nationwide=True).exists()
    assert generated.filter(municipalities__isnull=False).exists()
    assert generated.filter(employment_areas__isnull=False).exists()
    assert ServiceLocation.objects.filter(service__origin=Origin.GENERATED).count() == result.locations > 100
    assert OpeningHours.objects.filter(location__service__origin=Origin.GENERATED).count() > 300
    assert ElectronicChannel.objects.filter(service__origin=Origin.GENERATED).exists()
    service = generated.filter(name_en__isnull=False).first()
    assert " – " in service.name_en and service.summary_fi and service.description_sv


def test_every_generated_entry_passes_the_models_validation():
    generate_directory(services=60, seed=3)
    for provider in Provider.objects.filter(origin=Origin.GENERATED):
        provider.full_clean()
    for service in Service.objects.filter(origin=Origin.GENERATED):
        service.full_clean()
    for location in ServiceLocation.objects.filter(service__origin=Origin.GENERATED):
        location.full_clean()


def test_the_same_seed_gives_the_same_directory_and_another_seed_another():
    generate_directory(services=50, seed=11)
    first = generated_snapshot()
    delete_generated()
    generate_directory(services=50, seed=11)
    assert generated_snapshot() == first
    delete_generated()
    generate_directory(services=50, seed=12)
    assert generated_snapshot() != first


def test_generated_services_are_in_the_search_index():
    generate_directory(services=30, seed=5)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM services_search_document d JOIN services_service s ON s.id = d.service_id "
            "WHERE s.origin = %s",
            [Origin.GENERATED],
        )
        assert cursor.fetchone()[0] == 30


def test_delete_removes_generated_entries_and_keeps_everything_else():
    kept = ServiceFactory()
    generate_directory(services=40, seed=2)

    removed = delete_generated()

    assert removed == {"services": 40, "providers": 8}
    assert list(Service.objects.all()) == [kept]
    assert not ServiceLocation.objects.filter(service__origin=Origin.GENERATED).exists()
    assert Provider.objects.filter(origin=Origin.GENERATED).count() == 0


def test_command_generates_refuses_a_second_run_of_the_same_seed_and_replaces_with_delete():
    out = io.StringIO()
    call_command("generate_directory", "--services", "25", "--seed", "4", stdout=out)
    assert "Generated 25 services, 5 providers" in out.getvalue()
    with pytest.raises(CommandError, match="already exist"):
        call_command("generate_directory", "--services", "25", "--seed", "4", stdout=io.StringIO())
    call_command("generate_directory", "--services", "10", "--seed", "4", "--delete", stdout=(out := io.StringIO()))
    assert "Removed 25 generated services and 5 providers" in out.getvalue()
    assert Service.objects.filter(origin=Origin.GENERATED).count() == 10
    with pytest.raises(CommandError):
        call_command("generate_directory", "--services", "-5")
