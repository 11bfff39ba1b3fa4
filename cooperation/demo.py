"""Load the demo content of the regional cooperation features from ``fixtures/demo/cooperation.json``.

Everything is created with ``origin = demo``. Running it again creates only what is missing (matched on the
group's area and Finnish name, the practice's key, the measure's code and the assessment's year), so that
what was edited in the admin survives ``make run``.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from cooperation.models import (
    DimensionRating,
    FollowUp,
    GroupMember,
    GroupTask,
    MaturityAssessment,
    MaturityDimension,
    MaturityStage,
    Measure,
    Practice,
    RegionalGroup,
    RegionalStrategy,
    StrategicGoal,
)
from cooperation.practice_search import record_words
from regions.models import Region, VitalityCentre
from services.models import NationalGoal, Origin, TargetGroup

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "cooperation.json"
LANGUAGES = ("fi", "sv", "en")
DEMO_NOTE = {
    "fi": "Demosisältöä: kuvitteellinen seurantamerkintä.",
    "sv": "Demoinnehåll: en fiktiv uppföljningsanteckning.",
    "en": "Demo content: a fictional follow-up entry.",
}


def _tr(row: dict[str, Any], field: str, *, prefix: str | None = None) -> dict[str, str]:
    """``{field_fi: …}`` from ``row`` keys ``<prefix>_fi`` (or plain ``fi`` when the prefix is empty)."""
    source = field if prefix is None else prefix
    return {f"{field}_{code}": row.get(f"{source}_{code}" if source else code, "") for code in LANGUAGES}


class DemoLoader:
    def __init__(self) -> None:
        self.centres = {c.code: c for c in VitalityCentre.objects.all()}
        self.regions = {r.code: r for r in Region.objects.all()}
        self.goals = {g.number: g for g in NationalGoal.objects.all()}
        self.target_groups = {t.code: t for t in TargetGroup.objects.all()}
        self.dimensions = {d.code: d for d in MaturityDimension.objects.all()}
        self.stages = {s.number: s for s in MaturityStage.objects.all()}
        self.practices: dict[str, Practice] = {}
        self.created: dict[str, int] = {"groups": 0, "practices": 0, "measures": 0, "assessments": 0}

    def load(self, data: dict[str, Any]) -> dict[str, int]:
        for row in data["practices"]:
            self.practice(row)
        for row in data["groups"]:
            self.group(row)
        for row in data["national_measures"]:
            self.measure(row, level=Measure.Level.NATIONAL)
        return self.created

    def practice(self, row: dict[str, Any]) -> None:
        external_id = f"{row['key']}"
        practice = Practice.objects.filter(external_id=external_id).first()
        if practice is None:
            practice = Practice.objects.create(
                external_id=external_id,
                origin=Origin.DEMO,
                status=Practice.Status.PUBLISHED,
                phase=row["phase"],
                first_year=row.get("first_year"),
                last_year=row.get("last_year"),
                last_reviewed=datetime.date(2026, 1, 15),
                **_tr(row, "title"),
                **_tr(row, "summary"),
                **_tr(row, "description"),
                **_tr(row, "results"),
                **_tr(row, "evaluation"),
            )
            practice.vitality_centres.set([self.centres[code] for code in row["areas"]])
            practice.target_groups.set([self.target_groups[code] for code in row["target_groups"]])
            practice.national_goals.set([self.goals[n] for n in row["national_goals"]])
            practice.dimensions.set([self.dimensions[code] for code in row["dimensions"]])
            self.created["practices"] += 1
        self.practices[row["key"]] = practice

    def group(self, row: dict[str, Any]) -> None:
        centre = self.centres[row["area"]]
        group = RegionalGroup.objects.filter(vitality_centre=centre, name_fi=row["name_fi"]).first()
        if group is None:
            group = RegionalGroup.objects.create(
                vitality_centre=centre,
                region=self.regions[row["region"]] if row.get("region") else None,
                active_from=row.get("active_from"),
                active_until=row.get("active_until"),
                publish_latest_assessment=row.get("publish_latest_assessment", False),
                origin=Origin.DEMO,
                **_tr(row, "name"),
                **_tr(row, "description"),
            )
            self.created["groups"] += 1
            for order, task in enumerate(row["tasks"], start=1):
                GroupTask.objects.create(group=group, order=order, **_tr(task, "text", prefix=""))
            for order, member in enumerate(row["members"], start=1):
                GroupMember.objects.create(group=group, order=order, **_tr(member, "name", prefix=""))
            for strategy_row in row["strategies"]:
                self.strategy(group, strategy_row)
        for assessment_row in row["assessments"]:
            self.assessment(group, assessment_row)
        for measure_row in row["measures"]:
            self.measure(measure_row, level=Measure.Level.REGIONAL, group=group)

    def strategy(self, group: RegionalGroup, row: dict[str, Any]) -> None:
        strategy = RegionalStrategy.objects.create(
            group=group,
            first_year=row["first_year"],
            last_year=row["last_year"],
            **_tr(row, "name"),
            **_tr(row, "description"),
        )
        for order, goal_row in enumerate(row["goals"], start=1):
            goal = StrategicGoal.objects.create(strategy=strategy, order=order, **_tr(goal_row, "title", prefix=""))
            goal.national_goals.set([self.goals[n] for n in goal_row["national_goals"]])

    def assessment(self, group: RegionalGroup, row: dict[str, Any]) -> None:
        if MaturityAssessment.objects.filter(group=group, year=row["year"]).exists():
            return
        assessment = MaturityAssessment.objects.create(
            group=group, year=row["year"], origin=Origin.DEMO, **_tr(row, "summary")
        )
        for code, stage in row["ratings"].items():
            rating = DimensionRating.objects.create(
                assessment=assessment,
                dimension=self.dimensions[code],
                stage=self.stages[stage],
                **_tr(row, "evidence"),
                **_tr(row, "next_steps"),
            )
            rating.practices.set([self.practices[key] for key in row.get("practices", [])])
        self.created["assessments"] += 1

    def measure(self, row: dict[str, Any], *, level: str, group: RegionalGroup | None = None) -> None:
        if Measure.objects.filter(code=row["code"]).exists():
            return
        measure = Measure.objects.create(
            code=row["code"],
            level=level,
            vitality_centre=group.vitality_centre if group else None,
            group=group,
            first_year=row.get("first_year", 2021 if level == Measure.Level.NATIONAL else None),
            last_year=row.get("last_year", 2028 if level == Measure.Level.NATIONAL else None),
            origin=Origin.DEMO,
            **_tr(row, "title"),
            **_tr(row, "description"),
            **_tr(row, "responsible_organisations", prefix="organisations"),
        )
        measure.national_goals.set([self.goals[n] for n in row["national_goals"]])
        for date, status in row["follow_ups"]:
            FollowUp.objects.create(
                measure=measure,
                date=datetime.date.fromisoformat(date),
                status=status,
                origin=Origin.DEMO,
                **{f"note_{code}": DEMO_NOTE[code] for code in LANGUAGES},
            )
        self.created["measures"] += 1


@transaction.atomic
def load_demo_cooperation(path: Path = DEMO_FILE) -> dict[str, int]:
    """Create the demo groups, strategies, assessments, practices and measures that are missing."""
    created = DemoLoader().load(json.loads(path.read_text(encoding="utf-8")))
    record_words(Practice.objects.filter(origin=Origin.DEMO))
    return created
