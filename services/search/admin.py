"""The search synonyms in the admin: the words people use, kept by coordinators and national administrators.

A change takes effect at the next search: the search reads the list with every request
(services.search.vocabularies). docs/search.md, "Words people use", says how a synonym is applied.
"""

from __future__ import annotations

from django.contrib import admin

from services.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "language", "equivalents_shown", "two_way", "modified"]
    list_filter = ["language", "two_way"]
    search_fields = ["term", "equivalents"]
    fields = ["language", "term", "equivalents", "two_way"]

    @admin.display(description=SearchSynonym._meta.get_field("equivalents").verbose_name)
    def equivalents_shown(self, synonym: SearchSynonym) -> str:
        return ", ".join(synonym.equivalent_list())
