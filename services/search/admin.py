"""The search's lists in the admin: the synonyms (the words people use, kept by coordinators and national
administrators) and the unanswered searches that show which words the synonyms lack.

A synonym takes effect at the next search: the search reads the list with every request
(services.search.vocabularies). docs/search.md, "Words people use", says how a synonym is applied, and "What people
searched and did not find" what is counted of a search and for how long.
"""

from __future__ import annotations

import string

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from services.models import SYNONYM_TERM, SearchSynonym, UnansweredSearch
from services.search import unanswered


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "language", "equivalents_shown", "two_way", "modified"]
    list_filter = ["language", "two_way"]
    search_fields = ["term", "equivalents"]
    fields = ["language", "term", "equivalents", "two_way"]

    @admin.display(description=SearchSynonym._meta.get_field("equivalents").verbose_name)
    def equivalents_shown(self, synonym: SearchSynonym) -> str:
        return ", ".join(synonym.equivalent_list())


@admin.register(UnansweredSearch)
class UnansweredSearchAdmin(admin.ModelAdmin):
    """Read only: the counts are written by the search. A row can be deleted (a text that names a person)."""

    list_display = ["text", "language", "outcome", "count", "week", "synonym_link"]
    list_filter = ["language", "outcome", "week"]
    search_fields = ["text"]
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[UnansweredSearch]:
        synonym = SearchSynonym.objects.filter(language=OuterRef("language"), term=OuterRef("text"))
        return (
            super()
            .get_queryset(request)
            .filter(count__gte=unanswered.MIN_SHOWN)
            .annotate(synonym_id=Subquery(synonym.values("pk")[:1]))
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: UnansweredSearch | None = None) -> bool:
        return False

    @admin.display(description=_("synonym"))
    def synonym_link(self, search: UnansweredSearch) -> str | None:
        """The synonym the text already is, or a new one with the text as its term when it can be one (one to three
        words; the punctuation typed around words left out); else the admin's empty value."""
        if search.synonym_id:
            url = reverse("admin:services_searchsynonym_change", args=[search.synonym_id])
            return format_html('<a href="{}">{}</a>', url, _("Edit the synonym"))
        term = " ".join(word.strip(string.punctuation + "“”«»…") for word in search.text.split())
        if len(term) > SearchSynonym._meta.get_field("term").max_length or not SYNONYM_TERM.fullmatch(term):
            return None  # a masked number or address, or more than three words
        url = reverse("admin:services_searchsynonym_add") + "?" + urlencode({"language": search.language, "term": term})
        return format_html('<a href="{}">{}</a>', url, _("Add as a synonym"))
