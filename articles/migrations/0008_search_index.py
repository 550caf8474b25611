"""
Reader search: an entry per essay, and each database's own full-text index over it
(docs/search.md); every essay already there is indexed.
"""

import django.db.models.deletion
from django.db import migrations, models

from articles.search.index import index_all


# A plain column: `articles.search.index` fills it from text folded in Python (PostgreSQL's
# translate() with a table this size costs more than the whole vector).
POSTGRESQL = [
    "ALTER TABLE articles_searchentry ADD COLUMN document tsvector",
    "CREATE INDEX articles_searchentry_document ON articles_searchentry USING gin (document)",
]

# An external-content FTS5 table: the text lives once, in articles_searchentry, and the
# triggers keep the index in step with its rows.
SQLITE = [
    "CREATE VIRTUAL TABLE articles_searchentry_fts USING fts5(title, standfirst, headings, "
    "body, content='articles_searchentry', content_rowid='article_id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_searchentry_ai AFTER INSERT ON articles_searchentry BEGIN "
    "INSERT INTO articles_searchentry_fts(rowid, title, standfirst, headings, body) "
    "VALUES (new.article_id, new.title, new.standfirst, new.headings, new.body); END",
    "CREATE TRIGGER articles_searchentry_ad AFTER DELETE ON articles_searchentry BEGIN "
    "INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, title, "
    "standfirst, headings, body) VALUES ('delete', old.article_id, old.title, "
    "old.standfirst, old.headings, old.body); END",
    "CREATE TRIGGER articles_searchentry_au AFTER UPDATE ON articles_searchentry BEGIN "
    "INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, title, "
    "standfirst, headings, body) VALUES ('delete', old.article_id, old.title, "
    "old.standfirst, old.headings, old.body); "
    "INSERT INTO articles_searchentry_fts(rowid, title, standfirst, headings, body) "
    "VALUES (new.article_id, new.title, new.standfirst, new.headings, new.body); END",
]

UNDO = {
    "postgresql": ["DROP INDEX articles_searchentry_document",
                   "ALTER TABLE articles_searchentry DROP COLUMN document"],
    "sqlite": ["DROP TRIGGER articles_searchentry_au", "DROP TRIGGER articles_searchentry_ad",
               "DROP TRIGGER articles_searchentry_ai", "DROP TABLE articles_searchentry_fts"],
}  # fmt: skip


def create_full_text_index(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError("Reader search needs PostgreSQL or SQLite.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop_full_text_index(apps, schema_editor):
    for statement in UNDO.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def index_existing_essays(apps, schema_editor):
    index_all(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_revisions_autosave_preview_links"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("title", models.TextField()),
                ("standfirst", models.TextField()),
                ("headings", models.TextField()),
                ("body", models.TextField()),
            ],
            options={
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.RunPython(create_full_text_index, drop_full_text_index),
        migrations.RunPython(index_existing_essays, migrations.RunPython.noop),
    ]
