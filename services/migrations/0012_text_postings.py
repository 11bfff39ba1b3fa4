"""The text postings of services.text_index, stored once for every process.

Building the postings reads every published document (3.5–5 s at 100 000 services). A gunicorn worker is
restarted every few thousand requests (``GUNICORN_MAX_REQUESTS``), and each new worker used to build its own copy
while requests waited. Now the first process to need them builds them in SQL straight into this table, under an
advisory lock, and every process reads them from here and follows the change log (migration 0011) from the
stored version. Rows are those of the build statement: a language's lexeme with its postings, or (lexeme NULL)
the language's name order with the names' lengths. Only one version is kept.
"""

from django.db import migrations

SQL = r"""
CREATE TABLE services_text_posting (
    version bigint NOT NULL,
    language text NOT NULL,
    lexeme text,
    ids bytea,
    name_ids bytea,
    lengths bytea
);
ALTER TABLE services_text_posting ALTER COLUMN ids SET STORAGE EXTERNAL,
    ALTER COLUMN name_ids SET STORAGE EXTERNAL, ALTER COLUMN lengths SET STORAGE EXTERNAL;
"""

REVERSE_SQL = "DROP TABLE IF EXISTS services_text_posting;"


class Migration(migrations.Migration):
    dependencies = [("services", "0011_search_change_log")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
