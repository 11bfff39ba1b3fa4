"""Charts over time, drawn on the server as SVG with their figures in a table: an area's coverage month by month
(kept by the ``snapshot_coverage`` command, once a month), a group's maturity self-assessments by year, and its
measures' follow-up status by year. Every chart has its text equivalent and loads nothing from elsewhere."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command

from cooperation.coverage import Level, coverage_table
from cooperation.coverage_history import take_snapshot
from cooperation.maturity_model import load_maturity_model
from cooperation.models import (
    CoverageSnapshot,
    DimensionRating,
    FollowUp,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    Measure,
    RegionalGroup,
)
from cooperation.trends import follow_up_trend
from regions.models import VitalityCentre
from tests.admin_support import ITA_SUOMI, make_coordinator, make_national_administrator
from tests.factories import ProviderFactory, ServiceFactory, ServiceLocationFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def ita(client):
    client.force_login(make_coordinator("ita", ITA_SUOMI))
    return client


def _area() -> VitalityCentre:
    return VitalityCentre.objects.get(code=ITA_SUOMI)


class _Figures(HTMLParser):
    """The charts of a page: each <figure>'s SVG (role, name, any external reference) and its table's cells."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict] = []
        self._inside = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "figure":
            self.figures.append({"svg_role": None, "svg_title": False, "refs": [], "rows": []})
            self._inside = True
        elif not self._inside:
            return
        figure = self.figures[-1]
        if tag == "svg" and "role" in a:
            figure["svg_role"] = a["role"]
        if tag == "title":
            figure["svg_title"] = True
        figure["refs"] += [v for k, v in a.items() if k in ("href", "xlink:href", "src") and v]
        if tag == "image":
            figure["refs"].append("<image>")
        if tag == "tr":
            figure["rows"].append([])
        if tag in ("td", "th") and figure["rows"]:
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._inside = False
        if tag in ("td", "th") and self._cell is not None:
            self.figures[-1]["rows"][-1].append("".join(self._cell).strip())
            self._cell = None


def figures(html: str) -> list[dict]:
    parser = _Figures()
    parser.feed(html)
    for figure in parser.figures:
        assert figure["svg_role"] == "img" and figure["svg_title"], "a chart names itself to screen readers"
        assert figure["refs"] == [], "a chart loads nothing"
    return parser.figures


# --- The monthly snapshot ------------------------------------------------------------------------------------


def test_snapshot_is_kept_once_a_month_for_every_area_and_the_whole_country():
    out = StringIO()
    call_command("snapshot_coverage", stdout=out)
    areas = VitalityCentre.objects.in_force().count()
    assert CoverageSnapshot.objects.count() == areas + 1
    assert "kept" in out.getvalue()
    call_command("snapshot_coverage", stdout=(again := StringIO()))
    assert CoverageSnapshot.objects.count() == areas + 1
    assert "already kept" in again.getvalue()
    call_command("snapshot_coverage", "--replace", stdout=StringIO())
    assert CoverageSnapshot.objects.count() == areas + 1


def test_snapshot_holds_the_figures_of_the_coverage_page():
    service = ServiceFactory(provider=ProviderFactory(municipality=municipality("491")))
    ServiceLocationFactory(service=service, municipality=municipality("491"))  # Mikkeli: served in person
    month, written = take_snapshot(today=datetime.date(2026, 3, 17))
    assert month == datetime.date(2026, 3, 1) and written == VitalityCentre.objects.in_force().count() + 1
    snapshot = CoverageSnapshot.objects.for_area(_area()).get()
    summary = coverage_table(area=_area()).summary()
    kept = (snapshot.in_person, snapshot.elsewhere, snapshot.remote_only, snapshot.nothing, snapshot.gap_cells)
    assert kept == (*(summary.counts[level] for level in Level), summary.gap_cells)
    assert snapshot.municipalities == len(coverage_table(area=_area()).rows)
    assert snapshot.in_person == 1
    country = CoverageSnapshot.objects.for_area(None).get()
    assert country.municipalities == len(coverage_table().rows)
    # Next month is a new row; this month's stays as it was.
    take_snapshot(today=datetime.date(2026, 4, 1))
    assert CoverageSnapshot.objects.for_area(_area()).count() == 2


def test_the_start_page_shows_the_areas_coverage_month_by_month(ita):
    assert "snapshot_coverage" in ita.get("/fi/admin/").content.decode()  # none yet: says how the trend starts
    for month, nothing in ((1, 40), (2, 38), (3, 35)):
        CoverageSnapshot.objects.create(
            month=datetime.date(2026, month, 1),
            vitality_centre=_area(),
            in_person=43 - nothing,
            elsewhere=0,
            remote_only=0,
            nothing=nothing,
            gap_cells=nothing * 13,
        )
    [chart] = figures(ita.get("/fi/admin/").content.decode())
    assert chart["rows"][1:] == [
        ["1/2026", "3", "0", "0", "40", "43"],
        ["2/2026", "5", "0", "0", "38", "43"],
        ["3/2026", "8", "0", "0", "35", "43"],
    ]


