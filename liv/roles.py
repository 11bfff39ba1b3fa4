"""The two roles of the admin as groups with permissions, created by data migrations.

*National administrator*: every permission of the project's and the admin's apps — entries, vocabularies, areas,
users, groups, failed-login records. *Regional coordinator*: providers and services with their channels and
locations (add, change, delete, view), feedback on them (view, change status), and view-only access to the
vocabularies and areas (their autocomplete widgets need it); nothing on users, groups or permissions. Which rows a
coordinator reaches is decided by their areas (:mod:`services.permissions`), not by these permissions.

The functions take the migration's ``apps`` so that they run against the historical models. An app added later
calls :func:`grant` from its own data migration for the rows it adds to a role, and :func:`grant_national` to
give the national administrators its new permissions.
"""

from __future__ import annotations

from django.contrib.auth.management import create_permissions

NATIONAL_ADMINISTRATORS = "National administrator"
REGIONAL_COORDINATORS = "Regional coordinator"

_CRUD = ("add", "change", "delete", "view")
# Apps whose permissions mean nothing to a person (sessions, content types) are left out.
NOT_FOR_PEOPLE = {"contenttypes", "sessions"}

COORDINATOR_PERMISSIONS: dict[str, list[str]] = {
    "services": [
        f"{action}_{model}"
        for model in ("provider", "service", "servicelocation", "openinghours", "phonechannel", "electronicchannel")
        for action in _CRUD
    ]
    + ["view_targetgroup", "view_servicetype", "view_nationalgoal"],
    "regions": ["view_vitalitycentre", "view_elycentre", "view_region", "view_employmentarea", "view_municipality"],
    "feedback": ["view_feedback", "change_feedback"],
}


def ensure_permissions(apps) -> None:
    """Django creates permissions after all migrations have run; a data migration needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name: str, permissions: dict[str, list[str]]) -> None:
    """Add the named permissions (by app label and codename) to the group, creating it if needed."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for app_label, codenames in permissions.items():
        found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(found.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Permissions not found in {app_label}: {', '.join(sorted(missing))}")
        group.permissions.add(*found)


def grant_national(apps) -> None:
    """Every permission there is (outside NOT_FOR_PEOPLE) to the national administrators."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=NATIONAL_ADMINISTRATORS)
    group.permissions.add(*Permission.objects.exclude(content_type__app_label__in=NOT_FOR_PEOPLE))
