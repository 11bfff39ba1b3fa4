"""The guidance score of every stored embedding computed again: services.search.semantic's anchor texts now name
the advice a municipality gives besides guidance (debt, housing and consumer advice, legal aid, social services)
and more kinds of guidance, which separates the two better (docs/search.md, "A place alone"). Only the scores
change, from the stored vectors; no text is embedded again, and a new database has nothing to score.
"""

from django.db import migrations


def rescore(apps, schema_editor):
    from services.search import semantic

    with schema_editor.connection.cursor() as cursor:
        semantic.rescore_guidance(cursor)


class Migration(migrations.Migration):
    dependencies = [("services", "0019_search_eligibility_and_how_to_apply")]

    operations = [migrations.RunPython(rescore, migrations.RunPython.noop)]
