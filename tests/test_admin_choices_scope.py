"""A coordinator's form fields offer and accept only what the autocomplete offers: entries of their own area(s).

Before, only the autocomplete was scoped: a coordinator of Itä-Suomi could post the id of Uusimaa's *draft*
practice into their own self-assessment, and the draft's title then showed on the public group page (and in
the re-rendered form, so titles could be read by trying ids). Every relation to a scoped entry (practices,
providers, groups, measures) is now limited to the user's scope, plus what the entry already links to, and the
public pages show only published practices.
"""

from __future__ import annotations

import pytest

from cooperation.models import (
    DimensionRating,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    Measure,
    Practice,
    RegionalGroup,
)
from regions.models import VitalityCentre
from services.models import NationalGoal
from tests.admin_support import ITA_SUOMI, UUSIMAA, form_data, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db

MIKKELI, HELSINKI = "491", "091"
SECRET_TITLE = "Salainen luonnos Uusimaa"


def _area(code: str) -> VitalityCentre:
    return VitalityCentre.objects.get(code=code)


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


@pytest.fixture
def own_group() -> RegionalGroup:
    return RegionalGroup.objects.create(
        vitality_centre=_area(ITA_SUOMI), name_fi="Itä ELO-ryhmä", publish_latest_assessment=True
    )


@pytest.fixture
def own_assessment(own_group) -> MaturityAssessment:
    return MaturityAssessment.objects.create(group=own_group, year=2025)


@pytest.fixture
def other_draft() -> Practice:
    practice = Practice.objects.create(title_fi=SECRET_TITLE, summary_fi="Tiivistelmä", status="draft")
    practice.vitality_centres.set([_area(UUSIMAA)])
    return practice


def _assessment_url(assessment: MaturityAssessment) -> str:
    return f"/fi/admin/cooperation/maturityassessment/{assessment.pk}/change/"


def _rating_data(client, assessment: MaturityAssessment, practice: Practice) -> dict:
    data = form_data(client.get(_assessment_url(assessment)).content.decode(), "maturityassessment_form")
    data["ratings-0-stage"] = str(MaturityStage.objects.order_by("number").first().pk)
    data["ratings-0-practices"] = [str(practice.pk)]
    return data


def test_coordinator_cannot_attach_another_areas_draft_practice_by_id(ita, own_assessment, other_draft):
    response = ita.post(_assessment_url(own_assessment), _rating_data(ita, own_assessment, other_draft))
    assert response.status_code == 200  # the form again, with the error
    assert not DimensionRating.objects.filter(assessment=own_assessment, practices=other_draft).exists()
    assert SECRET_TITLE not in response.content.decode()


def test_coordinator_can_attach_own_areas_practice(ita, own_assessment):
    own = Practice.objects.create(title_fi="Oma käytäntö", summary_fi="Tiivistelmä", status="draft")
    own.vitality_centres.set([_area(ITA_SUOMI)])
    response = ita.post(_assessment_url(own_assessment), _rating_data(ita, own_assessment, own))
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert DimensionRating.objects.filter(assessment=own_assessment, practices=own).exists()


def test_links_made_by_a_national_administrator_survive_a_coordinators_save(ita, own_assessment):
    shared = Practice.objects.create(title_fi="Uudenmaan käytäntö", summary_fi="Tiivistelmä", status="published")
    shared.vitality_centres.set([_area(UUSIMAA)])
    rating = DimensionRating.objects.create(
        assessment=own_assessment,
        dimension=MaturityDimension.objects.order_by("order").first(),
        stage=MaturityStage.objects.order_by("number").first(),
    )
    rating.practices.add(shared)
    data = form_data(ita.get(_assessment_url(own_assessment)).content.decode(), "maturityassessment_form")
    data["ratings-0-evidence"] = "Yhteinen foorumi kokoontuu."
    response = ita.post(_assessment_url(own_assessment), data)
    assert response.status_code == 302
    assert list(rating.practices.all()) == [shared]


# --- Providers, groups and measures of other areas -----------------------------------------------------------


