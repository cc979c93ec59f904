"""The standard document types of the planning and budget process (DOMAIN.md, Documents)."""

from django.db import migrations

TYPES = [
    ("planeringsforutsattningar", "Planeringsförutsättningar"),
    ("regionplan", "Regionplan"),
    ("namndsplan", "Nämndsplan"),
    ("verksamhetsplan", "Verksamhetsplan"),
    ("aterkopplingsrapport", "Återkopplingsrapport"),
    ("investeringsplan", "Investeringsplan"),
    ("tjansteskrivelse", "Tjänsteskrivelse"),
    ("protokoll", "Protokoll"),
    ("minnesanteckningar", "Minnesanteckningar"),
    ("presentation", "Presentation"),
    ("other", "Övrigt"),
]


def add_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (code, name) in enumerate(TYPES):
        DocumentType.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
