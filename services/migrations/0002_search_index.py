"""The search index: stored search documents, the vocabulary of known words, and the triggers that keep them current.

The tables are plain SQL (no Django model): only services.search_index and services.search read and write them,
and both speak SQL because the work is tsvector/tsquery/trigram work the ORM cannot express. See docs/search.md.
"""

from django.db import migrations

SQL = r"""
-- unaccent() is STABLE (its dictionary could change), so an index cannot use it directly. This wrapper names the
-- dictionary explicitly and is declared IMMUTABLE; it is used ONLY on the trigram side (typo and diacritic
-- tolerance), never before a stemmer: in Finnish ä and ö are letters of their own.
CREATE OR REPLACE FUNCTION liv_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Every word seen in the indexed texts (all languages, lower case). `lexemes` holds the Finnish base forms and
-- compound parts found by Voikko (filled in by services.search_index in Python); the table is also what a query
-- word is matched against for typos (trigram) and for compound parts inside longer words.
CREATE TABLE services_search_word (
    word text PRIMARY KEY,
    lexemes text NOT NULL DEFAULT '',
    analysed boolean NOT NULL DEFAULT false
);
CREATE INDEX services_search_word_unaccent_trgm ON services_search_word USING gin (liv_unaccent(word) gin_trgm_ops);
CREATE INDEX services_search_word_trgm ON services_search_word USING gin (word gin_trgm_ops);
CREATE INDEX services_search_word_unanalysed ON services_search_word (word) WHERE NOT analysed;

-- One search document per service: a weighted tsvector per language, and the service's places as id arrays
-- (for place ranking, area filters and facet counts without joins).
CREATE TABLE services_search_document (
    service_id integer PRIMARY KEY REFERENCES services_service (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    published boolean NOT NULL,
    document_fi tsvector NOT NULL,
    document_sv tsvector NOT NULL,
    document_en tsvector NOT NULL,
    name_languages text[] NOT NULL,
    nationwide boolean NOT NULL,
    local_municipality_ids integer[] NOT NULL,
    municipality_ids integer[] NOT NULL,
    region_ids integer[] NOT NULL,
    centre_ids integer[] NOT NULL,
    target_group_ids integer[] NOT NULL,
    service_type_ids integer[] NOT NULL,
    national_goal_ids integer[] NOT NULL,
    languages text[] NOT NULL,
    channels text[] NOT NULL,
    free boolean NOT NULL,
    sort_name_fi text NOT NULL,
    sort_name_sv text NOT NULL,
    sort_name_en text NOT NULL
);
CREATE INDEX services_search_document_fi ON services_search_document USING gin (document_fi);
CREATE INDEX services_search_document_sv ON services_search_document USING gin (document_sv);
CREATE INDEX services_search_document_en ON services_search_document USING gin (document_en);
CREATE INDEX services_search_document_places ON services_search_document
    USING gin (municipality_ids, region_ids, centre_ids);
CREATE INDEX services_search_document_vocab ON services_search_document
    USING gin (target_group_ids, service_type_ids, national_goal_ids, languages, channels);
CREATE INDEX services_search_document_name_fi ON services_search_document (sort_name_fi, service_id) WHERE published;
CREATE INDEX services_search_document_name_sv ON services_search_document (sort_name_sv, service_id) WHERE published;
CREATE INDEX services_search_document_name_en ON services_search_document (sort_name_en, service_id) WHERE published;

-- Finnish base forms and compound parts of the known words in a text (space separated), for the Finnish document.
CREATE OR REPLACE FUNCTION liv_search_extra(t text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(string_agg(w.lexemes, ' '), '')
        FROM regexp_split_to_table(lower(coalesce(t, '')), '[^[:alnum:]-]+') AS s(word)
        JOIN services_search_word w ON w.word = s.word AND w.lexemes <> ''
    $$;

CREATE OR REPLACE FUNCTION liv_search_weighted(config regconfig, t text, weight "char", extra boolean)
    RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT setweight(
            to_tsvector(config, coalesce(t, '') || CASE WHEN extra THEN ' ' || liv_search_extra(t) ELSE '' END),
            weight
        )
    $$;

-- (Re)build the documents of the given services (all when ids IS NULL) in a few set-based statements.
CREATE OR REPLACE FUNCTION liv_search_refresh(ids integer[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM services_search_document d
    WHERE (ids IS NULL OR d.service_id = ANY (ids))
      AND NOT EXISTS (SELECT 1 FROM services_service s WHERE s.id = d.service_id);

    CREATE TEMP TABLE IF NOT EXISTS liv_search_src (
        service_id integer, published boolean, nationwide boolean, free boolean,
        languages text[], channels text[], name_languages text[],
        local_municipality_ids integer[], municipality_ids integer[], region_ids integer[], centre_ids integer[],
        target_group_ids integer[], service_type_ids integer[], national_goal_ids integer[],
        name_fi text, name_sv text, name_en text,
        summary_fi text, summary_sv text, summary_en text,
        description_fi text, description_sv text, description_en text,
        other_fi text, other_sv text, other_en text
    ) ON COMMIT DROP;
    TRUNCATE liv_search_src;

    INSERT INTO liv_search_src
    SELECT
        s.id,
        s.status = 'published',
        s.nationwide,
        s.cost = 'free',
        s.languages,
        array_remove(ARRAY[
            CASE WHEN EXISTS (SELECT 1 FROM services_servicelocation l WHERE l.service_id = s.id) THEN 'in_person' END,
            CASE WHEN EXISTS (SELECT 1 FROM services_phonechannel ph WHERE ph.service_id = s.id) THEN 'phone' END,
            CASE WHEN EXISTS (SELECT 1 FROM services_electronicchannel e WHERE e.service_id = s.id) THEN 'online' END
        ], NULL),
        array_remove(ARRAY[
            CASE WHEN coalesce(s.name_fi, '') <> '' THEN 'fi' END,
            CASE WHEN coalesce(s.name_sv, '') <> '' THEN 'sv' END,
            CASE WHEN coalesce(s.name_en, '') <> '' THEN 'en' END
        ], NULL),
        pl.local_ids,
        pl.municipality_ids,
        pl.region_ids,
        pl.centre_ids,
        coalesce((SELECT array_agg(x.targetgroup_id ORDER BY 1) FROM services_service_target_groups x
                  WHERE x.service_id = s.id), '{}'),
        coalesce((SELECT array_agg(x.servicetype_id ORDER BY 1) FROM services_service_service_types x
                  WHERE x.service_id = s.id), '{}'),
        coalesce((SELECT array_agg(x.nationalgoal_id ORDER BY 1) FROM services_service_national_goals x
                  WHERE x.service_id = s.id), '{}'),
        s.name_fi, s.name_sv, s.name_en,
        s.summary_fi, s.summary_sv, s.summary_en,
        s.description_fi, s.description_sv, s.description_en,
        concat_ws(' ', p.name_fi, pn.fi, vn.fi),
        concat_ws(' ', coalesce(nullif(p.name_sv, ''), p.name_fi), pn.sv, vn.sv),
        concat_ws(' ', coalesce(nullif(p.name_en, ''), p.name_fi), pn.en, vn.en)
    FROM services_service s
    JOIN services_provider p ON p.id = s.provider_id
    CROSS JOIN LATERAL (
        -- Places: where the service is met (locations, listed municipalities and employment areas; the
        -- provider's home when nothing else is given), then upwards to regions and vitality centres, and the
        -- municipalities of listed regions and centres downwards.
        WITH listed AS (
            SELECT x.municipality_id AS id FROM services_service_municipalities x WHERE x.service_id = s.id
            UNION SELECT l.municipality_id FROM services_servicelocation l WHERE l.service_id = s.id
            UNION SELECT m.id FROM services_service_employment_areas x
                  JOIN regions_municipality m ON m.employment_area_id = x.employmentarea_id
                  WHERE x.service_id = s.id
        ),
        local AS (
            SELECT id FROM listed
            UNION SELECT p.municipality_id WHERE p.municipality_id IS NOT NULL AND NOT s.nationwide
                AND NOT EXISTS (SELECT 1 FROM listed)
                AND NOT EXISTS (SELECT 1 FROM services_service_regions x WHERE x.service_id = s.id)
                AND NOT EXISTS (SELECT 1 FROM services_service_vitality_centres x WHERE x.service_id = s.id)
        ),
        listed_regions AS (
            SELECT x.region_id AS id FROM services_service_regions x WHERE x.service_id = s.id
            UNION SELECT r.id FROM services_service_vitality_centres x
                  JOIN regions_region r ON r.vitality_centre_id = x.vitalitycentre_id WHERE x.service_id = s.id
        ),
        munis AS (
            SELECT id FROM local
            UNION SELECT m.id FROM regions_municipality m WHERE m.region_id IN (SELECT id FROM listed_regions)
        ),
        regs AS (
            SELECT m.region_id AS id FROM regions_municipality m WHERE m.id IN (SELECT id FROM munis)
            UNION SELECT id FROM listed_regions
        )
        SELECT
            coalesce((SELECT array_agg(id ORDER BY id) FROM local), '{}') AS local_ids,
            coalesce((SELECT array_agg(id ORDER BY id) FROM munis), '{}') AS municipality_ids,
            coalesce((SELECT array_agg(id ORDER BY id) FROM regs), '{}') AS region_ids,
            coalesce((SELECT array_agg(DISTINCT r.vitality_centre_id ORDER BY r.vitality_centre_id)
                      FROM regions_region r WHERE r.id IN (SELECT id FROM regs)), '{}') AS centre_ids
    ) pl
    CROSS JOIN LATERAL (
        -- Place names as text: the municipalities where it is met, its regions, vitality centres and the ELY
        -- areas of its regions until 2025 (so "Etelä-Savon ELY" still finds the services of the area).
        SELECT
            concat_ws(' ',
                (SELECT string_agg(m.name_fi, ' ') FROM regions_municipality m WHERE m.id = ANY (pl.local_ids)),
                (SELECT string_agg(r.name_fi, ' ') FROM regions_region r WHERE r.id = ANY (pl.region_ids)),
                (SELECT string_agg(c.name_fi || ' ' || c.abbreviation, ' ') FROM regions_vitalitycentre c
                 WHERE c.id = ANY (pl.centre_ids)),
                (SELECT string_agg(e.name_fi || ' ' || coalesce(e.name_full_fi, '') || ' ' || e.abbreviation, ' ')
                 FROM regions_elycentre e
                 WHERE e.id IN (SELECT r.ely_centre_id FROM regions_region r WHERE r.id = ANY (pl.region_ids)))
            ) AS fi,
            concat_ws(' ',
                (SELECT string_agg(coalesce(nullif(m.name_sv, ''), m.name_fi), ' ') FROM regions_municipality m
                 WHERE m.id = ANY (pl.local_ids)),
                (SELECT string_agg(coalesce(nullif(r.name_sv, ''), r.name_fi), ' ') FROM regions_region r
                 WHERE r.id = ANY (pl.region_ids)),
                (SELECT string_agg(coalesce(nullif(c.name_sv, ''), c.name_fi), ' ') FROM regions_vitalitycentre c
                 WHERE c.id = ANY (pl.centre_ids)),
                (SELECT string_agg(coalesce(nullif(e.name_sv, ''), e.name_fi), ' ')
                 FROM regions_elycentre e
                 WHERE e.id IN (SELECT r.ely_centre_id FROM regions_region r WHERE r.id = ANY (pl.region_ids)))
            ) AS sv,
            concat_ws(' ',
                (SELECT string_agg(coalesce(nullif(m.name_en, ''), m.name_fi), ' ') FROM regions_municipality m
                 WHERE m.id = ANY (pl.local_ids)),
                (SELECT string_agg(coalesce(nullif(r.name_en, ''), r.name_fi), ' ') FROM regions_region r
                 WHERE r.id = ANY (pl.region_ids)),
                (SELECT string_agg(coalesce(nullif(c.name_en, ''), c.name_fi), ' ') FROM regions_vitalitycentre c
                 WHERE c.id = ANY (pl.centre_ids)),
                (SELECT string_agg(coalesce(nullif(e.name_en, ''), e.name_fi), ' ')
                 FROM regions_elycentre e
                 WHERE e.id IN (SELECT r.ely_centre_id FROM regions_region r WHERE r.id = ANY (pl.region_ids)))
            ) AS en
    ) pn
    CROSS JOIN LATERAL (
        -- Target-group and service-type names.
        SELECT
            string_agg(v.name_fi, ' ') AS fi,
            string_agg(coalesce(nullif(v.name_sv, ''), v.name_fi), ' ') AS sv,
            string_agg(coalesce(nullif(v.name_en, ''), v.name_fi), ' ') AS en
        FROM (
            SELECT t.name_fi, t.name_sv, t.name_en FROM services_targetgroup t
            JOIN services_service_target_groups x ON x.targetgroup_id = t.id WHERE x.service_id = s.id
            UNION ALL
            SELECT t.name_fi, t.name_sv, t.name_en FROM services_servicetype t
            JOIN services_service_service_types x ON x.servicetype_id = t.id WHERE x.service_id = s.id
        ) v
    ) vn
    WHERE ids IS NULL OR s.id = ANY (ids);

    -- Words not seen before: known at once (typos, compound parts in longer words); Voikko analyses them later.
    INSERT INTO services_search_word (word)
    SELECT DISTINCT w
    FROM liv_search_src src,
         regexp_split_to_table(lower(concat_ws(' ',
             src.name_fi, src.name_sv, src.name_en, src.summary_fi, src.summary_sv, src.summary_en,
             src.description_fi, src.description_sv, src.description_en, src.other_fi, src.other_sv, src.other_en
         )), '[^[:alnum:]-]+') AS w
    WHERE length(w) BETWEEN 2 AND 60
    ON CONFLICT (word) DO NOTHING;

    INSERT INTO services_search_document AS d (
        service_id, published, document_fi, document_sv, document_en, name_languages, nationwide,
        local_municipality_ids, municipality_ids, region_ids, centre_ids,
        target_group_ids, service_type_ids, national_goal_ids, languages, channels, free,
        sort_name_fi, sort_name_sv, sort_name_en
    )
    SELECT
        src.service_id,
        src.published,
        liv_search_weighted('finnish', src.name_fi, 'A', true)
            || liv_search_weighted('finnish', src.summary_fi, 'B', true)
            || liv_search_weighted('finnish', src.description_fi, 'C', true)
            || liv_search_weighted('finnish', src.other_fi, 'D', true),
        liv_search_weighted('swedish', src.name_sv, 'A', false)
            || liv_search_weighted('swedish', src.summary_sv, 'B', false)
            || liv_search_weighted('swedish', src.description_sv, 'C', false)
            || liv_search_weighted('swedish', src.other_sv, 'D', false),
        liv_search_weighted('english', src.name_en, 'A', false)
            || liv_search_weighted('english', src.summary_en, 'B', false)
            || liv_search_weighted('english', src.description_en, 'C', false)
            || liv_search_weighted('english', src.other_en, 'D', false),
        src.name_languages,
        src.nationwide,
        src.local_municipality_ids,
        src.municipality_ids,
        src.region_ids,
        src.centre_ids,
        src.target_group_ids,
        src.service_type_ids,
        src.national_goal_ids,
        src.languages,
        src.channels,
        src.free,
        lower(coalesce(src.name_fi, '')),
        lower(coalesce(nullif(src.name_sv, ''), src.name_fi, '')),
        lower(coalesce(nullif(src.name_en, ''), src.name_fi, ''))
    FROM liv_search_src src
    ON CONFLICT (service_id) DO UPDATE SET
        published = EXCLUDED.published,
        document_fi = EXCLUDED.document_fi,
        document_sv = EXCLUDED.document_sv,
        document_en = EXCLUDED.document_en,
        name_languages = EXCLUDED.name_languages,
        nationwide = EXCLUDED.nationwide,
        local_municipality_ids = EXCLUDED.local_municipality_ids,
        municipality_ids = EXCLUDED.municipality_ids,
        region_ids = EXCLUDED.region_ids,
        centre_ids = EXCLUDED.centre_ids,
        target_group_ids = EXCLUDED.target_group_ids,
        service_type_ids = EXCLUDED.service_type_ids,
        national_goal_ids = EXCLUDED.national_goal_ids,
        languages = EXCLUDED.languages,
        channels = EXCLUDED.channels,
        free = EXCLUDED.free,
        sort_name_fi = EXCLUDED.sort_name_fi,
        sort_name_sv = EXCLUDED.sort_name_sv,
        sort_name_en = EXCLUDED.sort_name_en;
    GET DIAGNOSTICS n = ROW_COUNT;
    TRUNCATE liv_search_src;
    RETURN n;
END
$$;

-- Triggers: any change to a service, its provider, places, channels or vocabulary names refreshes the affected
-- documents in the same transaction, whatever made the change (admin, import, shell, loaddata). They are
-- statement-level with transition tables, so a bulk insert of 10 000 rows refreshes once, not 10 000 times.
-- `SET LOCAL liv.search_deferred = 'on'` (services.search_index.deferred()) skips them inside a bulk job,
-- which then calls refresh() once at its end.
CREATE OR REPLACE FUNCTION liv_search_deferred() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('liv.search_deferred', true), '') = 'on' $$;

CREATE OR REPLACE FUNCTION liv_search_trigger_service_id() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    col text := TG_ARGV[0];
    ids integer[];
BEGIN
    IF liv_search_deferred() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', col) INTO ids;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', col) INTO ids;
    ELSE
        EXECUTE format(
            'SELECT array_agg(DISTINCT x) FROM (SELECT %1$I AS x FROM new_rows UNION SELECT %1$I FROM old_rows) u',
            col
        ) INTO ids;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM liv_search_refresh(ids);
    END IF;
    RETURN NULL;
END
$$;

-- For tables whose rows are referenced by services through a column or a link table: TG_ARGV[0] is a query
-- that maps the changed ids (in $1) to service ids.
CREATE OR REPLACE FUNCTION liv_search_trigger_related() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    changed integer[];
    ids integer[];
BEGIN
    IF liv_search_deferred() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(n.id) INTO changed FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o);
    ELSE
        SELECT array_agg(id) INTO changed FROM old_rows;
    END IF;
    IF changed IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE TG_ARGV[0] INTO ids USING changed;
    IF ids IS NOT NULL THEN
        PERFORM liv_search_refresh(ids);
    END IF;
    RETURN NULL;
END
$$;
"""

