"""The default guidance criteria (docs/data-format.md#ptv) and the national administrators' permissions on
this app's models (liv/roles.py).

Service classes and target groups: PTV's own classification files, vrk-kpa/ptv-releases (ptv-release-3_4,
27723498de3f920d53276d63963f1e71b43777c3) src/PTV.ExternalSources/Resources/Finto/ServiceClasses.json and
TargetGroups.json; ontology terms (JUPO/KOKO concepts): src/PTV.DataImport.Console/Finto/Temp/jupo.json there.
"""

from django.db import migrations

SERVICE_CLASS = "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/"
TARGET_GROUP = "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/"
KOKO = "http://www.yso.fi/onto/koko/"

DEFAULTS = [
    ("service_class", SERVICE_CLASS + "P10.2", "Ammatinvalinta ja urasuunnittelu / Career guidance and career planning"),
    ("service_class", SERVICE_CLASS + "P6.4", "Ammatinvalinta ja opintojen ohjaus / Career guidance and guidance counselling"),
    ("service_class", SERVICE_CLASS + "P28.5", "Ohjaamot sekä muut nuorten tieto-, neuvonta- ja ohjauspalvelut / One-Stop Guidance Centers"),
    ("service_class", SERVICE_CLASS + "P28.4", "Etsivä nuorisotyö / Outreach youth work"),
    ("service_class", SERVICE_CLASS + "P22.2", "Maahanmuuttajan työskentely ja opiskelu / Immigrants' employment and studies"),
    ("service_class", SERVICE_CLASS + "P10.1", "Työnhaku ja työpaikat / Jobseeking and jobs"),
    ("ontology_term", KOKO + "p5541", "opinto-ohjaus / educational counselling"),
    ("ontology_term", KOKO + "p75745", "koulutusneuvonta"),
    ("ontology_term", KOKO + "p69024", "nuorten tieto- ja neuvontapisteet"),
    ("ontology_term", KOKO + "p69166", "työnhakuvalmennus"),
    ("target_group", TARGET_GROUP + "KR1", "Kansalaiset / Citizens"),
    ("target_group", TARGET_GROUP + "KR1.3", "Nuoret / Young people"),
    ("target_group", TARGET_GROUP + "KR1.5", "Ulkosuomalaiset / Expatriate Finns"),
    ("target_group", TARGET_GROUP + "KR1.6", "Vammaiset / Disabled people"),
]


def load_defaults(apps, schema_editor):
    from liv import roles

    criterion = apps.get_model("ptv", "GuidanceCriterion")
    for kind, uri, label in DEFAULTS:
        criterion.objects.get_or_create(kind=kind, uri=uri, defaults={"label": label})
    roles.ensure_permissions(apps)
    roles.grant_national(apps)


class Migration(migrations.Migration):
    dependencies = [("ptv", "0001_initial"), ("liv", "0002_roles")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
