"""What the import of the directory (exchange/importer.py) and of the regional cooperation
(exchange/cooperation_import.py) share: the report, a record's id, matching by external or local id, the models'
own validation with errors named by their path in the file, and the database values of translated fields."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from exchange import normalize
from exchange.format import COOPERATION_KINDS, LANGUAGES, LOCAL_ID
from exchange.problems import Problem

DIRECTORY_KINDS = ("providers", "services")
KINDS = (*DIRECTORY_KINDS, *COOPERATION_KINDS)


@dataclass
class ImportReport:
    """What an import did, or with ``dry_run`` would do: external ids by kind and outcome."""

    dry_run: bool
    created: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    updated: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    unchanged: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    skipped: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    changed_service_ids: list[int] = field(default_factory=list)
    changed_practice_ids: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.created[kind] or self.updated[kind] for kind in KINDS)

    def summary(self) -> str:
        """One line per kind, e.g. "services: 3 created, 1 updated, 40 unchanged" (a kind of the cooperation
        only when the file had records of it)."""
        lines = []
        labels = {
            "providers": _("providers"),
            "services": _("services"),
            "groups": _("regional groups"),
            "practices": _("practices"),
            "measures": _("measures"),
            "assessments": _("maturity self-assessments"),
        }
        for kind, label in labels.items():
            outcomes = (self.created, self.updated, self.unchanged, self.skipped)
            if kind not in DIRECTORY_KINDS and not any(outcome[kind] for outcome in outcomes):
                continue
            parts = [
                _("%(count)d created") % {"count": len(self.created[kind])},
                _("%(count)d updated") % {"count": len(self.updated[kind])},
                _("%(count)d unchanged") % {"count": len(self.unchanged[kind])},
            ]
            if self.skipped[kind]:
                parts.append(_("%(count)d already there, left as they are") % {"count": len(self.skipped[kind])})
            lines.append(f"{label}: {', '.join(parts)}")
        if self.dry_run:
            lines.insert(0, _("Dry run: nothing was changed. The import would give:"))
        return "\n".join(lines)


def db_value(record: dict[str, Any], name: str, code: str) -> str | None:
    """Empty translations are stored as NULL, so that modeltranslation falls back to another language."""
    return record[name][code] or None


def translated_values(record: dict[str, Any], names: Iterable[str]) -> dict[str, str | None]:
    return {f"{name}_{code}": db_value(record, name, code) for name in names for code in LANGUAGES}


def model_errors(
    reader: normalize.RecordReader,
    instance: models.Model,
    *,
    prefix: str,
    exclude: list[str],
    translated: Iterable[str],
    rename: dict[str, str] | None = None,
    constraints: bool = True,
) -> None:
    """Run the model's validators and ``clean()``; name each error by its path in the file (``rename`` maps a
    model field to its name in the file where they differ). ``constraints=False`` leaves out the database's check
    constraints, for models whose every constraint the reader checks itself with a message that names a field."""
    translated = tuple(translated)
    rename = rename or {}
    try:
        instance.full_clean(exclude=[*exclude, *translated], validate_unique=False, validate_constraints=constraints)
    except ValidationError as error:
        # One message per field is enough: a field the file check already named (a missing Finnish name)
        # is not named again, and of two validators refusing one web address only the first speaks.
        reported = {problem.field for problem in reader.problems}
        for model_field, messages in error.message_dict.items():
            path = rename.get(model_field, model_field)
            if model_field == NON_FIELD_ERRORS:
                path = prefix.rstrip(".")
            else:
                base, _sep, code = model_field.rpartition("_")
                if base in translated and code in LANGUAGES:
                    path = f"{base}.{code}"
                path = f"{prefix}{path}"
            if path not in reported:
                reader.problem(path, messages[0])
                reported.add(path)


def record_id(raw: Any, kind: str, index: int, seen: set[str], problems: list[Problem]) -> str | None:
    """The external id of a raw record, or None (with a problem) when it is missing, malformed or a duplicate."""
    position = f"{kind}[{index}]"
    if not isinstance(raw, dict):
        problems.append(Problem(position, "", _("expected an object")))
        return None
    external_id = raw.get("external_id")
    if not isinstance(external_id, str) or not external_id.strip():
        problems.append(Problem(position, "external_id", _("an external id is required")))
        return None
    external_id = external_id.strip()
    if "\x00" in external_id:
        problems.append(Problem(position, "external_id", _("the text contains a NUL character")))
        return None
    if len(external_id) > normalize.MAX_ID_LENGTH:
        problems.append(
            Problem(
                external_id[:40] + "…",
                "external_id",
                _("at most %(max)d characters") % {"max": normalize.MAX_ID_LENGTH},
            )
        )
        return None
    if external_id in seen:
        problems.append(Problem(external_id, "external_id", _("duplicate id: another record in the file has it too")))
        return None
    seen.add(external_id)
    return external_id


def by_external_id(
    model: type[models.Model], ids: Iterable[str], queryset: models.QuerySet | None = None, *, kind: str | None = None
) -> dict:
    """Records in the database by the external id a file calls them: their own, or their local id
    (``liv:<kind>:<id>``, where the kind is the model's name unless given)."""
    kind = kind or model._meta.model_name
    ids = list(ids)
    queryset = queryset if queryset is not None else model.objects.all()
    found = {obj.external_id: obj for obj in queryset.filter(external_id__in=ids)}
    local = {}
    for external_id in ids:
        match = LOCAL_ID.match(external_id)
        if match and match.group(1) == kind and external_id not in found:
            local[int(match.group(2))] = external_id
    if local:
        for obj in queryset.filter(pk__in=local, external_id__isnull=True):
            found[local[obj.pk]] = obj
    return found


def new_external_id(external_id: str) -> str | None:
    """A local id (``liv:service:12``) names a record that has no external id; it is not stored as one."""
    return None if LOCAL_ID.match(external_id) else external_id


def unmatched_local_ids(ids: Iterable[str], found: dict[str, Any]) -> list[Problem]:
    """A local id (``liv:service:12``) that names no entry of this database is refused: it is the number of an
    entry in the database the file was exported from, and creating a new entry for it would create another one
    on every import of the same file (the new entry gets a number of its own, not 12)."""
    return [
        Problem(
            external_id,
            "external_id",
            _(
                "a local id of another database: no entry of this directory has it. Give the record an external "
                "id of its own system (for example 'city-x:service:12') to import it here."
            ),
        )
        for external_id in ids
        if LOCAL_ID.match(external_id) and external_id not in found
    ]
