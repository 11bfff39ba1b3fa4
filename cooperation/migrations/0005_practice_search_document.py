"""Stored search documents of the catalogue of practices, kept current by statement-level triggers.

Until now each search built every published practice's documents in the query (to_tsvector and the Voikko lexemes
of every text, twice: once to match, once to rank), so the search time grew with the size of the catalogue's texts.
Now, like a service (services/migrations/0002), a practice has one stored row per practice with a weighted tsvector
per language (title A, summary B, description, results and evaluation C; the Finnish one with the Voikko base
forms and compound parts of the word table ``services_search_word``) and GIN indexes on them.

What feeds a document, and the trigger that follows it:

* the practice's own texts: INSERT and UPDATE on ``cooperation_practice`` rebuild the documents of the rows whose
  texts changed (a change of status, phase or areas leaves them alone: the search filters those in the query);
  DELETE and TRUNCATE remove them (no foreign key, so Django's test flush can TRUNCATE the practices);
* the Finnish base forms and compound parts of its words: Voikko runs in Python
  (``services.search_index.analyse_new_words``), which UPDATEs the word table; the trigger there rebuilds the
  documents of the practices that contain a word whose analysis changed (``words``, with a GIN index, lists each
  practice's Finnish words for that lookup).

Area and vocabulary names are not in a practice's document (the catalogue filters by them instead of matching
their names), so no trigger on those tables is needed. The practice triggers ignore ``liv.search_deferred``: the
catalogue is small, and a bulk job that defers the service documents rebuilds only those at its end.
"""

from django.db import migrations

FINNISH_TEXTS = "p.title_fi, p.summary_fi, p.description_fi, p.results_fi, p.evaluation_fi"
ALL_TEXTS = ", ".join(
    f"p.{name}_{code}"
    for name in ("title", "summary", "description", "results", "evaluation")
    for code in ("fi", "sv", "en")
)
TEXT_COLUMNS = [
    f"{name}_{code}"
    for name in ("title", "summary", "description", "results", "evaluation")
    for code in ("fi", "sv", "en")
]


def _document(config: str, code: str, extra: str) -> str:
    """Weighted like the query-time documents were (and like a service's: name A, summary B, the rest C)."""
    return (
        f"liv_search_weighted('{config}', p.title_{code}, 'A', {extra})"
        f" || liv_search_weighted('{config}', p.summary_{code}, 'B', {extra})"
        f" || liv_search_weighted('{config}', concat_ws(' ', p.description_{code}, p.results_{code},"
        f" p.evaluation_{code}), 'C', {extra})"
    )


_TEXTS_CHANGED = " OR ".join(f"n.{column} IS DISTINCT FROM o.{column}" for column in TEXT_COLUMNS)

