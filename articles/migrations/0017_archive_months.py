"""
The archive index's counts of essays per month, kept by the services from now on
(`ArchiveMonth`), counted here once from the essays already published or scheduled.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone


def count_months(apps, schema_editor):
    db = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    ArchiveMonth = apps.get_model("articles", "ArchiveMonth")
    zone = timezone.get_default_timezone()
    months = (
        Article.objects.using(db)
        .filter(status="published")
        .annotate(month=TruncMonth("published_at", tzinfo=zone))
        .values("month")
        .annotate(count=Count("id"))
        .order_by()
    )
    ArchiveMonth.objects.using(db).bulk_create(
        ArchiveMonth(
            month=timezone.localtime(row["month"], zone).date(),
            count=row["count"],
            time_zone=settings.TIME_ZONE,
        )
        for row in months
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_related_pool_ranked"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArchiveMonth",
            fields=[
                ("month", models.DateField(primary_key=True, serialize=False)),
                ("time_zone", models.CharField(max_length=64)),
                ("count", models.PositiveIntegerField()),
            ],
        ),
        migrations.RunPython(count_months, migrations.RunPython.noop, elidable=True),
    ]
