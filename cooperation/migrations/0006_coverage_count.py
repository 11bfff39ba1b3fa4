"""The coverage count, stored per dimension with the directory version it was counted at (cooperation.coverage).

The national count takes most of a second at 100 000 services and depends only on the published directory, whose
version (``services_search_state.version``) a trigger moves on every change, in the change's transaction. Stored
here, one count serves every worker process until the next change.

``liv_coverage_counts(dimension, count_sql, known_version)`` returns ``(version, counts)`` of the current version:

1. no counts if ``known_version`` is the current version (the calling process holds that count already);
2. the stored counts if they are of the current version (one index lookup);
3. otherwise it takes a transaction-level advisory lock for that dimension and looks again: a request that waited
   for another's count finds it stored (a volatile PL/pgSQL function takes a new snapshot for each statement, so
   the row committed by the other request is seen after the lock);
4. otherwise it counts (``count_sql``: one SELECT returning the count as text, built by cooperation.coverage from
   the models, never from input) and reads the current version in one statement, so both come from the same
   snapshot, and stores them unless a newer version is already stored.

Run in autocommit (as Django's views are), the lock is released when the statement commits, after the new row is
visible. Called inside a longer transaction, the lock is held to its end and other requests wait for it.
"""

from django.db import migrations

SQL = r"""
CREATE TABLE IF NOT EXISTS cooperation_coverage_count (
    dimension text PRIMARY KEY,
    version bigint NOT NULL,
    counts text NOT NULL
);

CREATE OR REPLACE FUNCTION liv_coverage_counts(
    dim text, count_sql text, known_version bigint, OUT out_version bigint, OUT out_counts text
)
    LANGUAGE plpgsql VOLATILE
    AS $$
BEGIN
    SELECT s.version INTO out_version FROM services_search_state s WHERE s.id = 1;
    IF out_version = known_version THEN
        RETURN;
    END IF;
    SELECT c.counts INTO out_counts FROM cooperation_coverage_count c
    WHERE c.dimension = dim AND c.version = out_version;
    IF FOUND THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('liv_coverage_counts'), hashtext(dim));
    SELECT c.version, c.counts INTO out_version, out_counts
    FROM cooperation_coverage_count c JOIN services_search_state s ON s.id = 1 AND s.version = c.version
    WHERE c.dimension = dim;
    IF FOUND THEN
        RETURN;
    END IF;
    EXECUTE format('SELECT (SELECT version FROM services_search_state WHERE id = 1), (%s)', count_sql)
        INTO out_version, out_counts;
    INSERT INTO cooperation_coverage_count AS c (dimension, version, counts)
    VALUES (dim, out_version, out_counts)
    ON CONFLICT (dimension) DO UPDATE SET version = EXCLUDED.version, counts = EXCLUDED.counts
        WHERE c.version < EXCLUDED.version;
END
$$;
"""

REVERSE_SQL = r"""
DROP FUNCTION IF EXISTS liv_coverage_counts(text, text, bigint);
DROP TABLE IF EXISTS cooperation_coverage_count;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0005_practice_search_document"),
        ("services", "0007_search_version_and_narrow_documents"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
