"""Links of the search page: every facet option, active filter, page and suggestion is a plain link.

No JavaScript is needed: choosing a facet value, removing an active filter or turning a page loads a new address
built from the current one. Parameter names are the same in every language, so the language switcher (which keeps
the query string) keeps the search.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import gettext

from liv.i18n import TranslatedText
from services.search import SearchResult, Suggestion, places
from services.search.facets import Facets
from services.search.vocabularies import Entry, SearchVocabulary

KEPT_PARAMETERS = (
    "q",
    "area",
    "region",
    "municipality",
    "target_group",
    "service_type",
    "language",
    "channel",
    "free",
    "goal",
    "sort",
)


@dataclass(frozen=True)
class Link:
    label: TranslatedText | Promise | str
    url: str
    count: int | None = None
    selected: bool = False


@dataclass(frozen=True)
class FacetLinks:
    parameter: str
    label: Promise
    links: list[Link]

    @property
    def items_html(self) -> SafeString:
        """The options as list items. Made here rather than in a template loop, and with the standard library's
        escape rather than format_html: a broad search lists up to 400 options, and the per-option work of the
        template engine and of Django's lazy-aware escaping was most of the page's rendering time."""
        selected = (
            '<span aria-hidden="true">✓ </span><span class="visually-hidden">'
            f"{html.escape(gettext('Selected, select to remove:'))} </span>"
        )
        items = []
        for link in self.links:
            label = link.label
            if isinstance(label, TranslatedText) and label.is_fallback:
                label_html = f'<span lang="{html.escape(label.lang)}">{html.escape(label.text)}</span>'
            elif isinstance(label, SafeData):
                label_html = str(label)
            else:
                label_html = html.escape(str(label))
            current = ' aria-current="true"' if link.selected else ""
            items.append(
                f'<li><a href="{html.escape(link.url)}"{current}>{selected if link.selected else ""}{label_html}'
                f' <span class="count">({link.count})</span></a></li>'
            )
        return SafeString("".join(items))


def base_query(data: QueryDict) -> QueryDict:
    """The current search's parameters, without the page number and without anything we do not use."""
    query = QueryDict(mutable=True)
    for name in KEPT_PARAMETERS:
        values = [v for v in data.getlist(name) if v]
        if values:
            query.setlist(name, values)
    return query


def _url(query: QueryDict) -> str:
    encoded = query.urlencode()
    return "?" + encoded if encoded else "?"


def toggled(data: QueryDict, parameter: str, value: str) -> str:
    query = base_query(data)
    values = query.getlist(parameter)
    values = [v for v in values if v != value] if value in values else [*values, value]
    if values:
        query.setlist(parameter, values)
    else:
        query.pop(parameter, None)
    return _url(query)


def facet_links(facets: Facets, data: QueryDict) -> list[FacetLinks]:
    """Every option's link, as :func:`toggled` makes it. The rest of the query is encoded once per facet, not once
    per option: a page lists up to 400 options (most of them municipalities)."""
    base = base_query(data)
    links = []
    for facet in facets:
        if not facet.options:
            continue
        parameter = facet.parameter
        current = base.getlist(parameter)
        names = list(base)
        if parameter in base:
            position = names.index(parameter)
            before = _encoded(base, names[:position])
            after = _encoded(base, names[position + 1 :])
        else:
            before, after = _encoded(base, names), ""
        options = []
        for option in facet.options:
            values = [v for v in current if v != option.value] if option.value in current else [*current, option.value]
            encoded = urlencode([(parameter, value) for value in values])
            url = "?" + "&".join(part for part in (before, encoded, after) if part)
            options.append(Link(option.label, url, option.count, option.selected))
        links.append(FacetLinks(parameter, facet.label, options))
    return links


def _encoded(query: QueryDict, names: list[str]) -> str:
    return urlencode([(name, value) for name in names for value in query.getlist(name)])


@dataclass(frozen=True)
class ActiveFilter:
    facet_label: Promise
    label: TranslatedText | Promise | str
    remove_url: str


def active_filters(facets: Facets, data: QueryDict) -> list[ActiveFilter]:
    active = []
    for facet in facets:
        for option in facet.selected:
            active.append(ActiveFilter(facet.label, option.label, toggled(data, facet.parameter, option.value)))
    return active


def clear_filters_url(data: QueryDict) -> str:
    query = QueryDict(mutable=True)
    for name in ("q", "sort"):
        if data.get(name):
            query[name] = data[name]
    return _url(query)


def page_url(data: QueryDict, page: int) -> str:
    query = base_query(data)
    if page > 1:
        query["page"] = str(page)
    return _url(query)


def sort_url(data: QueryDict, sort: str) -> str:
    query = base_query(data)
    query["sort"] = sort
    return _url(query)


def suggestion_url(data: QueryDict, suggestion: Suggestion) -> str:
    if suggestion.kind == "without_filters":
        return clear_filters_url(data)
    query = base_query(data)
    query["q"] = suggestion.text
    return _url(query)


def pages(result: SearchResult, data: QueryDict, window: int = 2) -> list[Link]:
    """Links to the first, last and nearby pages."""
    numbers = sorted(
        {1, result.page_count}
        | set(range(max(1, result.page - window), min(result.page_count, result.page + window) + 1))
    )
    return [Link(str(n), page_url(data, n), None, n == result.page) for n in numbers]


@dataclass(frozen=True)
class AreaLink:
    code: str
    label: TranslatedText


def area_links(entries: list[Entry], vocabulary: SearchVocabulary, language: str) -> list[AreaLink]:
    """The vitality-centre areas of the places a query named: a municipality's (or those of a place made of
    municipalities, such as an employment area), a region's, the area itself, or the areas that took over an ELY
    area (so "Etelä-Savon ELY" leads to its area page)."""
    codes: list[str] = []
    regions = vocabulary.by_id["region"]
    for entry in entries:
        centre_ids: list[int | None] = []
        if entry.kind in ("municipality", "employment_area", "group"):
            for municipality in places.municipalities(entry, vocabulary):
                region = regions.get(municipality.parent_id or 0)
                centre_ids.append(region.parent_id if region else None)
        elif entry.kind == "region":
            centre_ids.append(entry.parent_id)
        elif entry.kind == "area":
            centre_ids.append(entry.id)
        elif entry.kind == "ely":
            centre_ids.extend(
                region.parent_id for region in regions.values() if vocabulary.ely_of_region.get(region.id) == entry.id
            )
        for centre_id in centre_ids:
            centre = vocabulary.by_id["area"].get(centre_id or 0)
            if centre and centre.code not in codes:
                codes.append(centre.code)
    return [AreaLink(code, vocabulary.by_code["area"][code].name(language)) for code in codes]
