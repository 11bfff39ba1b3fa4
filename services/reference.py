"""Load the shared vocabularies (target groups, service types, national goals) and the search synonyms from
fixtures/vocabularies. The synonyms are a seed: national administrators keep them in the admin, and loading
again (also with ``--update``) only adds the words that are missing, never overwriting an edit."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from regions.reference import _upsert, read_csv
from services.models import NationalGoal, SearchSynonym, ServiceType, TargetGroup

VOCABULARY_DIR = Path(settings.BASE_DIR) / "fixtures" / "vocabularies"


def _names(row: dict[str, str]) -> dict[str, str]:
    return {f"name_{code}": row[f"name_{code}"] for code in ("fi", "sv", "en")}


@transaction.atomic
def load_vocabularies(*, update: bool = False) -> dict[str, int]:
    created = {"target_groups": 0, "service_types": 0, "national_goals": 0, "search synonyms": 0}
    for key, model, filename in (
        ("target_groups", TargetGroup, "target_groups.csv"),
        ("service_types", ServiceType, "service_types.csv"),
    ):
        for row in read_csv(filename, VOCABULARY_DIR):
            created[key] += _upsert(model, {"code": row["code"]}, {"order": int(row["order"]), **_names(row)}, update)
    for row in read_csv("national_goals.csv", VOCABULARY_DIR):
        created["national_goals"] += _upsert(NationalGoal, {"number": int(row["number"])}, _names(row), update)
    seeded: set[tuple[str, str]] = set()
    for row in read_csv("synonyms.csv", VOCABULARY_DIR):
        synonym = SearchSynonym(
            language=row["language"],
            term=row["term"],
            equivalents="\n".join(row["equivalents"].split("|")),
            two_way=row["two_way"] == "1",
        )
        synonym.full_clean(validate_unique=False, validate_constraints=False)
        # Only the first line of a term would be loaded, and a later one would be silently lost.
        if (synonym.language, synonym.term) in seeded:
            raise ValidationError(f"synonyms.csv lists the {synonym.language} term {synonym.term!r} twice")
        seeded.add((synonym.language, synonym.term))
        _, new = SearchSynonym.objects.get_or_create(
            language=synonym.language,
            term=synonym.term,
            defaults={"equivalents": synonym.equivalents, "two_way": synonym.two_way},
        )
        created["search synonyms"] += new
    return created
