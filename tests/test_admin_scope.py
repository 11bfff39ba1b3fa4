"""A regional coordinator sees and changes only their own area's entries, on every admin path, also by URL."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from regions.models import Municipality, Region, VitalityCentre
from services.models import Provider, Service, ServiceLocation, TargetGroup
from tests.admin_support import (
    ITA_SUOMI,
    UUSIMAA,
    form_data,
    make_coordinator,
    make_national_administrator,
)
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db

MIKKELI, HELSINKI, SAVONLINNA, ESPOO = "491", "091", "740", "049"


@pytest.fixture
def mikkeli_service() -> Service:
    """Itä-Suomi's: the provider's home is Mikkeli (Etelä-Savo)."""
    return ServiceFactory(name_fi="Ohjaamo Mikkeli", provider=ProviderFactory(municipality=municipality(MIKKELI)))


@pytest.fixture
def helsinki_service() -> Service:
    """Uusimaa's: the provider's home is Helsinki."""
    return ServiceFactory(name_fi="Ohjaamo Helsinki", provider=ProviderFactory(municipality=municipality(HELSINKI)))


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


def service_url(service: Service, action: str = "change") -> str:
    return f"/fi/admin/services/service/{service.pk}/{action}/"


# --- Change lists and object views -------------------------------------------------------------------------


def test_coordinator_lists_only_own_areas_services(ita, mikkeli_service, helsinki_service):
    page = ita.get("/fi/admin/services/service/").content.decode()
    assert "Ohjaamo Mikkeli" in page
    assert "Ohjaamo Helsinki" not in page


def test_service_belongs_to_area_through_location_or_service_area(ita, helsinki_service):
    located = ServiceFactory(name_fi="Etäohjaus A")  # provider in Helsinki …
    ServiceLocationFactory(service=located, municipality=municipality(SAVONLINNA))  # … location in Savonlinna
    served = ServiceFactory(name_fi="Etäohjaus B")
    served.regions.add(Region.objects.get(name_fi="Pohjois-Karjala"))
    page = ita.get("/fi/admin/services/service/").content.decode()
    assert "Etäohjaus A" in page
    assert "Etäohjaus B" in page


def test_coordinator_can_open_own_service(ita, mikkeli_service):
    assert ita.get(service_url(mikkeli_service)).status_code == 200


@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_coordinator_cannot_open_another_areas_service_by_url(ita, helsinki_service, action):
    assert ita.get(service_url(helsinki_service, action)).status_code == 403


def test_coordinator_cannot_post_changes_to_another_areas_service(client, helsinki_service):
    client.force_login(make_national_administrator())
    data = form_data(client.get(service_url(helsinki_service)).content.decode(), "service_form")
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    data["name_fi"] = "Kaapattu"
    assert client.post(service_url(helsinki_service), data).status_code == 403
    helsinki_service.refresh_from_db()
    assert helsinki_service.name_fi == "Ohjaamo Helsinki"


def test_coordinator_cannot_delete_another_areas_service_by_post(ita, helsinki_service):
    assert ita.post(service_url(helsinki_service, "delete"), {"post": "yes"}).status_code == 403
    assert Service.objects.filter(pk=helsinki_service.pk).exists()


def test_coordinator_cannot_see_or_revert_another_areas_history(ita, helsinki_service):
    record = helsinki_service.history.first()
    url = f"/fi/admin/services/service/{helsinki_service.pk}/history/{record.history_id}/"
    assert ita.get(url).status_code == 403
    assert ita.post(url, {"name_fi": "Palautettu"}).status_code == 403


def test_coordinator_cannot_see_history_of_a_deleted_entry_of_another_area(ita, helsinki_service):
    pk = helsinki_service.pk
    helsinki_service.delete()
    assert ita.get(f"/fi/admin/services/service/{pk}/history/").status_code == 403


def test_nonexistent_service_is_not_reported_as_forbidden(ita):
    # Django's admin answers an unknown id with a redirect to the start page and a message; only existing
    # entries of other areas are 403, so a 403 says "not yours", never "does not exist".
    assert ita.get("/fi/admin/services/service/999999999/change/").status_code == 302


def test_bad_ids_in_admin_urls_do_not_fail(ita):
    for bad in ["abc", "-1", "1" * 30]:
        assert ita.get(f"/fi/admin/services/service/{bad}/change/").status_code in (302, 404)


def test_coordinator_lists_only_own_providers(ita, mikkeli_service, helsinki_service):
    page = ita.get("/fi/admin/services/provider/").content.decode()
    assert mikkeli_service.provider.name_fi in page
    assert helsinki_service.provider.name_fi not in page
    assert ita.get(f"/fi/admin/services/provider/{helsinki_service.provider.pk}/change/").status_code == 403


def test_provider_with_a_service_in_the_area_is_the_areas_too(ita):
    national_ngo = ProviderFactory(name_fi="Valtakunnallinen järjestö", municipality=municipality(HELSINKI))
    service = ServiceFactory(provider=national_ngo)
    service.municipalities.add(municipality(SAVONLINNA))
    page = ita.get("/fi/admin/services/provider/").content.decode()
    assert "Valtakunnallinen järjestö" in page


def test_coordinator_with_two_areas_sees_both(client, mikkeli_service, helsinki_service):
    client.force_login(make_coordinator("both", ITA_SUOMI, UUSIMAA))
    page = client.get("/fi/admin/services/service/").content.decode()
    assert "Ohjaamo Mikkeli" in page
    assert "Ohjaamo Helsinki" in page


def test_coordinator_without_an_area_sees_nothing_and_cannot_add(client, mikkeli_service):
    client.force_login(make_coordinator("nobody"))
    assert "Ohjaamo Mikkeli" not in client.get("/fi/admin/services/service/").content.decode()
    assert client.get("/fi/admin/services/service/add/").status_code == 403


def test_national_administrator_sees_everything(client, mikkeli_service, helsinki_service):
    client.force_login(make_national_administrator())
    page = client.get("/fi/admin/services/service/").content.decode()
    assert "Ohjaamo Mikkeli" in page
    assert "Ohjaamo Helsinki" in page
    assert client.get(service_url(helsinki_service)).status_code == 200


# --- Autocomplete ----------------------------------------------------------------------------------------------


def autocomplete(client, model: str, field: str, term: str, app_label: str = "services", source: str = "service"):
    response = client.get(
        "/fi/admin/autocomplete/", {"app_label": app_label, "model_name": source, "field_name": field, "term": term}
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_provider_autocomplete_offers_only_own_areas_providers(ita, mikkeli_service, helsinki_service):
    found = autocomplete(ita, "provider", "provider", "Ohjausorganisaatio")
    assert mikkeli_service.provider.name_fi in found
    assert helsinki_service.provider.name_fi not in found


def test_municipality_autocomplete_offers_only_own_areas_municipalities(ita):
    assert autocomplete(ita, "municipality", "municipalities", "Mikkeli") == ["Mikkeli"]
    assert autocomplete(ita, "municipality", "municipalities", "Helsinki") == []
    assert autocomplete(ita, "municipality", "municipality", "Espoo", source="provider") == []


def test_region_autocomplete_offers_only_own_regions(ita):
    assert autocomplete(ita, "region", "regions", "Savo") == ["Etelä-Savo", "Pohjois-Savo"]
    assert autocomplete(ita, "region", "regions", "Uusimaa") == []


def test_national_administrator_autocomplete_offers_every_municipality(client):
    client.force_login(make_national_administrator())
    assert autocomplete(client, "municipality", "municipalities", "Helsinki") == ["Helsinki"]


# --- Bulk actions and export ---------------------------------------------------------------------------------


def test_bulk_action_ignores_another_areas_ids(ita, mikkeli_service, helsinki_service):
    Service.objects.filter(pk__in=[mikkeli_service.pk, helsinki_service.pk]).update(status=Service.Status.PUBLISHED)
    ita.post(
        "/fi/admin/services/service/",
        {"action": "archive", "_selected_action": [mikkeli_service.pk, helsinki_service.pk]},
    )
    mikkeli_service.refresh_from_db()
    helsinki_service.refresh_from_db()
    assert mikkeli_service.status == Service.Status.ARCHIVED
    assert helsinki_service.status == Service.Status.PUBLISHED


def test_bulk_delete_ignores_another_areas_ids(ita, mikkeli_service, helsinki_service):
    ita.post(
        "/fi/admin/services/service/",
        {"action": "delete_selected", "_selected_action": [mikkeli_service.pk, helsinki_service.pk], "post": "yes"},
    )
    assert not Service.objects.filter(pk=mikkeli_service.pk).exists()
    assert Service.objects.filter(pk=helsinki_service.pk).exists()


def test_csv_export_holds_only_own_areas_services(ita, mikkeli_service, helsinki_service):
    response = ita.post(
        "/fi/admin/services/service/",
        {"action": "export_csv", "_selected_action": [mikkeli_service.pk, helsinki_service.pk]},
    )
    text = response.content.decode("utf-8-sig")
    assert "Ohjaamo Mikkeli" in text
    assert "Ohjaamo Helsinki" not in text


# --- Forms: no area outside one's own ----------------------------------------------------------------------


def change_form(client, service: Service) -> dict:
    return form_data(client.get(service_url(service)).content.decode(), "service_form")


def errors_of(response) -> str:
    return response.content.decode()


def test_coordinator_cannot_add_a_region_outside_own_areas(ita, mikkeli_service):
    data = change_form(ita, mikkeli_service)
    data["regions"] = [str(Region.objects.get(name_fi="Uusimaa").pk)]
    response = ita.post(service_url(mikkeli_service), data)
    assert response.status_code == 200
    assert "Uusimaa" in errors_of(response)
    assert not mikkeli_service.regions.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("vitality_centres", lambda: VitalityCentre.objects.get(code=UUSIMAA).pk),
        ("municipalities", lambda: Municipality.objects.get(code=ESPOO).pk),
        ("employment_areas", lambda: Municipality.objects.get(code=HELSINKI).employment_area_id),
    ],
)
def test_coordinator_cannot_add_other_areas_in_any_area_field(ita, mikkeli_service, field, value):
    data = change_form(ita, mikkeli_service)
    data[field] = [str(value())]
    response = ita.post(service_url(mikkeli_service), data)
    assert response.status_code == 200
    assert not getattr(mikkeli_service, field).exists()


def test_coordinator_can_add_own_areas(ita, mikkeli_service):
    data = change_form(ita, mikkeli_service)
    data["regions"] = [str(Region.objects.get(name_fi="Pohjois-Savo").pk)]
    data["municipalities"] = [str(Municipality.objects.get(code=SAVONLINNA).pk)]
    assert ita.post(service_url(mikkeli_service), data).status_code == 302
    assert list(mikkeli_service.regions.values_list("name_fi", flat=True)) == ["Pohjois-Savo"]


def test_areas_set_by_a_national_administrator_stay_when_a_coordinator_saves(ita, mikkeli_service):
    mikkeli_service.regions.add(Region.objects.get(name_fi="Uusimaa"))
    data = change_form(ita, mikkeli_service)
    data["name_sv"] = "Navigatorn S:t Michel"
    assert ita.post(service_url(mikkeli_service), data).status_code == 302
    assert mikkeli_service.regions.filter(name_fi="Uusimaa").exists()


def test_coordinator_cannot_make_a_service_nationwide(ita, mikkeli_service):
    data = change_form(ita, mikkeli_service)
    data["nationwide"] = "on"
    response = ita.post(service_url(mikkeli_service), data)
    assert response.status_code == 200
    mikkeli_service.refresh_from_db()
    assert not mikkeli_service.nationwide


def test_coordinator_cannot_move_a_service_to_another_areas_provider(ita, mikkeli_service, helsinki_service):
    data = change_form(ita, mikkeli_service)
    data["provider"] = str(helsinki_service.provider.pk)
    assert ita.post(service_url(mikkeli_service), data).status_code == 200
    mikkeli_service.refresh_from_db()
    assert mikkeli_service.provider_id != helsinki_service.provider_id


def test_coordinator_cannot_add_a_location_in_another_areas_municipality(ita, mikkeli_service):
    data = change_form(ita, mikkeli_service)
    data.update(
        {
            "locations-TOTAL_FORMS": "1",
            "locations-0-municipality": str(Municipality.objects.get(code=HELSINKI).pk),
            "locations-0-street_address_fi": "Mannerheimintie 1",
            "locations-0-postal_code": "00100",
        }
    )
    response = ita.post(service_url(mikkeli_service), data)
    assert response.status_code == 200
    assert not ServiceLocation.objects.filter(service=mikkeli_service).exists()


def test_coordinator_adds_a_service_in_own_area(ita, mikkeli_service):
    data = form_data(ita.get("/fi/admin/services/service/add/").content.decode(), "service_form")
    data.update(
        {
            "provider": str(mikkeli_service.provider.pk),
            "name_fi": "Uusi uraohjaus",
            "status": "draft",
            "cost": "free",
        }
    )
    assert ita.post("/fi/admin/services/service/add/", data).status_code == 302
    assert Service.objects.filter(name_fi="Uusi uraohjaus").exists()


def test_new_provider_needs_a_home_municipality_in_own_area(ita):
    data = form_data(ita.get("/fi/admin/services/provider/add/").content.decode(), "provider_form")
    data.update({"name_fi": "Uusi järjestö", "sector": "third", "kind": "ngo"})
    data["municipality"] = str(Municipality.objects.get(code=HELSINKI).pk)
    assert ita.post("/fi/admin/services/provider/add/", data).status_code == 200
    data["municipality"] = str(Municipality.objects.get(code=MIKKELI).pk)
    assert ita.post("/fi/admin/services/provider/add/", data).status_code == 302
    assert Provider.objects.get(name_fi="Uusi järjestö").municipality.code == MIKKELI


# --- What a coordinator may not touch at all ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/fi/admin/services/targetgroup/add/",
        "/fi/admin/services/nationalgoal/add/",
        "/fi/admin/regions/municipality/add/",
        "/fi/admin/regions/vitalitycentre/add/",
        "/fi/admin/auth/user/",
        "/fi/admin/auth/group/",
        "/fi/admin/auth/user/add/",
    ],
)
def test_coordinator_cannot_edit_vocabularies_areas_users_or_groups(ita, url):
    assert ita.get(url).status_code == 403


def test_coordinator_cannot_change_a_vocabulary_by_post(ita):
    group = TargetGroup.objects.first()
    response = ita.post(f"/fi/admin/services/targetgroup/{group.pk}/change/", {"code": group.code, "name_fi": "X"})
    assert response.status_code == 403
    group.refresh_from_db()
    assert group.name_fi != "X"


def test_coordinator_cannot_grant_themselves_more(ita):
    user = get_user_model().objects.get(username="ita")
    assert ita.get(f"/fi/admin/auth/user/{user.pk}/change/").status_code == 403
    assert ita.post(f"/fi/admin/auth/user/{user.pk}/change/", {"is_superuser": "on"}).status_code == 403
    user.refresh_from_db()
    assert not user.is_superuser


def test_national_administrator_may_edit_vocabularies_and_users(client):
    client.force_login(make_national_administrator())
    assert client.get("/fi/admin/services/targetgroup/add/").status_code == 200
    assert client.get("/fi/admin/auth/user/").status_code == 200
    assert client.get("/fi/admin/regions/municipality/add/").status_code == 200
