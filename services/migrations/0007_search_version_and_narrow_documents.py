"""Two things the search needs at national scale (docs/search.md, "Performance").

1. A directory version. Every change to the search documents (insert, update, delete, truncate) sets
   ``services_search_state.version`` to a new number from a sequence, in the same transaction. The search keeps
   what depends only on the published directory (the facet bitsets, the counts of the front page) per version,
   so it is rebuilt after a change and never before the change is committed. A sequence never hands out the same
   number twice, so a rolled-back change cannot leave a cache entry that a later, different change would reuse.

2. Narrow rows, and names apart. The three weighted documents are 0.5–1.2 kB each compressed and were stored inline, so a search
   that matched 60 000 services read the whole 160 MB table to get their ids. With ``toast_tuple_target = 128``
   they go to the TOAST table and the main rows keep only ids, flags and arrays (about 45 MB at 100 000
   services); a document is read only for the few hundred services that are actually ranked. The arrays and
   sort names stay in the row (STORAGE MAIN): the toaster would otherwise move them out too to reach the target.
   Generated columns hold each document's name words (weight A, ``ts_filter``); the search pre-ranks every
   matched service by them and reads the full documents of the best few hundred only.
"""

from django.db import migrations

SQL = r"""
CREATE SEQUENCE services_search_version;
CREATE TABLE services_search_state (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO services_search_state (id, version) VALUES (1, nextval('services_search_version'));

CREATE OR REPLACE FUNCTION liv_search_bump_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE services_search_state SET version = nextval('services_search_version') WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER liv_search_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services_search_document
    FOR EACH STATEMENT EXECUTE FUNCTION liv_search_bump_version();

-- The documents leave the row; everything else a search reads per matched row stays in it (MAIN: never moved
-- out of line while the row fits in a page).
ALTER TABLE services_search_document SET (toast_tuple_target = 256),
    ALTER COLUMN name_languages SET STORAGE MAIN,
    ALTER COLUMN local_municipality_ids SET STORAGE MAIN,
    ALTER COLUMN municipality_ids SET STORAGE MAIN,
    ALTER COLUMN region_ids SET STORAGE MAIN,
    ALTER COLUMN centre_ids SET STORAGE MAIN,
    ALTER COLUMN target_group_ids SET STORAGE MAIN,
    ALTER COLUMN service_type_ids SET STORAGE MAIN,
    ALTER COLUMN national_goal_ids SET STORAGE MAIN,
    ALTER COLUMN languages SET STORAGE MAIN,
    ALTER COLUMN channels SET STORAGE MAIN,
    ALTER COLUMN sort_name_fi SET STORAGE MAIN,
    ALTER COLUMN sort_name_sv SET STORAGE MAIN,
    ALTER COLUMN sort_name_en SET STORAGE MAIN,
    -- The name's words (weight A) of each language's document: small enough to stay in the row, so that the
    -- pre-ranking can rank every matched service by its name without reading its documents.
    ADD COLUMN name_document_fi tsvector GENERATED ALWAYS AS (ts_filter(document_fi, '{a}')) STORED,
    ADD COLUMN name_document_sv tsvector GENERATED ALWAYS AS (ts_filter(document_sv, '{a}')) STORED,
    ADD COLUMN name_document_en tsvector GENERATED ALWAYS AS (ts_filter(document_en, '{a}')) STORED;
ALTER TABLE services_search_document
    ALTER COLUMN name_document_fi SET STORAGE MAIN,
    ALTER COLUMN name_document_sv SET STORAGE MAIN,
    ALTER COLUMN name_document_en SET STORAGE MAIN;
-- Rewrite the existing rows so that their documents move out of line (a concatenation gives a new,
-- uncompressed value, which the toaster then compresses and stores apart).
UPDATE services_search_document SET
    municipality_ids = municipality_ids || '{}'::integer[],
    local_municipality_ids = local_municipality_ids || '{}'::integer[],
    sort_name_fi = sort_name_fi || '',
    sort_name_sv = sort_name_sv || '',
    sort_name_en = sort_name_en || '',
    document_fi = document_fi || ''::tsvector,
    document_sv = document_sv || ''::tsvector,
    document_en = document_en || ''::tsvector;
ANALYZE services_search_document;
ANALYZE services_search_word;
"""

REVERSE_SQL = r"""
DROP TRIGGER IF EXISTS liv_search_version ON services_search_document;
DROP FUNCTION IF EXISTS liv_search_bump_version();
DROP TABLE IF EXISTS services_search_state;
DROP SEQUENCE IF EXISTS services_search_version;
ALTER TABLE services_search_document RESET (toast_tuple_target),
    DROP COLUMN IF EXISTS name_document_fi,
    DROP COLUMN IF EXISTS name_document_sv,
    DROP COLUMN IF EXISTS name_document_en;
ALTER TABLE services_search_document
    ALTER COLUMN name_languages SET STORAGE EXTENDED,
    ALTER COLUMN local_municipality_ids SET STORAGE EXTENDED,
    ALTER COLUMN municipality_ids SET STORAGE EXTENDED,
    ALTER COLUMN region_ids SET STORAGE EXTENDED,
    ALTER COLUMN centre_ids SET STORAGE EXTENDED,
    ALTER COLUMN target_group_ids SET STORAGE EXTENDED,
    ALTER COLUMN service_type_ids SET STORAGE EXTENDED,
    ALTER COLUMN national_goal_ids SET STORAGE EXTENDED,
    ALTER COLUMN languages SET STORAGE EXTENDED,
    ALTER COLUMN channels SET STORAGE EXTENDED,
    ALTER COLUMN sort_name_fi SET STORAGE EXTENDED,
    ALTER COLUMN sort_name_sv SET STORAGE EXTENDED,
    ALTER COLUMN sort_name_en SET STORAGE EXTENDED;
"""


class Migration(migrations.Migration):
    dependencies = [("services", "0006_search_document_without_foreign_key")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
