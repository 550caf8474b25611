"""
Related-articles pools keep each candidate's score and date as the pool ranked them, and an
index in that order (`related_pool_ranked`), so that a list reads the first few entries of
its pool rather than scoring all forty from the taggings.

Existing pools are filled here with what a list computed when reading them: the sum of the
frozen weights of the tags the two essays share, and the candidate's date. Pools are then
exactly as `refresh_related` would have stored them, and pages stay fast right after the
migration.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Sum


def fill_scores(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not the default
    Article = apps.get_model("articles", "Article")
    RelatedCandidate = apps.get_model("articles", "RelatedCandidate")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    own_tags = TaggedArticle.objects.using(db).filter(
        content_object_id=OuterRef(OuterRef("article_id"))
    ).values("tag_id")
    shared = (
        TaggedArticle.objects.using(db)
        .filter(content_object_id=OuterRef("candidate_id"), tag_id__in=own_tags)
        .order_by()
        .values("content_object_id")
        .annotate(score=Sum("tag__related_weight"))
        .values("score")
    )
    date = Article.objects.using(db).filter(pk=OuterRef("candidate_id")).values("published_at")
    RelatedCandidate.objects.using(db).update(
        score=models.functions.Coalesce(Subquery(shared), 0),
        published_at=Subquery(date),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_rendering_head'),
    ]

    operations = [
        migrations.AddField(
            model_name='relatedcandidate',
            name='published_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='relatedcandidate',
            name='score',
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(fill_scores, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="relatedcandidate",
            index=models.Index(
                models.F("article"),
                models.OrderBy(models.F("score"), descending=True),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("candidate"), descending=True),
                name="related_pool_ranked",
            ),
        ),
    ]