# (table, service id column) for rows that belong to one service.
SERVICE_ROW_TABLES = [
    ("services_service", "id"),
    ("services_servicelocation", "service_id"),
    ("services_phonechannel", "service_id"),
    ("services_electronicchannel", "service_id"),
    ("services_service_target_groups", "service_id"),
    ("services_service_service_types", "service_id"),
    ("services_service_national_goals", "service_id"),
    ("services_service_municipalities", "service_id"),
    ("services_service_regions", "service_id"),
    ("services_service_vitality_centres", "service_id"),
    ("services_service_employment_areas", "service_id"),
]

# (table, query from changed ids $1 to the service ids whose documents use that row's names).
RELATED_TABLES = [
    ("services_provider", "SELECT array_agg(id) FROM services_service WHERE provider_id = ANY ($1)"),
    (
        "services_targetgroup",
        "SELECT array_agg(DISTINCT service_id) FROM services_service_target_groups WHERE targetgroup_id = ANY ($1)",
    ),
    (
        "services_servicetype",
        "SELECT array_agg(DISTINCT service_id) FROM services_service_service_types WHERE servicetype_id = ANY ($1)",
    ),
    # Area names and structure change rarely (reference data); every document is rebuilt then.
    ("regions_municipality", "SELECT array_agg(id) FROM services_service"),
    ("regions_region", "SELECT array_agg(id) FROM services_service"),
    ("regions_vitalitycentre", "SELECT array_agg(id) FROM services_service"),
    ("regions_elycentre", "SELECT array_agg(id) FROM services_service"),
]


