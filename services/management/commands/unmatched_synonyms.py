"""List the search synonyms that lead nowhere: no equivalent of theirs matches any published service (see
docs/search.md, "Words people use"). A coordinator reads the list to point a synonym at the words the entries
really use ("intti" → "varusmiespalvelus", where the texts say "varusmiehille")."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection

# One statement: a synonym is unmatched when no line of its equivalents, read with each language's text-search
# configuration, matches a published service's document in that language.
UNMATCHED = """
SELECT s.language, s.term, replace(s.equivalents, E'\\n', ' | ')
FROM services_searchsynonym s
WHERE NOT EXISTS (
    SELECT 1
    FROM unnest(string_to_array(s.equivalents, E'\\n')) AS e(line)
    JOIN services_search_document d
      ON d.document_fi @@ plainto_tsquery('finnish', e.line)
      OR d.document_sv @@ plainto_tsquery('swedish', e.line)
      OR d.document_en @@ plainto_tsquery('english', e.line)
    WHERE d.published AND btrim(e.line) <> '')
ORDER BY s.language, s.term
"""


class Command(BaseCommand):
    help = "List the search synonyms none of whose equivalents matches any published service."

    def handle(self, *args: object, **options: object) -> None:
        with connection.cursor() as cursor:
            cursor.execute(UNMATCHED)
            rows = cursor.fetchall()
        for language, term, equivalents in rows:
            self.stdout.write(f"{language}\t{term}\t{equivalents}")
        self.stdout.write(f"{len(rows)} synonyms match no published service.")
