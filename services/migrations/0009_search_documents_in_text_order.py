"""Search documents built in the order of their text, so that a rebuild gives the same document every time.

``array_agg(x ORDER BY 1)`` orders by the constant 1, not by the first column, and the Voikko lexemes were
aggregated without an order: a document's lexeme positions and its id arrays could come out differently from one
rebuild to the next, depending on the query plan (matching never changed; ranking could, slightly, through the
positions). The words are now numbered as they stand in the text and aggregated in that order, the ids in
ascending order. The functions are those of migrations 0002 and 0005 with only these orders changed.
"""

import importlib

from django.db import migrations

_refresh = importlib.import_module("services.migrations.0005_search_refresh_one_join")
_ORDERED = {
    "array_agg(x.targetgroup_id ORDER BY 1)": "array_agg(x.targetgroup_id ORDER BY x.targetgroup_id)",
    "array_agg(x.servicetype_id ORDER BY 1)": "array_agg(x.servicetype_id ORDER BY x.servicetype_id)",
    "array_agg(x.nationalgoal_id ORDER BY 1)": "array_agg(x.nationalgoal_id ORDER BY x.nationalgoal_id)",
    "string_agg(w.lexemes, ' ') FILTER": "string_agg(w.lexemes, ' ' ORDER BY x.word_number) FILTER",
    "SELECT src.service_id, f.weight, s.word": "SELECT src.service_id, f.weight, s.word, s.word_number",
    "'[^[:alnum:]-]+') AS s(word)": "'[^[:alnum:]-]+') WITH ORDINALITY AS s(word, word_number)",
}


def _ordered(sql: str) -> str:
    for old, new in _ORDERED.items():
        if old not in sql:
            raise ValueError(f"migration 0009: {old!r} not found in the function it reorders")
        sql = sql.replace(old, new)
    return sql


EXTRA = r"""
CREATE OR REPLACE FUNCTION liv_search_extra(t text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(string_agg(w.lexemes, ' ' ORDER BY s.word_number), '')
        FROM regexp_split_to_table(lower(coalesce(t, '')), '[^[:alnum:]-]+') WITH ORDINALITY AS s(word, word_number)
        JOIN services_search_word w ON w.word = s.word AND w.lexemes <> ''
    $$;
"""

EXTRA_BEFORE = r"""
CREATE OR REPLACE FUNCTION liv_search_extra(t text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(string_agg(w.lexemes, ' '), '')
        FROM regexp_split_to_table(lower(coalesce(t, '')), '[^[:alnum:]-]+') AS s(word)
        JOIN services_search_word w ON w.word = s.word AND w.lexemes <> ''
    $$;
"""


class Migration(migrations.Migration):
    dependencies = [("services", "0008_facet_bitsets")]

    operations = [
        migrations.RunSQL(EXTRA, EXTRA_BEFORE),
        migrations.RunSQL(_ordered(_refresh.SQL), _refresh.SQL),
    ]
