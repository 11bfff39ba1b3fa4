"""A synonym's term of two letters is registered under its own stem too ("fi:s2", "fi:yo").

The stems (migration 0018) are how a query word reaches a synonym through another form of it, and how a
hyphenated word reaches its parts' synonyms: "TET-harjoittelu" has the stem "fi:tet". Stems of fewer than three
letters were left out, as a short cut of a longer word says little, so "S2-kurssi" did not reach *s2* (Finnish as
a second language) nor "yo-kokeet" *yo* (the matriculation examination). A stem that is the whole term is no cut.
"""

import importlib

from django.db import migrations

# Migration 0018's function, replaced: only the condition on a stem's length changes.
PREVIOUS = importlib.import_module("services.migrations.0018_search_vocabulary_version").STEMS
PREVIOUS = PREVIOUS[: PREVIOUS.index("END $$;") + len("END $$;")].replace(
    "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"
)
LENGTH = "WHERE length(one.stem) >= 3)"
assert PREVIOUS.count(LENGTH) == 1
FUNCTION = PREVIOUS.replace(LENGTH, "WHERE length(one.stem) >= 3 OR one.stem = NEW.term)")
RECOMPUTE = "\nUPDATE services_searchsynonym SET term = term WHERE length(term) < 3;"


class Migration(migrations.Migration):
    dependencies = [("services", "0024_search_vocabulary_employment_areas")]

    operations = [migrations.RunSQL(FUNCTION + RECOMPUTE, PREVIOUS + RECOMPUTE)]
