"""An entry shared by two areas stays shared when one area's coordinator saves it.

A coordinator may add and remove only areas (vitality centres, regions, employment areas, municipalities, a
provider's home, a location) inside their own area(s): the same rule for removing as for adding. Otherwise a
coordinator of Itä-Suomi could take Uusimaa off a shared service or practice, and Uusimaa's coordinator would get
403 on an entry that is theirs.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cooperation.models import Practice
from regions.models import Region, VitalityCentre
from services import admin_csv
from services.models import Service, ServiceLocation
from services.permissions import scope_for
from tests.admin_support import ITA_SUOMI, UUSIMAA, form_data, make_coordinator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

MIKKELI, HELSINKI, SAVONLINNA, ESPOO = "491", "091", "740", "049"


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


@pytest.fixture
def uusimaa():
    other = Client()
    other.force_login(make_coordinator("uusimaa", UUSIMAA))
    return other


@pytest.fixture
def shared_service() -> Service:
    """Itä-Suomi's through its provider's home (Mikkeli), Uusimaa's only through its municipality Espoo."""
    service = ServiceFactory(name_fi="Yhteinen ohjaus", provider=ProviderFactory(municipality=municipality(MIKKELI)))
    service.municipalities.add(municipality(ESPOO))
    return service


def service_url(service: Service) -> str:
    return f"/fi/admin/services/service/{service.pk}/change/"


def change_form(client, service: Service) -> dict:
    return form_data(client.get(service_url(service)).content.decode(), "service_form")


@pytest.mark.parametrize(
    ("field", "other_area"),
    [
        ("municipalities", lambda: municipality(ESPOO)),
        ("regions", lambda: Region.objects.get(name_fi="Uusimaa")),
        ("vitality_centres", lambda: VitalityCentre.objects.get(code=UUSIMAA)),
        ("employment_areas", lambda: municipality(HELSINKI).employment_area),
    ],
)
def test_coordinator_cannot_remove_another_areas_area_from_a_shared_service(ita, uusimaa, field, other_area):
    service = ServiceFactory(provider=ProviderFactory(municipality=municipality(MIKKELI)))
    getattr(service, field).add(other_area())
    data = change_form(ita, service)
    data[field] = []
    response = ita.post(service_url(service), data)
    assert response.status_code == 200  # the form again, with the error
    assert field in response.context["adminform"].form.errors
    assert getattr(service, field).filter(pk=other_area().pk).exists()
    assert uusimaa.get(service_url(service)).status_code == 200


def test_coordinator_may_still_remove_own_areas_from_a_shared_service(ita, uusimaa, shared_service):
    shared_service.municipalities.add(municipality(SAVONLINNA))
    data = change_form(ita, shared_service)
    data["municipalities"] = [str(municipality(ESPOO).pk)]
    assert ita.post(service_url(shared_service), data).status_code == 302
    assert list(shared_service.municipalities.values_list("code", flat=True)) == [ESPOO]
    assert uusimaa.get(service_url(shared_service)).status_code == 200


def test_coordinator_cannot_change_a_shared_services_provider_from_another_area(ita, uusimaa):
    service = ServiceFactory(provider=ProviderFactory(municipality=municipality(HELSINKI)))
    service.municipalities.add(municipality(MIKKELI))
    own_provider = ProviderFactory(municipality=municipality(MIKKELI))
    data = change_form(ita, service)
    data["provider"] = str(own_provider.pk)
    response = ita.post(service_url(service), data)
    assert response.status_code == 200
    assert "provider" in response.context["adminform"].form.errors
    service.refresh_from_db()
    assert service.provider.municipality.code == HELSINKI


@pytest.fixture
def espoo_location() -> ServiceLocation:
    """A location in Espoo (Uusimaa) of a service whose provider is in Mikkeli (Itä-Suomi)."""
    service = ServiceFactory(provider=ProviderFactory(municipality=municipality(MIKKELI)))
    return ServiceLocationFactory(service=service, municipality=municipality(ESPOO))


def test_coordinator_cannot_move_another_areas_location(ita, uusimaa, espoo_location):
    service = espoo_location.service
    data = change_form(ita, service)
    data["locations-0-municipality"] = str(municipality(SAVONLINNA).pk)
    assert ita.post(service_url(service), data).status_code == 200
    espoo_location.refresh_from_db()
    assert espoo_location.municipality.code == ESPOO
    assert uusimaa.get(service_url(service)).status_code == 200


def test_coordinator_cannot_delete_another_areas_location(ita, uusimaa, espoo_location):
    service = espoo_location.service
    data = change_form(ita, service)
    data["locations-0-DELETE"] = "on"
    assert ita.post(service_url(service), data).status_code == 200
    assert ServiceLocation.objects.filter(pk=espoo_location.pk).exists()
    assert uusimaa.get(service_url(service)).status_code == 200


def test_coordinator_cannot_move_a_shared_providers_home_out_of_another_area(ita, uusimaa):
    provider = ProviderFactory(municipality=municipality(HELSINKI))
    ServiceFactory(provider=provider).municipalities.add(municipality(SAVONLINNA))  # so Itä-Suomi's too
    url = f"/fi/admin/services/provider/{provider.pk}/change/"
    data = form_data(ita.get(url).content.decode(), "provider_form")
    data["municipality"] = str(municipality(MIKKELI).pk)
    response = ita.post(url, data)
    assert response.status_code == 200
    provider.refresh_from_db()
    assert provider.municipality.code == HELSINKI
    assert uusimaa.get(url).status_code == 200


# --- Practices shared by two areas ------------------------------------------------------------------------------


def practice_url(practice: Practice) -> str:
    return f"/fi/admin/cooperation/practice/{practice.pk}/change/"


@pytest.fixture
def shared_practice() -> Practice:
    practice = Practice.objects.create(title_fi="Yhteinen käytäntö", summary_fi="Tiivistelmä", status="published")
    practice.vitality_centres.set(VitalityCentre.objects.filter(code__in=[ITA_SUOMI, UUSIMAA]))
    return practice


def test_coordinator_cannot_remove_another_area_from_a_shared_practice(ita, uusimaa, shared_practice):
    data = form_data(ita.get(practice_url(shared_practice)).content.decode(), "practice_form")
    data["vitality_centres"] = [str(VitalityCentre.objects.get(code=ITA_SUOMI).pk)]
    response = ita.post(practice_url(shared_practice), data)
    assert response.status_code == 200
    assert "vitality_centres" in response.context["adminform"].form.errors
    assert shared_practice.vitality_centres.filter(code=UUSIMAA).exists()
    assert uusimaa.get(practice_url(shared_practice)).status_code == 200


def test_saving_a_shared_practice_keeps_both_areas(ita, uusimaa, shared_practice):
    data = form_data(ita.get(practice_url(shared_practice)).content.decode(), "practice_form")
    data["title_sv"] = "Gemensam praxis"
    assert ita.post(practice_url(shared_practice), data).status_code == 302
    assert set(shared_practice.vitality_centres.values_list("code", flat=True)) == {ITA_SUOMI, UUSIMAA}
    assert uusimaa.get(practice_url(shared_practice)).status_code == 200


def test_csv_import_cannot_remove_another_areas_municipality(ita, shared_service):
    user = get_user_model().objects.get(username="ita")
    text = admin_csv.export_csv(admin_csv.export_queryset(Service.objects.filter(pk=shared_service.pk)))
    edited = text.replace(f",{ESPOO},", ",,")
    assert edited != text
    result = admin_csv.import_csv(edited.encode(), scope=scope_for(user), by=user)
    assert result.errors
    assert shared_service.municipalities.filter(code=ESPOO).exists()
