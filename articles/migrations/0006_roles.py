"""The Writers and Editors groups, with their permissions, on every database."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from articles.services.permissions import ensure_roles

    ensure_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_workflow_ownership_audit"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
