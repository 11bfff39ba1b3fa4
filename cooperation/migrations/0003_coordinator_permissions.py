"""Regional coordinators keep their own areas' cooperation entries; national administrators get every new
permission (see liv/roles.py). Which rows a coordinator reaches is decided by their areas, not by these."""

from django.db import migrations

_CRUD = ("add", "change", "delete", "view")
COORDINATOR_PERMISSIONS = {
    "cooperation": [
        f"{action}_{model}"
        for model in (
            "regionalgroup",
            "grouptask",
            "groupmember",
            "regionalstrategy",
            "strategicgoal",
            "maturityassessment",
            "dimensionrating",
            "practice",
            "practicelink",
            "measure",
            "followup",
        )
        for action in _CRUD
    ]
    + ["view_maturitydimension", "view_maturitystage", "view_stagedescription"],
}


def grant(apps, schema_editor):
    from liv import roles

    roles.ensure_permissions(apps)
    roles.grant(apps, roles.REGIONAL_COORDINATORS, COORDINATOR_PERMISSIONS)
    roles.grant_national(apps)


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0002_maturity_model"), ("liv", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
