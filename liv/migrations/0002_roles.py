"""The groups "National administrator" and "Regional coordinator" with their permissions (see liv/roles.py)."""

from django.db import migrations

from liv import roles


def create_roles(apps, schema_editor):
    roles.ensure_permissions(apps)
    roles.grant_national(apps)
    roles.grant(apps, roles.REGIONAL_COORDINATORS, roles.COORDINATOR_PERMISSIONS)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[roles.NATIONAL_ADMINISTRATORS, roles.REGIONAL_COORDINATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("liv", "0001_postgres_extensions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("axes", "0010_accessattemptexpiration"),
        ("regions", "0002_coordinator_assignment"),
        ("services", "0002_search_index"),
        ("feedback", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
