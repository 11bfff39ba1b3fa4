"""Regional coordinators and national administrators read the unanswered searches, the words the synonyms lack
(see liv/roles.py), and may delete a row whose text names a person."""

from django.db import migrations

COORDINATOR_PERMISSIONS = {"services": ["view_unansweredsearch", "delete_unansweredsearch"]}


def grant(apps, schema_editor):
    from liv import roles

    roles.ensure_permissions(apps)
    roles.grant(apps, roles.REGIONAL_COORDINATORS, COORDINATOR_PERMISSIONS)
    roles.grant_national(apps)


class Migration(migrations.Migration):
    dependencies = [("services", "0022_unanswered_search"), ("liv", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