@pytest.fixture
def other_provider():
    return ProviderFactory(name_fi="Uudenmaan piilotettu järjestö", municipality=municipality(HELSINKI))


def test_coordinator_cannot_name_another_areas_provider_in_a_practice(ita, other_provider):
    practice = Practice.objects.create(title_fi="Oma käytäntö", summary_fi="Tiivistelmä", status="draft")
    practice.vitality_centres.set([_area(ITA_SUOMI)])
    url = f"/fi/admin/cooperation/practice/{practice.pk}/change/"
    data = form_data(ita.get(url).content.decode(), "practice_form")
    data["providers"] = [str(other_provider.pk)]
    response = ita.post(url, data)
    assert response.status_code == 200
    assert "providers" in response.context["adminform"].form.errors
    assert not practice.providers.exists()
    assert other_provider.name_fi not in response.content.decode()


def test_coordinator_cannot_make_another_areas_provider_a_group_member(ita, own_group, other_provider):
    url = f"/fi/admin/cooperation/regionalgroup/{own_group.pk}/change/"
    data = form_data(ita.get(url).content.decode(), "regionalgroup_form")
    data.update({"members-TOTAL_FORMS": "1", "members-0-provider": str(other_provider.pk), "members-0-order": "1"})
    response = ita.post(url, data)
    assert response.status_code == 200
    assert not own_group.members.exists()
    assert other_provider.name_fi not in response.content.decode()


def test_coordinator_cannot_give_a_measure_another_areas_provider_or_group(ita, own_group, other_provider):
    other_group = RegionalGroup.objects.create(vitality_centre=_area(UUSIMAA), name_fi="Uudenmaan piiloryhmä")
    measure = Measure.objects.create(
        code="06-9", title_fi="Oma toimenpide", level="regional", vitality_centre=_area(ITA_SUOMI), group=own_group
    )
    url = f"/fi/admin/cooperation/measure/{measure.pk}/change/"
    data = form_data(ita.get(url).content.decode(), "measure_form")
    data["national_goals"] = [str(NationalGoal.objects.first().pk)]
    data["responsible_providers"] = [str(other_provider.pk)]
    data["group"] = str(other_group.pk)
    response = ita.post(url, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "responsible_providers" in form.errors and "group" in form.errors
    html = response.content.decode()
    assert other_provider.name_fi not in html and "Uudenmaan piiloryhmä" not in html
    measure.refresh_from_db()
    assert measure.group == own_group and not measure.responsible_providers.exists()


def test_coordinator_cannot_read_another_areas_provider_name_through_a_service_form(ita, other_provider):
    service = ServiceFactory(provider=ProviderFactory(municipality=municipality(MIKKELI)))
    url = f"/fi/admin/services/service/{service.pk}/change/"
    data = form_data(ita.get(url).content.decode(), "service_form")
    data["provider"] = str(other_provider.pk)
    response = ita.post(url, data)
    assert response.status_code == 200
    assert other_provider.name_fi not in response.content.decode()


def test_national_administrator_may_link_any_areas_entries(client, own_assessment, other_draft):
    client.force_login(make_national_administrator())
    response = client.post(_assessment_url(own_assessment), _rating_data(client, own_assessment, other_draft))
    assert response.status_code == 302
    assert DimensionRating.objects.filter(assessment=own_assessment, practices=other_draft).exists()


# --- Public pages never show a draft ---------------------------------------------------------------------------


def test_group_page_never_shows_a_draft_practices_title(client, own_assessment, other_draft):
    published = Practice.objects.create(title_fi="Julkaistu käytäntö", summary_fi="Tiivistelmä", status="published")
    rating = DimensionRating.objects.create(
        assessment=own_assessment,
        dimension=MaturityDimension.objects.order_by("order").first(),
        stage=MaturityStage.objects.order_by("number").first(),
    )
    rating.practices.add(other_draft, published)
    for url in (f"/fi/groups/{own_assessment.group.pk}/", f"/fi/areas/{ITA_SUOMI}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SECRET_TITLE not in html, url
    assert "Julkaistu käytäntö" in client.get(f"/fi/groups/{own_assessment.group.pk}/").content.decode()