def _service_row_triggers() -> str:
    statements = []
    for table, column in SERVICE_ROW_TABLES:
        for event, referencing in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            if table == "services_service" and event == "DELETE":
                continue  # the document goes with the service (ON DELETE CASCADE)
            statements.append(
                f"CREATE TRIGGER liv_search_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION liv_search_trigger_service_id('{column}');"
            )
    return "\n".join(statements)


def _related_triggers() -> str:
    statements = []
    for table, query in RELATED_TABLES:
        quoted = query.replace("'", "''")
        for event, referencing in (
            ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            statements.append(
                f"CREATE TRIGGER liv_search_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION liv_search_trigger_related('{quoted}');"
            )
    return "\n".join(statements)


def _drop_triggers() -> str:
    statements = []
    for table, _column in SERVICE_ROW_TABLES:
        for event in ("insert", "update", "delete"):
            statements.append(f"DROP TRIGGER IF EXISTS liv_search_{event} ON {table};")
    for table, _query in RELATED_TABLES:
        for event in ("update", "delete"):
            statements.append(f"DROP TRIGGER IF EXISTS liv_search_{event} ON {table};")
    return "\n".join(statements)


REVERSE_SQL = (
    _drop_triggers()
    + """
DROP FUNCTION IF EXISTS liv_search_trigger_related();
DROP FUNCTION IF EXISTS liv_search_trigger_service_id();
DROP FUNCTION IF EXISTS liv_search_deferred();
DROP FUNCTION IF EXISTS liv_search_refresh(integer[]);
DROP FUNCTION IF EXISTS liv_search_weighted(regconfig, text, "char", boolean);
DROP FUNCTION IF EXISTS liv_search_extra(text);
DROP TABLE IF EXISTS services_search_document;
DROP TABLE IF EXISTS services_search_word;
DROP FUNCTION IF EXISTS liv_unaccent(text);
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("regions", "0002_coordinator_assignment"),
        ("liv", "0001_postgres_extensions"),
    ]

    operations = [
        migrations.RunSQL(SQL + _service_row_triggers() + "\n" + _related_triggers(), REVERSE_SQL),
        migrations.RunSQL("SELECT liv_search_refresh(NULL);", migrations.RunSQL.noop),
    ]
