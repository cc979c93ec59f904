"""The content revision's single row."""

from django.db import migrations


def add_row(apps, schema_editor):
    apps.get_model("core", "ContentRevision").objects.get_or_create(pk=1, defaults={"value": 0})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_content_revision")]
    operations = [migrations.RunPython(add_row, migrations.RunPython.noop)]
