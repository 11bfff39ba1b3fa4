"""Import the regional cooperation sections of an exchange file (called by exchange/importer.py).

The same rules as for providers and services: the whole file is read and validated first — every code, every
reference (providers, groups, practices: in the file or already in the directory), every field with the models'
validators and ``clean()``, and what the database keeps unique (a measure's code, a group's assessment of a
year) — and only then written, in the import's one transaction. A record equal to the export of what the
database holds is left alone; a record that differs updates the entry, and a part of it that differs (a group's
tasks, members or strategies; a practice's links; an assessment's ratings) is replaced as a whole. Follow-up
entries that are in the file as they are in the database are kept, so that who recorded them is not lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from cooperation.models import (
    DimensionRating,
    FollowUp,
    GroupMember,
    GroupTask,
    MaturityAssessment,
    Measure,
    Practice,
    PracticeLink,
    RegionalGroup,
    RegionalStrategy,
    StrategicGoal,
)
from exchange import cooperation_normalize as read
from exchange import normalize
from exchange.cooperation_export import (
    assessment_external_id,
    assessment_record,
    assessments_for_export,
    follow_up_record,
    group_record,
    groups_for_export,
    measure_external_id,
    measure_record,
    measures_for_export,
    practice_record,
    practices_for_export,
)
from exchange.format import (
    ASSESSMENT_TRANSLATED,
    GOAL_TRANSLATED,
    GROUP_TRANSLATED,
    LANGUAGES,
    MEASURE_TRANSLATED,
    PRACTICE_TRANSLATED,
    RATING_TRANSLATED,
    STRATEGY_TRANSLATED,
)
from exchange.problems import Problem
from exchange.reading import (
    ImportReport,
    by_external_id,
    model_errors,
    new_external_id,
    record_id,
    translated_values,
    unmatched_local_ids,
)
from services.models import Provider

Entry = tuple[str, dict[str, Any], Any]


@dataclass
class CooperationPlan:
    """The cooperation's records as read from a file, each with the entry it matches in the database (or None)."""

    codes: read.CooperationCodes
    practices: list[Entry] = field(default_factory=list)
    groups: list[Entry] = field(default_factory=list)
    measures: list[Entry] = field(default_factory=list)
    assessments: list[Entry] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.practices or self.groups or self.measures or self.assessments)


