"""Which PTV services are guidance services: the national administrators' configuration (ptv.models), read once
per run. Configuration, not code: the criteria and the include/exclude lists are rows in the admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ptv.models import GuidanceCriterion, ServiceRule


def _uris(items: Any) -> set[str]:
    return {item["uri"] for item in items or () if isinstance(item, dict) and isinstance(item.get("uri"), str)}


@dataclass(frozen=True)
class Selection:
    topics: frozenset[str]  # service classes and ontology terms
    target_groups: frozenset[str]
    include: frozenset[str]
    exclude: frozenset[str]

    @classmethod
    def load(cls) -> Selection:
        criteria = GuidanceCriterion.objects.filter(active=True)
        kinds = GuidanceCriterion.Kind
        return cls(
            topics=frozenset(c.uri for c in criteria if c.kind in (kinds.SERVICE_CLASS, kinds.ONTOLOGY_TERM)),
            target_groups=frozenset(c.uri for c in criteria if c.kind == kinds.TARGET_GROUP),
            include=frozenset(str(r.ptv_id) for r in ServiceRule.objects.filter(rule=ServiceRule.Rule.INCLUDE)),
            exclude=frozenset(str(r.ptv_id) for r in ServiceRule.objects.filter(rule=ServiceRule.Rule.EXCLUDE)),
        )

    def reason_to_leave_out(self, service: dict[str, Any]) -> str | None:
        """None for a guidance service; otherwise why it is not one (for the report)."""
        ptv_id = str(service.get("id", "")).lower()
        if ptv_id in self.exclude:
            return "on the exclude list"
        if ptv_id in self.include:
            return None
        topics = _uris(service.get("serviceClasses")) | _uris(service.get("ontologyTerms"))
        if not topics & self.topics:
            return "no guidance service class or ontology term"
        if self.target_groups and not _uris(service.get("targetGroups")) & self.target_groups:
            return "no guidance target group"
        return None
