"""Regional coordinators and national administrators keep the search synonyms (see liv/roles.py): the words people
use are the same in every area, and coordinators hear them first."""

from django.db import migrations

COORDINATOR_PERMISSIONS = {"services": [f"{action}_searchsynonym" for action in ("add", "change", "delete", "view")]}


def grant(apps, schema_editor):
    from liv import roles

    roles.ensure_permissions(apps)
    roles.grant(apps, roles.REGIONAL_COORDINATORS, COORDINATOR_PERMISSIONS)
    roles.grant_national(apps)


class Migration(migrations.Migration):
    dependencies = [("services", "0013_search_synonyms_and_embeddings"), ("liv", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
