"""Who can use a service and how to apply go into its search documents with the description (weight C): a person
searches "ilman ajanvarausta", "alle 30-vuotiaille" or "registered jobseeker" as often as the service's topic.

The function is migration 0005's with only the three description columns changed; the documents are rebuilt.
"""

import importlib

from django.db import migrations

PREVIOUS = importlib.import_module("services.migrations.0005_search_refresh_one_join").SQL
DESCRIPTIONS = "s.description_fi, s.description_sv, s.description_en,"
WITH_ELIGIBILITY = (
    "concat_ws(' ', s.description_fi, s.eligibility_fi, s.how_to_apply_fi),"
    " concat_ws(' ', s.description_sv, s.eligibility_sv, s.how_to_apply_sv),"
    " concat_ws(' ', s.description_en, s.eligibility_en, s.how_to_apply_en),"
)
assert PREVIOUS.count(DESCRIPTIONS) == 1
SQL = PREVIOUS.replace(DESCRIPTIONS, WITH_ELIGIBILITY) + "\nSELECT liv_search_refresh(NULL);\n"


class Migration(migrations.Migration):
    dependencies = [("services", "0018_search_vocabulary_version")]

    operations = [migrations.RunSQL(SQL, PREVIOUS + "\nSELECT liv_search_refresh(NULL);\n")]
