"""Each search document holds a token for each language the service is given in ("lang0ru"), so that "ohjaus
venäjäksi", "career guidance in English" and "på engelska" match the services given in the language, not only the
ones whose text says so (services.search.service_languages). A letter, a digit and the code: PostgreSQL's parser
reads it as one number-word, which no configuration stems, and nobody types.

The function is migration 0019's with only the three "other" texts changed; the documents are rebuilt.
"""

import importlib

from django.db import migrations

PREVIOUS = importlib.import_module("services.migrations.0019_search_eligibility_and_how_to_apply").SQL
TOKENS = "(SELECT string_agg('lang0' || x, ' ') FROM unnest(s.languages) x)"
SQL = PREVIOUS
for language in ("fi", "sv", "en"):
    assert SQL.count(f"vn.{language})") == 1
    SQL = SQL.replace(f"vn.{language})", f"vn.{language}, {TOKENS})")


class Migration(migrations.Migration):
    dependencies = [("services", "0025_synonym_short_term_stems")]

    # The planner's statistics follow the rebuilt documents (as services.search.documents.refresh does).
    operations = [migrations.RunSQL(SQL + "\nANALYZE services_search_document;", PREVIOUS)]
