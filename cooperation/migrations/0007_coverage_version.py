"""A version of what the coverage count reads, moved only by changes that can change the count.

Migration 0006 kept the count by the search's directory version, which moves on every change to a search
document: a corrected description or opening hours made the next coverage request count again (a second or more
at 100 000 services, with every other request waiting for it), although no figure could change. The coverage
version moves, in the same transaction, only when a statement changes what the count reads:

* a service's status, nationwide flag or languages; its locations' municipalities; whether it has phone or
  online channels; its target groups, service types and listed municipalities, regions, vitality centre areas
  and employment areas;
* a municipality's region or employment area, a region's vitality centre area (reference data).

Statement-level triggers with transition tables: an UPDATE moves the version only if the compared columns of
some row differ (``EXCEPT`` both ways), an INSERT or DELETE only if it touched a row, a TRUNCATE always; a bulk
statement moves it once. They are independent of the search's triggers, so a bulk job that defers the search
documents (``liv.search_deferred``) still moves it at once. A sequence never hands out a number twice, so a
rolled-back change cannot leave a stored count that a later, different state would reuse.
"""

import importlib

from django.db import migrations

# (table, the columns compared on UPDATE; the first is the row's key)
WATCHED = [
    ("services_service", "id, status, nationwide, languages"),
    ("services_servicelocation", "id, service_id, municipality_id"),
    ("services_phonechannel", "id, service_id"),
    ("services_electronicchannel", "id, service_id"),
    ("services_service_target_groups", "id, service_id, targetgroup_id"),
    ("services_service_service_types", "id, service_id, servicetype_id"),
    ("services_service_municipalities", "id, service_id, municipality_id"),
    ("services_service_regions", "id, service_id, region_id"),
    ("services_service_vitality_centres", "id, service_id, vitalitycentre_id"),
    ("services_service_employment_areas", "id, service_id, employmentarea_id"),
    ("regions_municipality", "id, region_id, employment_area_id"),
    ("regions_region", "id, vitality_centre_id"),
]

FUNCTIONS = r"""
CREATE SEQUENCE IF NOT EXISTS cooperation_coverage_version;
CREATE TABLE IF NOT EXISTS cooperation_coverage_state (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO cooperation_coverage_state (id, version) VALUES (1, nextval('cooperation_coverage_version'))
ON CONFLICT (id) DO NOTHING;
DELETE FROM cooperation_coverage_count;

CREATE OR REPLACE FUNCTION liv_coverage_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    compared text := TG_ARGV[0];
    changed boolean := TRUE;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        EXECUTE format(
            'SELECT EXISTS (SELECT %1$s FROM new_rows EXCEPT SELECT %1$s FROM old_rows)'
            ' OR EXISTS (SELECT %1$s FROM old_rows EXCEPT SELECT %1$s FROM new_rows)',
            compared
        ) INTO changed;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT EXISTS (SELECT 1 FROM new_rows) INTO changed;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT EXISTS (SELECT 1 FROM old_rows) INTO changed;
    END IF;
    IF changed THEN
        UPDATE cooperation_coverage_state SET version = nextval('cooperation_coverage_version') WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION liv_coverage_counts(
    dim text, count_sql text, known_version bigint, OUT out_version bigint, OUT out_counts text
)
    LANGUAGE plpgsql VOLATILE
    AS $$
BEGIN
    SELECT s.version INTO out_version FROM cooperation_coverage_state s WHERE s.id = 1;
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
    FROM cooperation_coverage_count c JOIN cooperation_coverage_state s ON s.id = 1 AND s.version = c.version
    WHERE c.dimension = dim;
    IF FOUND THEN
        RETURN;
    END IF;
    EXECUTE format('SELECT (SELECT version FROM cooperation_coverage_state WHERE id = 1), (%s)', count_sql)
        INTO out_version, out_counts;
    INSERT INTO cooperation_coverage_count AS c (dimension, version, counts)
    VALUES (dim, out_version, out_counts)
    ON CONFLICT (dimension) DO UPDATE SET version = EXCLUDED.version, counts = EXCLUDED.counts
        WHERE c.version < EXCLUDED.version;
END
$$;
"""

EVENTS = (
    ("insert", "INSERT", "REFERENCING NEW TABLE AS new_rows"),
    ("update", "UPDATE", "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows"),
    ("delete", "DELETE", "REFERENCING OLD TABLE AS old_rows"),
    ("truncate", "TRUNCATE", ""),
)


def _triggers() -> str:
    return "\n".join(
        f"DROP TRIGGER IF EXISTS liv_coverage_{name} ON {table};\n"
        f"CREATE TRIGGER liv_coverage_{name} AFTER {event} ON {table} {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION liv_coverage_changed('{compared}');"
        for table, compared in WATCHED
        for name, event, referencing in EVENTS
    )


def _reverse() -> str:
    drops = "\n".join(
        f"DROP TRIGGER IF EXISTS liv_coverage_{name} ON {table};" for table, _ in WATCHED for name, *_ in EVENTS
    )
    previous = importlib.import_module("cooperation.migrations.0006_coverage_count")
    return (
        f"{drops}\nDROP FUNCTION IF EXISTS liv_coverage_changed();\n"
        "DROP TABLE IF EXISTS cooperation_coverage_state;\nDROP SEQUENCE IF EXISTS cooperation_coverage_version;\n"
        f"DELETE FROM cooperation_coverage_count;\n{previous.SQL}"
    )


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0006_coverage_count"), ("regions", "0001_initial")]

    operations = [migrations.RunSQL(FUNCTIONS + _triggers(), _reverse())]
