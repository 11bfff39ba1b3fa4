"""A synonym's term of two letters is registered under its own stem too ("fi:s2", "fi:yo").

The stems (migration 0018) are how a query word reaches a synonym through another form of it, and how a
hyphenated word reaches its parts' synonyms: "TET-harjoittelu" has the stem "fi:tet". Stems of fewer than three
letters were left out, as a short cut of a longer word says little, so "S2-kurssi" did not reach *s2* (Finnish as
a second language) nor "yo-kokeet" *yo* (the matriculation examination). A stem that is the whole term is no cut.
"""

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION liv_synonym_stems() RETURNS trigger LANGUAGE plpgsql AS $$
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
        WHERE length(one.stem) >= 3 OR one.stem = NEW.term), '');
    RETURN NEW;
END $$;
UPDATE services_searchsynonym SET term = term WHERE length(term) < 3;
"""


class Migration(migrations.Migration):
    dependencies = [("services", "0024_search_vocabulary_employment_areas")]

    operations = [
        migrations.RunSQL(FUNCTION, FUNCTION.replace(" OR one.stem = NEW.term", ""))
    ]
