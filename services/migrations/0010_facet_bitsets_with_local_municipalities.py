"""The stored facet bitsets now include each municipality's locally served services ("local", the place bonus of
the search's pre-ranking, services.text_index). Bitsets stored before lack them: drop them, and the first search
builds and stores the current version's again."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("services", "0009_search_documents_in_text_order")]

    operations = [migrations.RunSQL("DELETE FROM services_facet_bitset", reverse_sql=migrations.RunSQL.noop)]
