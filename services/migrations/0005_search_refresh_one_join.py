"""Build the Finnish documents' Voikko lexemes in one join over all rows instead of one function call per field
and row: at 100 000 services the per-call cost (re-planning the helper for every call) dominated the rebuild."""

from django.db import migrations

SQL = r"""
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
    WITH extra AS (
        -- Voikko lexemes of every word of the Finnish texts, in one join over all rows (not a function call per
        -- field and row), kept apart by the weight of the field they come from.
        SELECT x.service_id,
               string_agg(w.lexemes, ' ') FILTER (WHERE x.weight = 'A') AS a,
               string_agg(w.lexemes, ' ') FILTER (WHERE x.weight = 'B') AS b,
               string_agg(w.lexemes, ' ') FILTER (WHERE x.weight = 'C') AS c,
               string_agg(w.lexemes, ' ') FILTER (WHERE x.weight = 'D') AS d
        FROM (
            SELECT src.service_id, f.weight, s.word
            FROM liv_search_src src
            CROSS JOIN LATERAL (VALUES ('A', src.name_fi), ('B', src.summary_fi), ('C', src.description_fi),
                                       ('D', src.other_fi)) AS f(weight, t)
            CROSS JOIN LATERAL regexp_split_to_table(lower(coalesce(f.t, '')), '[^[:alnum:]-]+') AS s(word)
        ) x
        JOIN services_search_word w ON w.word = x.word AND w.lexemes <> ''
        GROUP BY x.service_id
    )
    SELECT
        src.service_id,
        src.published,
        setweight(to_tsvector('finnish', concat_ws(' ', src.name_fi, e.a)), 'A')
            || setweight(to_tsvector('finnish', concat_ws(' ', src.summary_fi, e.b)), 'B')
            || setweight(to_tsvector('finnish', concat_ws(' ', src.description_fi, e.c)), 'C')
            || setweight(to_tsvector('finnish', concat_ws(' ', src.other_fi, e.d)), 'D'),
        setweight(to_tsvector('swedish', coalesce(src.name_sv, '')), 'A')
            || setweight(to_tsvector('swedish', coalesce(src.summary_sv, '')), 'B')
            || setweight(to_tsvector('swedish', coalesce(src.description_sv, '')), 'C')
            || setweight(to_tsvector('swedish', coalesce(src.other_sv, '')), 'D'),
        setweight(to_tsvector('english', coalesce(src.name_en, '')), 'A')
            || setweight(to_tsvector('english', coalesce(src.summary_en, '')), 'B')
            || setweight(to_tsvector('english', coalesce(src.description_en, '')), 'C')
            || setweight(to_tsvector('english', coalesce(src.other_en, '')), 'D'),
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
    LEFT JOIN extra e ON e.service_id = src.service_id
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

"""


class Migration(migrations.Migration):
    dependencies = [("services", "0004_search_collect_words")]

    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
