"""What every search reads first, made cheap (services.search.vocabularies):

1. The stems of a synonym's term, kept in the row by a trigger instead of computed by every search's vocabulary
   statement, where they cost most of its time.
2. A vocabulary version: every change to the tables the vocabulary is read from (areas, municipalities, target
   groups, service types, goals, synonyms) sets ``services_search_state.vocabulary_version`` to a new number from
   the directory version's sequence, in the same transaction, so a process can keep the vocabulary it read and
   read it again only when the number moves. A sequence never hands out a number twice, so a rolled-back change
   cannot leave a copy that a later, different change would reuse.
"""

from django.db import migrations, models

# The tables services.search.vocabularies reads.
VOCABULARY_TABLES = (
    "regions_vitalitycentre",
    "regions_elycentre",
    "regions_region",
    "regions_municipality",
    "services_targetgroup",
    "services_servicetype",
    "services_nationalgoal",
    "services_searchsynonym",
)

STEMS = r"""
CREATE FUNCTION liv_synonym_stems() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.stems := coalesce((
        SELECT string_agg(DISTINCT NEW.language || ':' || one.stem, ' ')
        FROM unnest(CASE WHEN NEW.language = 'fi' THEN ARRAY[
                 NEW.term, NEW.term || 'a', NEW.term || 'ä', NEW.term || 'n', NEW.term || 'lle', NEW.term || 'ssa',
                 NEW.term || 'ssä', regexp_replace(NEW.term, '([aeiouyäö])s$', '\1ksen')]
             ELSE ARRAY[NEW.term] END) AS f(form),
             LATERAL (SELECT min(lexeme) AS stem
                      FROM unnest(to_tsvector(CASE NEW.language WHEN 'fi' THEN 'finnish' WHEN 'sv' THEN 'swedish'
                                              ELSE 'english' END::regconfig, f.form))
                      HAVING count(*) = 1) AS one  -- one word (not "opinto-ohjaus": also "ohjaus")
        WHERE length(one.stem) >= 3), '');
    RETURN NEW;
END $$;
CREATE TRIGGER liv_synonym_stems BEFORE INSERT OR UPDATE OF term, language, stems ON services_searchsynonym
    FOR EACH ROW EXECUTE FUNCTION liv_synonym_stems();
UPDATE services_searchsynonym SET term = term;

ALTER TABLE services_search_state ADD COLUMN vocabulary_version bigint NOT NULL DEFAULT 0;
UPDATE services_search_state SET vocabulary_version = nextval('services_search_version');
CREATE FUNCTION liv_search_bump_vocabulary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE services_search_state SET vocabulary_version = nextval('services_search_version') WHERE id = 1;
    RETURN NULL;
END $$;
""" + "".join(
    f"""CREATE TRIGGER liv_search_vocabulary AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION liv_search_bump_vocabulary();
"""
    for table in VOCABULARY_TABLES
)

UNDO = (
    "".join(f"DROP TRIGGER IF EXISTS liv_search_vocabulary ON {table};\n" for table in VOCABULARY_TABLES)
    + """
DROP FUNCTION IF EXISTS liv_search_bump_vocabulary();
ALTER TABLE services_search_state DROP COLUMN IF EXISTS vocabulary_version;
DROP TRIGGER IF EXISTS liv_synonym_stems ON services_searchsynonym;
DROP FUNCTION IF EXISTS liv_synonym_stems();
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0017_synonym_of_several_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchsynonym",
            name="stems",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunSQL(STEMS, UNDO),
    ]
