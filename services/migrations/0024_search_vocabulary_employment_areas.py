"""The search's vocabulary reads the employment areas too (services.search.places recognises their names:
"Keski-Uusimaa", "Rovaseutu"), so a change to them moves the vocabulary version, as a change to the other place
tables does (migration 0018); and the version moves now, so that a running process reads the areas."""

from django.db import migrations

SQL = """
CREATE TRIGGER liv_search_vocabulary AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions_employmentarea
    FOR EACH STATEMENT EXECUTE FUNCTION liv_search_bump_vocabulary();
UPDATE services_search_state SET vocabulary_version = nextval('services_search_version') WHERE id = 1;
"""
UNDO = "DROP TRIGGER IF EXISTS liv_search_vocabulary ON regions_employmentarea;"


class Migration(migrations.Migration):
    dependencies = [("services", "0023_unanswered_search_permissions"), ("regions", "0002_coordinator_assignment")]

    operations = [migrations.RunSQL(SQL, UNDO)]
