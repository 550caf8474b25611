"""
Indexes in the essay lists' own order, for PostgreSQL only.

Essays are listed newest first with undated drafts last: `published_at DESC NULLS LAST`
(the model's ordering). SQLite keeps NULLs smallest, so it reads its plain indexes backwards
in exactly that order; PostgreSQL keeps them largest, so a plain index read backwards gives
NULLS FIRST, and every list was sorted whole instead: the admin's essay list sorted all
100,000 essays for each page, its search fetched every match to sort them, and a tag's list
sorted all its taggings. These indexes hold the order itself. SQLite rejects NULLS LAST in
an index and needs none of this.
"""

from django.db import migrations

# The whole list (and its search and date filters); its state, section and owner filters,
# each of which would otherwise walk the whole order for a state, section or writer whose
# essays are all at one end (drafts without a date: all at the end); a tag's list.
POSTGRESQL = [
    "CREATE INDEX article_newest_first ON articles_article (published_at DESC NULLS LAST, id DESC)",
    "CREATE INDEX article_status_newest_first ON articles_article "
    "(status, published_at DESC NULLS LAST, id DESC)",
    "CREATE INDEX article_category_newest_first ON articles_article "
    "(category_id, published_at DESC NULLS LAST, id DESC)",
    "CREATE INDEX article_owner_newest_first ON articles_article "
    "(owner_id, published_at DESC NULLS LAST, id DESC)",
    "CREATE INDEX tagging_newest_first ON articles_taggedarticle "
    "(tag_id, listed_at DESC NULLS LAST, content_object_id DESC)",
]
UNDO = [f"DROP INDEX {statement.split()[2]}" for statement in reversed(POSTGRESQL)]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement, params=None)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in UNDO:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_rendering_card"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
