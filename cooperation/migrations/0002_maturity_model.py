"""Load the maturity model: it is part of the product (the self-assessment form needs it), not demo content."""

from django.db import migrations


def load(apps, schema_editor):
    from cooperation.maturity_model import load_maturity_model

    class Models:
        MaturityDimension = apps.get_model("cooperation", "MaturityDimension")
        MaturityStage = apps.get_model("cooperation", "MaturityStage")
        StageDescription = apps.get_model("cooperation", "StageDescription")

    load_maturity_model(models=Models)


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
