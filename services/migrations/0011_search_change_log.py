"""Which services each directory version changed, so that what is kept per version can be brought up to date.

The facet bitsets (services.facet_index) and the text postings (services.text_index) are kept per directory
version. Rebuilding them after every change costs seconds at 100 000 services (3–5 s each); applying the change
costs milliseconds when a process knows which services changed. The statement triggers that set the version
(migration 0007) now also write the ids of the rows the statement touched to ``services_search_change``, under
the new version, in the same transaction. A statement touching more than 1 000 documents (a rebuild, an
import), and TRUNCATE, write one row with no id: "rebuild everything". The log keeps the last 10 000 versions; a
process whose copy is older than that rebuilds.

Transition tables are allowed only on triggers for a single event, hence one trigger per event.
"""

from django.db import migrations

SQL = r"""
CREATE TABLE services_search_change (
    version bigint NOT NULL,
    service_id integer
);
CREATE INDEX services_search_change_version ON services_search_change (version);

CREATE OR REPLACE FUNCTION liv_search_bump_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    new_version bigint;
BEGIN
    UPDATE services_search_state SET version = nextval('services_search_version') WHERE id = 1
        RETURNING version INTO new_version;
    IF new_version IS NULL THEN  -- no state row: only while a test's flush empties every table
        RETURN NULL;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO services_search_change (version, service_id) VALUES (new_version, NULL);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO services_search_change (version, service_id)
            SELECT DISTINCT new_version,
                   CASE WHEN (SELECT count(*) FROM liv_old_rows) > 1000 THEN NULL ELSE service_id END
            FROM liv_old_rows;
    ELSE  -- INSERT or UPDATE (a document's service_id, its primary key, never changes)
        INSERT INTO services_search_change (version, service_id)
            SELECT DISTINCT new_version,
                   CASE WHEN (SELECT count(*) FROM liv_new_rows) > 1000 THEN NULL ELSE service_id END
            FROM liv_new_rows;
    END IF;
    IF new_version % 100 = 0 THEN
        DELETE FROM services_search_change WHERE version < new_version - 10000;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER liv_search_version ON services_search_document;
CREATE TRIGGER liv_search_version_insert AFTER INSERT ON services_search_document
    REFERENCING NEW TABLE AS liv_new_rows FOR EACH STATEMENT EXECUTE FUNCTION liv_search_bump_version();
CREATE TRIGGER liv_search_version_update AFTER UPDATE ON services_search_document
    REFERENCING OLD TABLE AS liv_old_rows NEW TABLE AS liv_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION liv_search_bump_version();
CREATE TRIGGER liv_search_version_delete AFTER DELETE ON services_search_document
    REFERENCING OLD TABLE AS liv_old_rows FOR EACH STATEMENT EXECUTE FUNCTION liv_search_bump_version();
CREATE TRIGGER liv_search_version_truncate AFTER TRUNCATE ON services_search_document
    FOR EACH STATEMENT EXECUTE FUNCTION liv_search_bump_version();
"""

REVERSE_SQL = r"""
DROP TRIGGER liv_search_version_insert ON services_search_document;
DROP TRIGGER liv_search_version_update ON services_search_document;
DROP TRIGGER liv_search_version_delete ON services_search_document;
DROP TRIGGER liv_search_version_truncate ON services_search_document;
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
DROP TABLE services_search_change;
"""


class Migration(migrations.Migration):
    dependencies = [("services", "0010_facet_bitsets_with_local_municipalities")]

    operations = [migrations.RunSQL(SQL, reverse_sql=REVERSE_SQL)]
