"""Reading the search page's and the API's query parameters into a :class:`services.search.SearchQuery`.

django-filter drops a value it does not understand without a word; here every value that is not one of the
filter's codes is reported back ("Target group: 'astronauts' was not understood") and the rest of the search
still runs. The parameter names are the same in every language (docs/search.md lists them).
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from services.languages import LANGUAGES_OFFERED
from services.models import Service
from services.search import MAX_PAGE, SearchFilters, SearchQuery, Sort
from services.search.facets import CHANNEL_LABELS, LABELS
from services.search.terms import MAX_QUERY_CHARS, clean
from services.search.vocabularies import SearchVocabulary

MAX_VALUES = 20
TRUE_VALUES = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class Problem:
    """A query parameter value that was not understood and was left out of the search."""

    parameter: str
    label: Promise | str
    value: str


class ServiceSearchFilterSet(django_filters.FilterSet):
    """The search's filters. Choices are the codes of the vocabulary loaded for this request."""

    area = django_filters.MultipleChoiceFilter(label=LABELS["area"], choices=())
    region = django_filters.MultipleChoiceFilter(label=LABELS["region"], choices=())
    municipality = django_filters.MultipleChoiceFilter(label=LABELS["municipality"], choices=())
    target_group = django_filters.MultipleChoiceFilter(label=LABELS["target_group"], choices=())
    service_type = django_filters.MultipleChoiceFilter(label=LABELS["service_type"], choices=())
    goal = django_filters.MultipleChoiceFilter(label=LABELS["goal"], choices=())
    language = django_filters.MultipleChoiceFilter(label=LABELS["language"], choices=list(LANGUAGES_OFFERED.items()))
    channel = django_filters.MultipleChoiceFilter(label=LABELS["channel"], choices=list(CHANNEL_LABELS.items()))
    free = django_filters.CharFilter(label=LABELS["free"])
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=[(Sort.RELEVANCE.value, _("relevance")), (Sort.NAME.value, _("name"))]
    )

    class Meta:
        model = Service
        fields: list[str] = []

    def __init__(self, data: QueryDict, *, vocabulary: SearchVocabulary) -> None:
        super().__init__(data=data, queryset=Service.objects.none())
        for name in ("area", "region", "municipality", "target_group", "service_type", "goal"):
            field = self.form.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = [(entry.code, entry.code) for entry in vocabulary.entries(name)]

    def problems(self) -> list[Problem]:
        """Every value that is not a known code, by parameter, in the order given."""
        problems = []
        for name, field in self.form.fields.items():
            if name == "free":
                value = self.data.get(name)
                if value not in (None, "", *TRUE_VALUES, "0", "false", "no", "off"):
                    problems.append(Problem(name, field.label, value[:100]))
                continue
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            allowed = {str(key) for key, _label in field.choices}
            for value in values:
                if value and value not in allowed:
                    problems.append(Problem(name, field.label, value[:100]))
        return problems

    def _valid(self, name: str) -> tuple[str, ...]:
        allowed = {str(key) for key, _label in self.form.fields[name].choices}
        # The empty choice django-filter adds to every ChoiceFilter ("?sort=") means "not given", not a value.
        values = [v for v in self.data.getlist(name) if v and v in allowed] if hasattr(self.data, "getlist") else []
        return tuple(dict.fromkeys(values))[:MAX_VALUES]

    def search_filters(self) -> SearchFilters:
        return SearchFilters(
            areas=self._valid("area"),
            regions=self._valid("region"),
            municipalities=self._valid("municipality"),
            target_groups=self._valid("target_group"),
            service_types=self._valid("service_type"),
            goals=self._valid("goal"),
            languages=self._valid("language"),
            channels=self._valid("channel"),
            free=(self.data.get("free") or "").lower() in TRUE_VALUES,
        )

    def search_query(self, *, language: str, page_size: int | None = None) -> SearchQuery:
        sort = self._valid("sort")
        text = clean(self.data.get("q", ""))
        extra = {"page_size": page_size} if page_size else {}
        return SearchQuery(
            text=text,
            language=language,
            filters=self.search_filters(),
            sort=Sort(sort[0]) if sort else Sort.RELEVANCE,
            page=parse_page(self.data.get("page")),
            **extra,
        )

    def query_was_shortened(self) -> bool:
        return len(" ".join((self.data.get("q") or "").split())) > MAX_QUERY_CHARS


def parse_page(value: str | None) -> int:
    """A page number from the address: anything that is not a sensible number is page 1; huge ones are capped."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 7:
        return 1 if not (value and value.isascii() and value.isdigit()) else MAX_PAGE
    return min(max(int(value), 1), MAX_PAGE)
