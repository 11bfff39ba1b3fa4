"""The facet bitsets of the latest directory version, stored once for every process (services.facet_index).

Building them takes one grouped query over the whole published directory (3–4 s at 100 000 services). Each
gunicorn worker used to build its own copy after every change, so four workers spent four times that, and
the requests queued behind them. Now the first process to need a version builds it under an advisory lock and
writes it here; the others wait for the lock and read the finished bitsets (about 5 MB at 100 000 services,
tens of milliseconds). Only the latest version is kept.
"""

from django.db import migrations

SQL = r"""
CREATE TABLE services_facet_bitset (
    version bigint NOT NULL,
    facet text NOT NULL,
    key text NOT NULL,
    bits bytea NOT NULL,
    PRIMARY KEY (version, facet, key)
);
ALTER TABLE services_facet_bitset ALTER COLUMN bits SET STORAGE EXTERNAL;
"""

REVERSE_SQL = "DROP TABLE IF EXISTS services_facet_bitset;"


class Migration(migrations.Migration):
    dependencies = [("services", "0007_search_version_and_narrow_documents")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
