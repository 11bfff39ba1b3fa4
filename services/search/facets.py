"""Facets of a search: each filter's values with how many of the matched services each would leave.

Counts come from one grouped query over the matched set (services.search). A nationwide service serves every
area, so it counts in every area, region and municipality option; an option is listed when services are tied to
it (or it is selected), not for nationwide services alone, or the municipality list would always be 308 long.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from liv.i18n import TranslatedText
from services.languages import LANGUAGES_OFFERED
from services.search.vocabularies import SearchVocabulary

# Query parameter names: the same in every language, so that links survive a language switch.
PARAMETERS = {
    "area": "areas",
    "region": "regions",
    "municipality": "municipalities",
    "target_group": "target_groups",
    "service_type": "service_types",
    "goal": "goals",
    "language": "languages",
    "channel": "channels",
    "free": "free",
}
LABELS: dict[str, Promise] = {
    "area": _("Area"),
    "region": _("Region"),
    "municipality": _("Municipality"),
    "target_group": _("Target group"),
    "service_type": _("Service type"),
    "goal": _("National goal"),
    "language": _("Language offered"),
    "channel": _("How to reach it"),
    "free": _("Cost"),
}
CHANNEL_LABELS: dict[str, Promise] = {
    "in_person": _("In person"),
    "phone": _("By phone"),
    "online": _("Online"),
}
FREE_LABEL = _("Free of charge")


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: TranslatedText | Promise | str
    count: int
    selected: bool


@dataclass
class Facet:
    parameter: str
    label: Promise
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass
class Facets:
    facets: list[Facet]
    nationwide: int

    def __iter__(self) -> Iterator[Facet]:
        return iter(self.facets)

    def get(self, parameter: str) -> Facet:
        return next(facet for facet in self.facets if facet.parameter == parameter)


def build_facets(
    rows: list[tuple[str, str, int]], filters: object, vocabulary: SearchVocabulary, language: str
) -> Facets:
    counts: dict[str, dict[str, int]] = {}
    for facet, key, count in rows:
        counts.setdefault(facet, {})[key] = count
    nationwide = counts.get("nationwide", {}).get("nationwide", 0)
    facets: list[Facet] = []

    for parameter, kind in (("area", "area"), ("region", "region"), ("municipality", "municipality")):
        selected = set(getattr(filters, PARAMETERS[parameter]))
        options = []
        for entry in vocabulary.entries(kind):
            explicit = counts.get(parameter, {}).get(str(entry.id), 0)
            if explicit or entry.code in selected:
                options.append(
                    FacetOption(entry.code, entry.name(language), explicit + nationwide, entry.code in selected)
                )
        if parameter == "municipality":
            options.sort(key=lambda o: (-o.count, str(o.label)))
        facets.append(Facet(parameter, LABELS[parameter], options))

    for parameter in ("target_group", "service_type", "goal"):
        selected = set(getattr(filters, PARAMETERS[parameter]))
        options = []
        for entry in vocabulary.entries(parameter):
            count = counts.get(parameter, {}).get(str(entry.id), 0)
            if count or entry.code in selected:
                options.append(FacetOption(entry.code, entry.name(language), count, entry.code in selected))
        facets.append(Facet(parameter, LABELS[parameter], options))

    selected = set(filters.languages)  # type: ignore[attr-defined]
    language_counts = counts.get("language", {})
    options = [
        FacetOption(code, LANGUAGES_OFFERED.get(code, code), language_counts.get(code, 0), code in selected)
        for code in LANGUAGES_OFFERED
        if language_counts.get(code) or code in selected
    ]
    options.sort(key=lambda o: -o.count)
    facets.append(Facet("language", LABELS["language"], options))

    selected = set(filters.channels)  # type: ignore[attr-defined]
    channel_counts = counts.get("channel", {})
    facets.append(
        Facet(
            "channel",
            LABELS["channel"],
            [
                FacetOption(code, label, channel_counts.get(code, 0), code in selected)
                for code, label in CHANNEL_LABELS.items()
                if channel_counts.get(code) or code in selected
            ],
        )
    )
    free = counts.get("free", {}).get("free", 0)
    is_free = bool(filters.free)  # type: ignore[attr-defined]
    facets.append(
        Facet("free", LABELS["free"], [FacetOption("1", FREE_LABEL, free, is_free)] if free or is_free else [])
    )
    return Facets(facets, nationwide)
