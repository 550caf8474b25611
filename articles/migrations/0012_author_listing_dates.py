"""
Bylines get a model of their own (`Byline`, the through model of `Article.authors`) with
the essay's publication date on each, so author pages read an author's newest essays from
one index, as tag pages do from their taggings (0009).

The table Django made for the field, `articles_article_authors`, is kept with its rows: the
model is declared over it (state only), then given its date, filled from the essays, and
its index.
"""

import django.db.models.deletion
from django.db import migrations, models


def date_bylines(apps, schema_editor):
    """Each byline carries its essay's publication date while the essay is published."""
    db = schema_editor.connection.alias  # the database being migrated, not the default
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    date = Article.objects.using(db).filter(
        pk=models.OuterRef("article_id"), status="published"
    ).values("published_at")[:1]
    Byline.objects.using(db).update(listed_at=models.Subquery(date))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_rendering_word_count_and_author_links'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table, its columns, foreign keys and unique pair exist already.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Byline',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bylines', to='articles.article')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bylines', to='articles.author')),
                    ],
                    options={
                        'db_table': 'articles_article_authors',
                        'unique_together': {('article', 'author')},
                    },
                ),
                migrations.AlterField(
                    model_name='article',
                    name='authors',
                    field=models.ManyToManyField(blank=True, related_name='articles', through='articles.Byline', to='articles.author'),
                ),
            ],
        ),
        migrations.AddField(
            model_name='byline',
            name='listed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(date_bylines, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='byline',
            index=models.Index(fields=['author', 'listed_at', 'article'], name='byline_listed'),
        ),
    ]
