from django.db import migrations


def load_official(apps, schema_editor):
    from workdays.models import expand
    from workdays.official import HOLIDAYS, WORKDAYS

    SpecialDay = apps.get_model("workdays", "SpecialDay")
    rows = [SpecialDay(date=d, kind="holiday", name=name)
            for first, last, name in HOLIDAYS for d in expand(first, last)]
    rows += [SpecialDay(date=d, kind="workday", name=name) for d, name in WORKDAYS]
    SpecialDay.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(load_official, migrations.RunPython.noop)]
