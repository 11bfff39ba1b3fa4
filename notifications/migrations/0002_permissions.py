"""The national administrators may read the notification log (liv/roles.py: every permission of every app)."""

from django.db import migrations

from liv import roles


def grant(apps, schema_editor):
    roles.ensure_permissions(apps)
    roles.grant_national(apps)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial"), ("liv", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
