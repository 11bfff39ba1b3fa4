"""Regional groups, strategies, the maturity model and the demo content: what the data must guarantee."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cooperation.demo import load_demo_cooperation
from cooperation.models import (
    GroupMember,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    Measure,
    Practice,
    RegionalGroup,
    StageDescription,
)
from regions.models import Region, VitalityCentre
from services.models import Origin

pytestmark = pytest.mark.django_db


def test_maturity_model_is_data_with_five_dimensions_and_three_stages_in_three_languages():
    assert MaturityDimension.objects.count() == 5
    assert list(MaturityStage.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert StageDescription.objects.count() == 15
    for description in StageDescription.objects.all():
        assert description.text_fi and description.text_sv and description.text_en
    cell = StageDescription.objects.get(dimension__code="regional-operating-models", stage__number=3)
    assert cell.text_en == "Strategies drawn up together."


def test_demo_has_the_etela_savo_strategy_with_its_five_goals_under_ita_suomi():
    load_demo_cooperation()
    group = RegionalGroup.objects.get(name_en="South Savo lifelong guidance steering group")
    assert group.vitality_centre.code == "06" and group.region.code == "10"
    assert group.origin == Origin.DEMO
    assert group.tasks.count() == 6
    strategy = group.strategies.get()
    assert (strategy.first_year, strategy.last_year) == (2017, 2022)
    assert [g.title_fi for g in strategy.goals.all()] == [
        "Yhteiset järjestelyt",
        "Osallisuus",
        "Kannustava oppiminen",
        "Sujuvasti työhön",
        "Toimiva verkostotyö yhdessä",
    ]
    assert all(goal.national_goals.exists() for goal in strategy.goals.all())


def test_demo_is_complete_and_loading_it_again_creates_nothing():
    first = load_demo_cooperation()
    assert first["practices"] >= 15
    published = Practice.objects.published().filter(origin=Origin.DEMO)
    assert published.values("vitality_centres").distinct().count() >= 5
    assert RegionalGroup.objects.values("vitality_centre").distinct().count() >= 3
    assert Measure.objects.national().count() == 10
    assert all(m.follow_ups.filter(origin=Origin.DEMO).exists() for m in Measure.objects.national())
    again = load_demo_cooperation()
    assert set(again.values()) == {0}


def test_group_region_must_lie_in_its_area():
    group = RegionalGroup(vitality_centre=VitalityCentre.objects.get(code="06"), region=Region.objects.get(code="01"))
    group.name_fi = "Väärä alue"
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "region" in error.value.message_dict


def test_one_assessment_per_group_and_year():
    group = RegionalGroup.objects.create(vitality_centre=VitalityCentre.objects.get(code="10"), name_fi="Ryhmä")
    MaturityAssessment.objects.create(group=group, year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        MaturityAssessment.objects.create(group=group, year=2025)


def test_member_is_a_provider_or_a_named_organisation():
    group = RegionalGroup.objects.create(vitality_centre=VitalityCentre.objects.get(code="10"), name_fi="Ryhmä")
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMember.objects.create(group=group)


def test_national_measure_has_no_area_and_regional_one_needs_it():
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(code="X-1", title_fi="Alueellinen", level=Measure.Level.REGIONAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(
            code="X-2",
            title_fi="Kansallinen",
            level=Measure.Level.NATIONAL,
            vitality_centre=VitalityCentre.objects.get(code="10"),
        )