def _values(record: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {name: record[name] for name in names}


def _group_values(record: dict[str, Any], codes: normalize.Codes) -> dict[str, Any]:
    return {
        **translated_values(record, GROUP_TRANSLATED),
        "vitality_centre_id": codes.vitality_centres.get(record["area"]),
        "region_id": codes.regions.get(record["region"]) if record["region"] else None,
        **_values(record, ("active_from", "active_until", "website", "publish_latest_assessment", "origin")),
    }


def _practice_values(record: dict[str, Any]) -> dict[str, Any]:
    return {
        **translated_values(record, PRACTICE_TRANSLATED),
        **_values(record, ("first_year", "last_year", "phase", "status", "last_reviewed", "origin")),
    }


def _measure_values(record: dict[str, Any], codes: normalize.Codes) -> dict[str, Any]:
    return {
        "code": record["code"],
        **translated_values(record, MEASURE_TRANSLATED),
        "level": record["level"],
        "vitality_centre_id": codes.vitality_centres.get(record["area"]) if record["area"] else None,
        **_values(record, ("first_year", "last_year", "origin")),
    }


def _assessment_values(record: dict[str, Any]) -> dict[str, Any]:
    return {"year": record["year"], **translated_values(record, ASSESSMENT_TRANSLATED), "origin": record["origin"]}


def _task_values(text: dict[str, str]) -> dict[str, Any]:
    """A task is a translated text in the file; empty translations are stored as NULL (the Finnish one shows)."""
    return {f"text_{code}": text[code] or None for code in LANGUAGES}


def _validate_group(reader: normalize.RecordReader, record: dict[str, Any], codes: normalize.Codes) -> None:
    values = _group_values(record, codes)
    # The region's area is checked from the codes (exchange/cooperation_normalize.py).
    values["region_id"] = None
    model_errors(
        reader,
        RegionalGroup(**values),
        prefix="",
        exclude=["vitality_centre", "region", "external_id"],
        translated=GROUP_TRANSLATED,
        constraints=False,
    )
    for index, task in enumerate(record["tasks"]):
        model_errors(
            reader,
            GroupTask(**_task_values(task)),
            prefix=f"tasks[{index}].",
            exclude=["group"],
            translated=("text",),
            constraints=False,
        )
    for index, strategy in enumerate(record["strategies"]):
        prefix = f"strategies[{index}]."
        model_errors(
            reader,
            RegionalStrategy(
                **translated_values(strategy, STRATEGY_TRANSLATED),
                first_year=strategy["first_year"],
                last_year=strategy["last_year"],
                website=strategy["website"],
            ),
            prefix=prefix,
            exclude=["group"],
            translated=STRATEGY_TRANSLATED,
            constraints=False,
        )
        for number, goal in enumerate(strategy["goals"]):
            model_errors(
                reader,
                StrategicGoal(**translated_values(goal, GOAL_TRANSLATED)),
                prefix=f"{prefix}goals[{number}].",
                exclude=["strategy"],
                translated=GOAL_TRANSLATED,
                constraints=False,
            )


def _validate_practice(reader: normalize.RecordReader, record: dict[str, Any]) -> None:
    model_errors(
        reader,
        Practice(**_practice_values(record)),
        prefix="",
        exclude=["external_id"],
        translated=PRACTICE_TRANSLATED,
        constraints=False,
    )
    for index, link in enumerate(record["links"]):
        model_errors(
            reader,
            PracticeLink(url=link["url"], **translated_values(link, ("title",))),
            prefix=f"links[{index}].",
            exclude=["practice"],
            translated=("title",),
            constraints=False,
        )


def _validate_measure(reader: normalize.RecordReader, record: dict[str, Any], codes: normalize.Codes) -> None:
    model_errors(
        reader,
        Measure(**_measure_values(record, codes)),
        prefix="",
        exclude=["external_id", "group"],
        translated=MEASURE_TRANSLATED,
        rename={"vitality_centre": "area"},
        constraints=False,
    )
    for index, entry in enumerate(record["follow_ups"]):
        model_errors(
            reader,
            FollowUp(date=entry["date"], status=entry["status"], **translated_values(entry, ("note",))),
            prefix=f"follow_ups[{index}].",
            exclude=["measure", "date"],
            translated=("note",),
            constraints=False,
        )


def _validate_assessment(reader: normalize.RecordReader, record: dict[str, Any]) -> None:
    model_errors(
        reader,
        MaturityAssessment(**_assessment_values(record)),
        prefix="",
        exclude=["group", "external_id"],
        translated=ASSESSMENT_TRANSLATED,
        constraints=False,
    )


def _unknown(reader: normalize.RecordReader, path: str, reference: str, label: str) -> None:
    reader.problem(
        path,
        _("unknown %(label)s %(id)s: not in this file and not in the directory")
        % {"label": label, "id": f"'{reference}'"},
    )


def read_cooperation(
    document: dict[str, Any],
    codes: normalize.Codes,
    *,
    origin: str | None,
    file_providers: set[str],
    problems: list[Problem],
) -> CooperationPlan:
    """Read and check the cooperation sections; every problem found is added to ``problems``."""
    plan = CooperationPlan(codes=read.CooperationCodes.load())
    raw: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for kind in ("practices", "groups", "measures", "assessments"):
        seen: set[str] = set()
        raw[kind] = []
        for index, item in enumerate(document.get(kind) or []):
            external_id = record_id(item, kind, index, seen, problems)
            if external_id:
                raw[kind].append((external_id, item))
    if not any(raw.values()):
        return plan

    readers: dict[str, list[tuple[normalize.RecordReader, dict[str, Any]]]] = {}
    parsers: dict[str, Callable[..., dict[str, Any]]] = {
        "practices": read.practice,
        "groups": read.group,
        "measures": read.measure,
        "assessments": read.assessment,
    }
    for kind, items in raw.items():
        readers[kind] = []
        for external_id, item in items:
            reader = normalize.RecordReader(external_id, codes)
            readers[kind].append((reader, parsers[kind](reader, item, plan.codes, origin=origin)))

    existing = {
        "practices": by_external_id(
            Practice, [i for i, _r in raw["practices"]], practices_for_export(Practice.objects.all())
        ),
        "groups": by_external_id(
            RegionalGroup, [i for i, _r in raw["groups"]], groups_for_export(RegionalGroup.objects.all()), kind="group"
        ),
        "measures": by_external_id(
            Measure, [i for i, _r in raw["measures"]], measures_for_export(Measure.objects.all())
        ),
        "assessments": by_external_id(
            MaturityAssessment,
            [i for i, _r in raw["assessments"]],
            assessments_for_export(MaturityAssessment.objects.all()),
            kind="assessment",
        ),
    }
    for kind, found in existing.items():
        problems.extend(unmatched_local_ids([i for i, _r in raw[kind]], found))
    _check_references(readers, file_providers)
    _check_unique(readers, existing)
    for reader, record in readers["groups"]:
        _validate_group(reader, record, codes)
    for reader, record in readers["practices"]:
        _validate_practice(reader, record)
    for reader, record in readers["measures"]:
        _validate_measure(reader, record, codes)
    for reader, record in readers["assessments"]:
        _validate_assessment(reader, record)

    for kind, entries in readers.items():
        target = getattr(plan, kind)
        for reader, record in entries:
            problems.extend(reader.problems)
            target.append((reader.record_id, record, existing[kind].get(reader.record_id)))
    return plan


def _check_references(readers: dict[str, list], file_providers: set[str]) -> None:
    """Every provider, group and practice a record names must be in the file or already in the directory."""

    def wanted(kind: str, pick: Callable[[dict[str, Any]], Iterable[str | None]]) -> set[str]:
        return {ref for _reader, record in readers[kind] for ref in pick(record) if ref}

    provider_refs = (
        wanted("groups", lambda r: [m["provider"] for m in r["members"]])
        | wanted("practices", lambda r: r["providers"])
        | wanted("measures", lambda r: r["responsible_providers"])
    )
    providers = file_providers | set(by_external_id(Provider, provider_refs - file_providers))
    file_groups = {reader.record_id: record for reader, record in readers["groups"]}
    group_refs = wanted("measures", lambda r: [r["group"]]) | wanted("assessments", lambda r: [r["group"]])
    db_groups = {
        ref: group.vitality_centre.code
        for ref, group in by_external_id(
            RegionalGroup,
            group_refs - set(file_groups),
            RegionalGroup.objects.select_related("vitality_centre"),
            kind="group",
        ).items()
    }
    group_areas = {ref: record["area"] for ref, record in file_groups.items()} | db_groups
    file_practices = {reader.record_id for reader, _record in readers["practices"]}
    practice_refs = wanted("assessments", lambda r: [p for rating in r["ratings"] for p in rating["practices"]])
    practices = file_practices | set(by_external_id(Practice, practice_refs - file_practices))

    for reader, record in readers["groups"]:
        for index, member in enumerate(record["members"]):
            if member["provider"] and member["provider"] not in providers:
                _unknown(reader, f"members[{index}].provider", member["provider"], _("provider"))
    for reader, record in readers["practices"]:
        for reference in record["providers"]:
            if reference not in providers:
                _unknown(reader, "providers", reference, _("provider"))
    for reader, record in readers["measures"]:
        for reference in record["responsible_providers"]:
            if reference not in providers:
                _unknown(reader, "responsible_providers", reference, _("provider"))
        if record["group"]:
            if record["group"] not in group_areas:
                _unknown(reader, "group", record["group"], _("group"))
            # A group whose own area is unknown has that problem named already.
            elif record["area"] and group_areas[record["group"]] not in (None, record["area"]):
                reader.problem("group", _("the group must work in the measure's area"))
    for reader, record in readers["assessments"]:
        if record["group"] and record["group"] not in group_areas:
            _unknown(reader, "group", record["group"], _("group"))
        for index, rating in enumerate(record["ratings"]):
            for reference in rating["practices"]:
                if reference not in practices:
                    _unknown(reader, f"ratings[{index}].practices", reference, _("practice"))


def _check_unique(readers: dict[str, list], existing: dict[str, dict]) -> None:
    """A measure's code, and a group's assessment of a year, are unique in the file and in the directory."""
    codes: dict[str, str] = {}
    for reader, record in readers["measures"]:
        code = record["code"]
        if not code:
            continue
        if code in codes:
            reader.problem("code", _("duplicate code: measure %(other)s has the same code") % {"other": codes[code]})
        else:
            codes[code] = reader.record_id
    for other in Measure.objects.filter(code__in=list(codes)).only("pk", "code", "external_id"):
        external_id = codes[other.code]
        matched = existing["measures"].get(external_id)
        if matched is None or matched.pk != other.pk:
            reader = next(r for r, record in readers["measures"] if r.record_id == external_id)
            reader.problem(
                "code",
                _("another measure in the directory (%(other)s) has this code") % {"other": measure_external_id(other)},
            )

    years: dict[tuple[str, int], str] = {}
    for reader, record in readers["assessments"]:
        key = (record["group"], record["year"])
        if not all(key):
            continue
        if key in years:
            reader.problem(
                "year", _("duplicate year: assessment %(other)s is of the same group and year") % {"other": years[key]}
            )
        else:
            years[key] = reader.record_id
    groups = by_external_id(RegionalGroup, {group for group, _year in years}, kind="group")
    by_pk = {group.pk: ref for ref, group in groups.items()}
    taken = MaturityAssessment.objects.filter(group__in=list(groups.values()), year__in={y for _g, y in years})
    for other in taken:
        key = (by_pk[other.group_id], other.year)
        if key not in years:
            continue
        external_id = years[key]
        matched = existing["assessments"].get(external_id)
        if matched is None or matched.pk != other.pk:
            reader = next(r for r, record in readers["assessments"] if r.record_id == external_id)
            reader.problem(
                "year",
                _("the group already has an assessment of this year in the directory (%(other)s)")
                % {"other": assessment_external_id(other)},
            )


# --- Writing -------------------------------------------------------------------------------------------------


class _Writer:
    """Writes a checked plan, resolving references to what this import created or the directory holds."""

    def __init__(self, plan: CooperationPlan, codes: normalize.Codes, providers: dict[str, Provider]) -> None:
        self.plan = plan
        self.codes = codes
        self.providers = providers
        self.groups: dict[str, RegionalGroup] = {}
        self.practices: dict[str, Practice] = {}

    def _provider_ids(self, references: Iterable[str]) -> list[int]:
        references = [ref for ref in references if ref]
        missing = set(references) - set(self.providers)
        self.providers.update(by_external_id(Provider, missing))
        return [self.providers[ref].pk for ref in references]

    def group(self, group: RegionalGroup, record: dict[str, Any], current: dict[str, Any] | None) -> None:
        for name, value in _group_values(record, self.codes).items():
            setattr(group, name, value)
        group.save()
        if current is None or current["tasks"] != record["tasks"]:
            group.tasks.all().delete()
            GroupTask.objects.bulk_create(
                GroupTask(group=group, order=order, **_task_values(task))
                for order, task in enumerate(record["tasks"], start=1)
            )
        if current is None or current["members"] != record["members"]:
            group.members.all().delete()
            provider_ids = self._provider_ids(m["provider"] for m in record["members"])
            providers = iter(provider_ids)
            GroupMember.objects.bulk_create(
                GroupMember(
                    group=group,
                    order=order,
                    provider_id=next(providers) if member["provider"] else None,
                    **translated_values(member, ("name",)),
                )
                for order, member in enumerate(record["members"], start=1)
            )
        if current is None or current["strategies"] != record["strategies"]:
            group.strategies.all().delete()
            for strategy_record in record["strategies"]:
                strategy = RegionalStrategy.objects.create(
                    group=group,
                    first_year=strategy_record["first_year"],
                    last_year=strategy_record["last_year"],
                    website=strategy_record["website"],
                    **translated_values(strategy_record, STRATEGY_TRANSLATED),
                )
                for order, goal_record in enumerate(strategy_record["goals"], start=1):
                    goal = StrategicGoal.objects.create(
                        strategy=strategy, order=order, **translated_values(goal_record, GOAL_TRANSLATED)
                    )
                    goal.national_goals.set([self.codes.national_goals[n] for n in goal_record["national_goals"]])

    def practice(self, practice: Practice, record: dict[str, Any], current: dict[str, Any] | None) -> None:
        for name, value in _practice_values(record).items():
            setattr(practice, name, value)
        practice.save()
        codes = self.codes
        practice.vitality_centres.set([codes.vitality_centres[c] for c in record["areas"]])
        practice.providers.set(self._provider_ids(record["providers"]))
        practice.target_groups.set([codes.target_groups[c] for c in record["target_groups"]])
        practice.national_goals.set([codes.national_goals[n] for n in record["national_goals"]])
        practice.dimensions.set([self.plan.codes.dimensions[c] for c in record["dimensions"]])
        if current is None or current["links"] != record["links"]:
            practice.links.all().delete()
            for link in record["links"]:
                PracticeLink.objects.create(practice=practice, url=link["url"], **translated_values(link, ("title",)))

    def measure(self, measure: Measure, record: dict[str, Any]) -> None:
        for name, value in _measure_values(record, self.codes).items():
            setattr(measure, name, value)
        measure.group = self._group(record["group"]) if record["group"] else None
        measure.save()
        measure.national_goals.set([self.codes.national_goals[n] for n in record["national_goals"]])
        measure.responsible_providers.set(self._provider_ids(record["responsible_providers"]))
        self._follow_ups(measure, record)

    def _follow_ups(self, measure: Measure, record: dict[str, Any]) -> None:
        """Make the measure's entries the file's, day by day: a day whose entries the file has exactly as the
        database has them (and in the same order) keeps them, with who recorded them; any other day's entries
        are replaced by the file's, in the file's order, so that the export gives the file again."""
        wanted: dict[str, list[dict[str, Any]]] = {}
        for entry in record["follow_ups"]:
            wanted.setdefault(entry["date"], []).append(entry)
        current: dict[str, list[FollowUp]] = {}
        for follow_up in sorted(measure.follow_ups.all(), key=lambda f: (f.date, f.pk)):
            current.setdefault(follow_up.date.isoformat(), []).append(follow_up)
        replaced = [
            day
            for day in wanted.keys() | current.keys()
            if [follow_up_record(f) for f in current.get(day, [])] != wanted.get(day, [])
        ]
        FollowUp.objects.filter(pk__in=[f.pk for day in replaced for f in current.get(day, [])]).delete()
        FollowUp.objects.bulk_create(
            FollowUp(
                measure=measure,
                date=entry["date"],
                status=entry["status"],
                origin=record["origin"],
                **{f"note_{code}": entry["note"][code] or None for code in LANGUAGES},
            )
            for day in sorted(replaced)
            for entry in wanted.get(day, [])
        )

    def assessment(self, assessment: MaturityAssessment, record: dict[str, Any], current: dict | None) -> None:
        for name, value in _assessment_values(record).items():
            setattr(assessment, name, value)
        assessment.group = self._group(record["group"])
        assessment.save()
        if current is None or current["ratings"] != record["ratings"]:
            assessment.ratings.all().delete()
            stages = self.plan.codes.stages
            for rating_record in record["ratings"]:
                rating = DimensionRating.objects.create(
                    assessment=assessment,
                    dimension_id=self.plan.codes.dimensions[rating_record["dimension"]],
                    stage_id=stages[rating_record["stage"]],
                    **translated_values(rating_record, RATING_TRANSLATED),
                )
                rating.practices.set([self._practice(ref) for ref in rating_record["practices"]])

    def _group(self, reference: str) -> RegionalGroup:
        if reference not in self.groups:
            self.groups.update(by_external_id(RegionalGroup, [reference], kind="group"))
        return self.groups[reference]

    def _practice(self, reference: str) -> Practice:
        if reference not in self.practices:
            self.practices.update(by_external_id(Practice, [reference]))
        return self.practices[reference]


def apply_cooperation(
    plan: CooperationPlan,
    codes: normalize.Codes,
    report: ImportReport,
    *,
    providers: dict[str, Provider],
    only_new: bool,
) -> None:
    """Write the plan (or, in a dry run, only report what it would do): practices first (assessments refer to
    them), then groups, measures and assessments."""
    writer = _Writer(plan, codes, providers)
    # kind, the record of an entry, its model, and where the entries are kept for references to them
    kinds: tuple[tuple[str, Callable[[Any], dict[str, Any]], type, dict[str, Any]], ...] = (
        ("practices", practice_record, Practice, writer.practices),
        ("groups", group_record, RegionalGroup, writer.groups),
        ("measures", measure_record, Measure, {}),
        ("assessments", assessment_record, MaturityAssessment, {}),
    )
    for kind, to_record, model, made in kinds:
        for external_id, record, existing in getattr(plan, kind):
            if existing is not None:
                made[external_id] = existing
                if only_new:
                    report.skipped[kind].append(external_id)
                    continue
                current = to_record(existing)
                if current == record:
                    report.unchanged[kind].append(external_id)
                    continue
                report.updated[kind].append(external_id)
                obj = existing
            else:
                report.created[kind].append(external_id)
                current = None
                obj = model(external_id=new_external_id(external_id))
                made[external_id] = obj
            if kind == "practices":
                writer.practice(obj, record, current)
                report.changed_practice_ids.append(obj.pk)
            elif kind == "groups":
                writer.group(obj, record, current)
            elif kind == "measures":
                writer.measure(obj, record)
            else:
                writer.assessment(obj, record, current)