SQL = rf"""
CREATE TABLE cooperation_practice_search (
    practice_id integer PRIMARY KEY,
    words text[] NOT NULL,
    document_fi tsvector NOT NULL,
    document_sv tsvector NOT NULL,
    document_en tsvector NOT NULL
);
CREATE INDEX cooperation_practice_search_fi ON cooperation_practice_search USING gin (document_fi);
CREATE INDEX cooperation_practice_search_sv ON cooperation_practice_search USING gin (document_sv);
CREATE INDEX cooperation_practice_search_en ON cooperation_practice_search USING gin (document_en);
CREATE INDEX cooperation_practice_search_words ON cooperation_practice_search USING gin (words);

-- (Re)build the documents of the given practices (all when ids IS NULL). Their words join the search's word table
-- first (known at once for typos and compound parts; Voikko analyses them later, and the word table's trigger
-- then rebuilds these documents with the base forms).
CREATE OR REPLACE FUNCTION liv_practice_search_refresh(ids integer[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM cooperation_practice_search d
    WHERE (ids IS NULL OR d.practice_id = ANY (ids))
      AND NOT EXISTS (SELECT 1 FROM cooperation_practice p WHERE p.id = d.practice_id);

    INSERT INTO services_search_word (word)
    SELECT DISTINCT w
    FROM cooperation_practice p,
         regexp_split_to_table(lower(concat_ws(' ', {ALL_TEXTS})), '[^[:alnum:]-]+') AS w
    WHERE (ids IS NULL OR p.id = ANY (ids)) AND length(w) BETWEEN 2 AND 60
    ON CONFLICT (word) DO NOTHING;

    INSERT INTO cooperation_practice_search AS d (practice_id, words, document_fi, document_sv, document_en)
    SELECT
        p.id,
        ARRAY(SELECT DISTINCT w
              FROM regexp_split_to_table(lower(concat_ws(' ', {FINNISH_TEXTS})), '[^[:alnum:]-]+') AS w
              WHERE length(w) BETWEEN 2 AND 60),
        {_document("finnish", "fi", "true")},
        {_document("swedish", "sv", "false")},
        {_document("english", "en", "false")}
    FROM cooperation_practice p
    WHERE ids IS NULL OR p.id = ANY (ids)
    ON CONFLICT (practice_id) DO UPDATE SET
        words = EXCLUDED.words,
        document_fi = EXCLUDED.document_fi,
        document_sv = EXCLUDED.document_sv,
        document_en = EXCLUDED.document_en;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION liv_practice_search_trigger_inserted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    ids integer[];
BEGIN
    SELECT array_agg(id) INTO ids FROM new_rows;
    IF ids IS NOT NULL THEN
        PERFORM liv_practice_search_refresh(ids);
    END IF;
    RETURN NULL;
END
$$;

-- Only the rows whose texts changed: publishing, archiving or marking as reviewed leaves the documents alone.
CREATE OR REPLACE FUNCTION liv_practice_search_trigger_updated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    ids integer[];
BEGIN
    SELECT array_agg(n.id) INTO ids
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE {_TEXTS_CHANGED};
    IF ids IS NOT NULL THEN
        PERFORM liv_practice_search_refresh(ids);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION liv_practice_search_trigger_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM cooperation_practice_search d USING old_rows o WHERE d.practice_id = o.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION liv_practice_search_trigger_truncated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    TRUNCATE cooperation_practice_search;
    RETURN NULL;
END
$$;

-- Voikko's analysis of a word arrived (or changed): the practices with that word in their Finnish texts get it.
CREATE OR REPLACE FUNCTION liv_practice_search_trigger_words() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    changed text[];
    ids integer[];
BEGIN
    SELECT array_agg(n.word) INTO changed
    FROM new_rows n JOIN old_rows o ON o.word = n.word
    WHERE n.lexemes IS DISTINCT FROM o.lexemes;
    IF changed IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(practice_id) INTO ids FROM cooperation_practice_search WHERE words && changed;
    IF ids IS NOT NULL THEN
        PERFORM liv_practice_search_refresh(ids);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER liv_practice_search_insert AFTER INSERT ON cooperation_practice
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION liv_practice_search_trigger_inserted();
CREATE TRIGGER liv_practice_search_update AFTER UPDATE ON cooperation_practice
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION liv_practice_search_trigger_updated();
CREATE TRIGGER liv_practice_search_delete AFTER DELETE ON cooperation_practice
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION liv_practice_search_trigger_deleted();
CREATE TRIGGER liv_practice_search_truncate AFTER TRUNCATE ON cooperation_practice
    FOR EACH STATEMENT EXECUTE FUNCTION liv_practice_search_trigger_truncated();
CREATE TRIGGER liv_practice_search_words AFTER UPDATE ON services_search_word
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION liv_practice_search_trigger_words();

SELECT liv_practice_search_refresh(NULL);
ANALYZE cooperation_practice_search;
"""

REVERSE_SQL = r"""
DROP TRIGGER IF EXISTS liv_practice_search_words ON services_search_word;
DROP TRIGGER IF EXISTS liv_practice_search_truncate ON cooperation_practice;
DROP TRIGGER IF EXISTS liv_practice_search_delete ON cooperation_practice;
DROP TRIGGER IF EXISTS liv_practice_search_update ON cooperation_practice;
DROP TRIGGER IF EXISTS liv_practice_search_insert ON cooperation_practice;
DROP FUNCTION IF EXISTS liv_practice_search_trigger_words();
DROP FUNCTION IF EXISTS liv_practice_search_trigger_truncated();
DROP FUNCTION IF EXISTS liv_practice_search_trigger_deleted();
DROP FUNCTION IF EXISTS liv_practice_search_trigger_updated();
DROP FUNCTION IF EXISTS liv_practice_search_trigger_inserted();
DROP FUNCTION IF EXISTS liv_practice_search_refresh(integer[]);
DROP TABLE IF EXISTS cooperation_practice_search;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0004_exchange_external_ids"),
        ("services", "0007_search_version_and_narrow_documents"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
