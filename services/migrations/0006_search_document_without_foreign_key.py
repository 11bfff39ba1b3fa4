"""Search documents follow their services by triggers instead of a foreign key.

Django's test flush (TransactionTestCase, live-server browser tests) TRUNCATEs the tables it knows; a foreign key
from a table it does not know (the search documents) makes that TRUNCATE fail. Deleting or truncating services now
deletes or truncates their documents through triggers, with the same effect the ON DELETE CASCADE had.
"""

from django.db import migrations

SQL = r"""
ALTER TABLE services_search_document DROP CONSTRAINT IF EXISTS services_search_document_service_id_fkey;

CREATE OR REPLACE FUNCTION liv_search_trigger_service_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM services_search_document d USING old_rows o WHERE d.service_id = o.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION liv_search_trigger_service_truncated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    TRUNCATE services_search_document;
    RETURN NULL;
END
$$;

CREATE TRIGGER liv_search_delete AFTER DELETE ON services_service
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION liv_search_trigger_service_deleted();
CREATE TRIGGER liv_search_truncate AFTER TRUNCATE ON services_service
    FOR EACH STATEMENT EXECUTE FUNCTION liv_search_trigger_service_truncated();
"""

REVERSE_SQL = r"""
DROP TRIGGER IF EXISTS liv_search_truncate ON services_service;
DROP TRIGGER IF EXISTS liv_search_delete ON services_service;
DROP FUNCTION IF EXISTS liv_search_trigger_service_truncated();
DROP FUNCTION IF EXISTS liv_search_trigger_service_deleted();
DELETE FROM services_search_document d WHERE NOT EXISTS (SELECT 1 FROM services_service s WHERE s.id = d.service_id);
ALTER TABLE services_search_document ADD CONSTRAINT services_search_document_service_id_fkey
    FOREIGN KEY (service_id) REFERENCES services_service (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
"""


class Migration(migrations.Migration):
    dependencies = [("services", "0005_search_refresh_one_join")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
