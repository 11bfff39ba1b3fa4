"""The published directory's version and the time it last changed, for the API's validators (ETag, Last-Modified).

services_search_state.version moves whenever a service's search document is written (services/migrations/0007 and
0011) — that is, whenever a service, its channels, relations, provider names or vocabularies change — but it has
no time, and it does not see what the search does not index: a provider's web site, opening hours, the catalogue
of practices. This one row does: a statement trigger on each of those tables (and on services_search_state itself)
adds one to ``version`` and sets ``changed_at``. An upsert, so that a test's flush (TRUNCATE) cannot leave it gone.
"""

from django.db import migrations

WATCHED_TABLES = [
    "services_search_state",
    "services_provider",
    "services_openinghours",
    "services_openinghoursexception",
    "cooperation_practice",
    "cooperation_practicelink",
    "cooperation_practice_dimensions",
    "cooperation_practice_national_goals",
    "cooperation_practice_providers",
    "cooperation_practice_target_groups",
    "cooperation_practice_vitality_centres",
]

CREATE = """
CREATE TABLE exchange_directory_state (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO exchange_directory_state (id, version, changed_at) VALUES (1, 1, clock_timestamp());

CREATE OR REPLACE FUNCTION exchange_directory_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO exchange_directory_state AS s (id, version, changed_at) VALUES (1, 1, clock_timestamp())
        ON CONFLICT (id) DO UPDATE SET version = s.version + 1, changed_at = clock_timestamp();
    RETURN NULL;
END
$$;
"""


def _triggers() -> str:
    return "\n".join(
        f"CREATE TRIGGER exchange_directory_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION exchange_directory_changed();"
        for table in WATCHED_TABLES
    )


def _drop() -> str:
    drops = [f"DROP TRIGGER IF EXISTS exchange_directory_changed ON {table};" for table in WATCHED_TABLES]
    return "\n".join(
        [*drops, "DROP FUNCTION IF EXISTS exchange_directory_changed();", "DROP TABLE exchange_directory_state;"]
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("services", "0016_citizen_fields"),
        ("cooperation", "0007_coverage_version"),
    ]

    operations = [migrations.RunSQL(CREATE + _triggers(), _drop())]
