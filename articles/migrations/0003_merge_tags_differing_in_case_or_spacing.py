"""
Tags whose names differ only in case, spacing or hyphenation ("Korean cinema",
"korean-cinema") become one: the oldest of each group keeps its page, the others' essays
move to it and their old addresses redirect to it. Every slug becomes the normalised name.
"""

import re

from django.db import migrations
from django.utils.text import slugify

# Frozen copies of articles.models.taxonomy.tag_slug / clean_tag_name as of this migration.
SEPARATORS = re.compile(r"[\s_/\u2010-\u2015\u2212-]+")


def tag_slug(name):
    return slugify(SEPARATORS.sub(" ", name), allow_unicode=True)[:100]


def merge_duplicate_tags(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not the default
    Tag = apps.get_model("articles", "Tag")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    TagRedirect = apps.get_model("articles", "TagRedirect")

    groups = {}
    for tag in Tag.objects.using(db).order_by("pk"):
        # A name with no letter or digit keeps its old slug rather than getting none.
        groups.setdefault(tag_slug(tag.name) or tag.slug, []).append(tag)

    redirects = {}
    for slug, (keeper, *duplicates) in groups.items():
        for duplicate in duplicates:
            has_keeper = TaggedArticle.objects.using(db).filter(tag=keeper).values("content_object_id")
            TaggedArticle.objects.using(db).filter(
                tag=duplicate, content_object_id__in=has_keeper
            ).delete()
            TaggedArticle.objects.using(db).filter(tag=duplicate).update(tag=keeper)
            TagRedirect.objects.using(db).filter(tag=duplicate).update(tag=keeper)
            if not keeper.description and duplicate.description:
                keeper.description = duplicate.description
            redirects[duplicate.slug] = keeper
            duplicate.delete(using=db)
        if keeper.slug != slug:
            redirects[keeper.slug] = keeper

    # Two passes: a keeper's new slug may still be another keeper's old one.
    keepers = [group[0] for group in groups.values()]
    for keeper in keepers:
        keeper.slug = f"--renaming-{keeper.pk}"
        keeper.save(update_fields=["slug"], using=db)
    for slug, (keeper, *_) in groups.items():
        keeper.name = " ".join(keeper.name.split())
        keeper.slug = slug
        keeper.save(update_fields=["name", "slug", "description"], using=db)

    live_slugs = set(groups)
    for old_slug, tag in redirects.items():
        if old_slug not in live_slugs:
            TagRedirect.objects.using(db).update_or_create(old_slug=old_slug, defaults={"tag": tag})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_tag_redirects_and_related_pools"),
    ]

    operations = [
        migrations.RunPython(merge_duplicate_tags, migrations.RunPython.noop, elidable=True),
    ]
