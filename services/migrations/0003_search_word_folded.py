"""Known words by their form without diacritics, so that "sami" finds "sámi" and "tyonhaku" finds "työnhaku"
even when the typed word is itself a word (an equality lookup, cheaper than the trigram one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("services", "0002_search_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX services_search_word_folded ON services_search_word (liv_unaccent(word));",
            "DROP INDEX IF EXISTS services_search_word_folded;",
        )
    ]
