"""Load the demo content of the regional cooperation features from ``fixtures/demo/cooperation.json``.

The file is in the directory's exchange format (docs/data-format.md, the optional cooperation sections) and is
loaded through the same import as any other exchange file, so that one mechanism checks and writes both: all or
nothing, every record marked ``origin = demo``. Loading it again updates the demo records that differ from the
file (matched by external id) and leaves the others alone, so the demo follows the file as it is edited.

Demo rows written by the earlier loader, before regional groups, measures and self-assessments had external ids,
are first given the id of their record in the file (matched on the group's area and Finnish name, the measure's
code, the assessment's group and year), so that they are updated rather than copied.

The content: the Etelä-Savo group and strategy follow the public facts collected in the project's FIELD.md (the
ELY centre's pages); its self-assessment, follow-ups and practices are demo examples, and everything marked
"example" is fictional. No names of persons.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from cooperation.models import MaturityAssessment, Measure, RegionalGroup
from exchange.format import COOPERATION_KINDS
from exchange.importer import import_directory, parse
from services.models import Origin

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "cooperation.json"


def _adopt(queryset: Any, external_id: str) -> None:
    """Give an earlier demo row without an external id the id of its record in the file."""
    model = queryset.model
    if model.objects.filter(external_id=external_id).exists():
        return
    row = queryset.filter(origin=Origin.DEMO, external_id__isnull=True).order_by("pk").first()
    if row is not None:
        model.objects.filter(pk=row.pk).update(external_id=external_id)


def adopt_earlier_demo_rows(document: dict[str, Any]) -> None:
    """Match the demo rows of the earlier loader to the file's records (see the module's docstring)."""
    for record in document.get("groups", []):
        groups = RegionalGroup.objects.filter(vitality_centre__code=record["area"], name_fi=record["name"]["fi"])
        _adopt(groups, record["external_id"])
    for record in document.get("measures", []):
        _adopt(Measure.objects.filter(code=record["code"]), record["external_id"])
    for record in document.get("assessments", []):
        assessments = MaturityAssessment.objects.filter(group__external_id=record["group"], year=record["year"])
        _adopt(assessments, record["external_id"])


@transaction.atomic
def load_demo_cooperation(path: Path = DEMO_FILE) -> dict[str, int]:
    """Create the missing demo groups, practices, measures and self-assessments and update the changed ones.

    Returns how many of each kind were created. Raises ``DirectoryImportError`` when the file has a problem
    (then nothing is changed)."""
    document = parse(path.read_bytes())
    adopt_earlier_demo_rows(document)
    report = import_directory(document=document, origin=Origin.DEMO)
    return {kind: len(report.created[kind]) for kind in COOPERATION_KINDS}
