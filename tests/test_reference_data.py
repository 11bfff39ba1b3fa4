"""The official areas in the database are exactly the reference files, and the files are the shared originals.

Counts are checked against both the files and the numbers Statistics Finland publishes, so that neither a
loader that skips rows nor a truncated file can pass unnoticed.
"""

from __future__ import annotations

import csv
import datetime
import filecmp
from pathlib import Path

import pytest
from django.conf import settings

from regions.models import ElyCentre, EmploymentArea, Municipality, Region, VitalityCentre

REFERENCE = Path(settings.BASE_DIR) / "fixtures" / "reference"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"
ALAND = "21"

pytestmark = pytest.mark.django_db

FILES_AND_MODELS = [
    ("municipalities.csv", Municipality),
    ("regions.csv", Region),
    ("ely_centres.csv", ElyCentre),
    ("elinvoimakeskukset.csv", VitalityCentre),
    ("employment_areas.csv", EmploymentArea),
]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("file_name", "model"), FILES_AND_MODELS)
def test_database_holds_every_row_of_the_reference_file(file_name, model):
    assert model.objects.count() == len(_rows(REFERENCE / file_name))


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not beside this checkout")
@pytest.mark.parametrize(("file_name", "model"), FILES_AND_MODELS)
def test_reference_file_is_an_identical_copy_of_the_shared_data(file_name, model):
    assert filecmp.cmp(REFERENCE / file_name, SHARED / file_name, shallow=False), f"{file_name} differs"
    assert model.objects.count() == len(_rows(SHARED / file_name))


def test_counts_match_the_official_classifications():
    assert Municipality.objects.count() == 308
    assert Region.objects.count() == 19
    assert ElyCentre.objects.count() == 15
    assert VitalityCentre.objects.count() == 10
    assert EmploymentArea.objects.count() == 45


def test_ely_centres_end_when_the_vitality_centres_begin():
    assert set(ElyCentre.objects.values_list("valid_until", flat=True)) == {datetime.date(2025, 12, 31)}
    assert set(VitalityCentre.objects.values_list("valid_from", flat=True)) == {datetime.date(2026, 1, 1)}
    assert ElyCentre.objects.in_force(datetime.date(2025, 12, 31)).count() == 15
    assert ElyCentre.objects.in_force(datetime.date(2026, 1, 1)).count() == 0
    assert VitalityCentre.objects.in_force(datetime.date(2025, 12, 31)).count() == 0
    assert VitalityCentre.objects.in_force(datetime.date(2026, 1, 1)).count() == 10


def test_every_mainland_municipality_is_in_exactly_one_employment_area():
    mainland = Municipality.objects.exclude(region__code=ALAND)
    assert mainland.count() == 308 - 16
    assert not mainland.filter(employment_area__isnull=True).exists()
    # The file lists each area's municipalities; none may be claimed by two areas.
    listed = [
        code for row in _rows(REFERENCE / "employment_areas.csv") for code in row["municipality_codes"].split(";")
    ]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(mainland.values_list("code", flat=True))


def test_aland_municipalities_have_no_employment_area():
    """Åland runs its own employment services (AMS); the municipal employment areas do not cover it."""
    assert not Municipality.objects.filter(region__code=ALAND, employment_area__isnull=False).exists()


def test_hame_ely_centre_has_two_successors():
    """Kanta-Häme went to Sisä-Suomi and Päijät-Häme to Kaakkois-Suomi."""
    hame = ElyCentre.objects.get(abbreviation="HAM")
    assert set(hame.successors.values_list("abbreviation", flat=True)) == {"SIS", "KAS"}
    assert set(hame.regions.values_list("name_fi", flat=True)) == {"Kanta-Häme", "Päijät-Häme"}
    others = ElyCentre.objects.exclude(pk=hame.pk)
    assert all(ely.successors.count() == 1 for ely in others)


def test_every_region_belongs_to_a_vitality_centre_that_covers_its_municipalities():
    for centre in VitalityCentre.objects.all():
        expected = {
            row["region_codes"] for row in _rows(REFERENCE / "elinvoimakeskukset.csv") if row["evk_code"] == centre.code
        }
        assert set(centre.regions.values_list("code", flat=True)) == set(expected.pop().split(";"))
    by_code = dict(Municipality.objects.values_list("code", "region__vitality_centre__code"))
    for row in _rows(REFERENCE / "municipalities.csv"):
        assert by_code[row["municipality_code"]] == row["evk_code"], row["name_fi"]