def test_the_national_start_page_shows_the_whole_countrys_trend(client):
    take_snapshot()
    client.force_login(make_national_administrator())
    [chart] = figures(client.get("/fi/admin/").content.decode())
    assert len(chart["rows"]) == 2  # the header and this month


# --- A group's maturity and measures ------------------------------------------------------------------------


@pytest.fixture
def group() -> RegionalGroup:
    load_maturity_model()
    group = RegionalGroup.objects.create(vitality_centre=_area(), name_fi="Etelä-Savon ELO-ryhmä")
    stage = {number: MaturityStage.objects.get(number=number) for number in (1, 2, 3)}
    dimensions = list(MaturityDimension.objects.all())
    for year, numbers in ((2022, [1, 1, 2, 1, 1]), (2024, [2, 1, 2, 2, 1]), (2025, [2, 2, 3, 2, 2])):
        assessment = MaturityAssessment.objects.create(group=group, year=year)
        for dimension, number in zip(dimensions, numbers, strict=True):
            DimensionRating.objects.create(assessment=assessment, dimension=dimension, stage=stage[number])
    for code, entries in (("ES-1", [("2023-03-01", "started"), ("2025-02-01", "completed")]), ("ES-2", [])):
        measure = Measure.objects.create(
            code=code, title_fi=code, level="regional", vitality_centre=_area(), group=group, first_year=2023
        )
        for date, status in entries:
            FollowUp.objects.create(measure=measure, date=datetime.date.fromisoformat(date), status=status)
    return group


def test_group_page_charts_its_maturity_by_year_with_the_stages_in_a_table(ita, group):
    html = ita.get(f"/fi/admin/cooperation/regionalgroup/{group.pk}/change/").content.decode()
    maturity, follow_up = figures(html)
    assert maturity["rows"][0] == ["Ulottuvuus", "2022", "2024", "2025"]
    assert [row[1:] for row in maturity["rows"][1:]] == [
        ["1", "2", "2"],
        ["1", "1", "2"],
        ["2", "2", "3"],
        ["1", "2", "2"],
        ["1", "1", "2"],
    ]
    # 2023: one started, one not yet; 2025 on: one completed. The columns: not started, started, progressing,
    # completed, dropped, total.
    years = {row[0]: row[1:] for row in follow_up["rows"][1:]}
    assert years["2023"] == ["1", "1", "0", "0", "0", "2"]
    assert years["2024"] == ["1", "1", "0", "0", "0", "2"]
    assert years["2025"] == ["1", "0", "0", "1", "0", "2"]


def test_svg_numbers_are_not_localised(ita, group):
    """Finnish writes decimals with a comma; inside SVG coordinates that would break the picture."""
    html = ita.get(f"/fi/admin/cooperation/regionalgroup/{group.pk}/change/").content.decode()
    for svg in re.findall(r"<svg viewBox.*?</svg>", html, flags=re.S):
        assert not re.search(r'(?:x|y|width|height|cx|cy)="[0-9]+,[0-9]', svg)


def test_follow_up_chart_needs_entries(group):
    measure = Measure.objects.create(code="X-1", title_fi="X", level="regional", vitality_centre=_area())
    assert follow_up_trend([measure]) is None
    assert follow_up_trend([]) is None


def test_measure_list_charts_the_follow_up_of_the_users_own_measures(ita, group, client):
    uusimaa = VitalityCentre.objects.get(code="01")
    other = Measure.objects.create(code="UU-1", title_fi="UU-1", level="regional", vitality_centre=uusimaa)
    FollowUp.objects.create(measure=other, date=datetime.date(2024, 5, 1), status="dropped")
    [chart] = figures(ita.get("/fi/admin/cooperation/measure/").content.decode())
    years = {row[0]: row[1:] for row in chart["rows"][1:]}
    assert years["2025"] == ["1", "0", "0", "1", "0", "2"]  # the two of Itä-Suomi; Uusimaa's dropped one is not
    client.force_login(make_national_administrator())
    [chart] = figures(client.get("/fi/admin/cooperation/measure/").content.decode())
    years = {row[0]: row[1:] for row in chart["rows"][1:]}
    assert years["2025"] == ["1", "0", "0", "1", "1", "3"]


def test_public_group_page_charts_its_measures_follow_up(client, group):
    [chart] = figures(client.get(f"/sv/groups/{group.pk}/").content.decode())
    assert chart["rows"][0] == ["År", "Inte inledd", "Inledd", "Pågår", "Slutförd", "Slopad", "Totalt"]
    assert {row[0]: row[1:] for row in chart["rows"][1:]}["2025"] == ["1", "0", "0", "1", "0", "2"]
