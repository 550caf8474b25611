"""
`manage.py backup` then `manage.py restore` gives back every row of every table and every
media file, into SQLite or PostgreSQL, whichever the site ran on.
"""

import io
import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from PIL import Image

from articles import services
from articles.backups import model_tables
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(editor):
    """A small site with something in every kind of table: essays, revisions, an image."""
    category = CategoryFactory(name="Festivals", slug="festivals")
    author = AuthorFactory(name="Nino Kirtadze")
    UserFactory(username="reader-of-drafts")
    for n in range(3):
        ArticleFactory(title=f"Essay {n}", tags=["georgian cinema", f"tag {n}"], authors=[author])
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "teal").save(buffer, "PNG")
    article = Article(title="With a picture", standfirst="Ünïcode, “quotes” and 🎞.",
                      category=category, lead_image_alt="A teal square")  # fmt: skip
    article.lead_image = SimpleUploadedFile("teal.png", buffer.getvalue())
    services.article_save(
        article=article,
        by=editor,
        sections=[services.SectionData("", "First.\n\nSecond."), services.SectionData("H", "x")],
        tags=["georgian cinema"],
        authors=[author],
    )
    article.title = "With a picture, revised"
    services.article_save(article=article, by=editor)  # a second revision
    services.article_submit(article=article, by=editor)
    return article


def every_row(alias):
    """{table: [row, ...]} of every table of every model, in primary-key order."""
    rows = {}
    for model in model_tables(alias):
        names = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.db_table] = [
            tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
            for row in model._base_manager.using(alias).order_by("pk").values_list(*names)
        ]
    return rows


def media_manifest(root):
    from articles.backups import _sha256

    return sorted(
        (p.relative_to(root).as_posix(), p.stat().st_size, _sha256(p))
        for p in Path(root).rglob("*")
        if p.is_file()
    )


def run(command, *args, **options):
    out = io.StringIO()
    call_command(command, *map(str, args), stdout=out, **options)
    return out.getvalue()


@contextmanager
def extra_database(alias, config):
    """A database alias added for one test (the test's own database stays the default)."""
    connections.settings[alias] = connections.configure_settings(
        {"default": config, alias: config}
    )[alias]
    # Connected here: Django's test case refuses to open connections it was not told of.
    connections[alias].connect()
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


@contextmanager
def fresh_sqlite(path):
    with extra_database("restored", {"ENGINE": "django.db.backends.sqlite3", "NAME": path}):
        yield "restored"


@contextmanager
def fresh_postgres():
    """A new, empty PostgreSQL database on the test server; skips where there is none."""
    psycopg = pytest.importorskip("psycopg")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/fc_uploads"
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_restore_{os.getpid()}"
    server = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"] or "postgres",
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
        "connect_timeout": 3,
    }
    try:
        admin = psycopg.connect(**server)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is unreachable: {error}")
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with extra_database("restored", {**config, "NAME": name}):
                yield "restored"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def round_trip(tmp_path, settings, target):
    before, media_before = every_row("default"), media_manifest(settings.MEDIA_ROOT)
    assert before["articles_article"] and before["articles_revision"] and media_before
    # Bylines with their listing dates (author pages read them) are among the rows compared.
    assert any(listed_at for *_, listed_at in before["articles_article_authors"])
    printed = run("backup", tmp_path / "backup")
    assert "Portable form:" in printed and "Media: 1 files" in printed

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with target as alias:
        restored = run("restore", tmp_path / "backup", database=alias)
        assert f"Database '{alias}'" in restored and "Media: 1 files restored" in restored
        after = every_row(alias)
    assert after.keys() == before.keys()
    for table, rows in before.items():
        assert after[table] == rows, table
    assert media_manifest(settings.MEDIA_ROOT) == media_before
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert [(m["path"], m["size"], m["sha256"]) for m in manifest["media"]] == media_before
    return manifest


def test_backup_then_restore_into_a_fresh_sqlite_gives_back_every_row(site, tmp_path, settings):
    manifest = round_trip(tmp_path, settings, fresh_sqlite(tmp_path / "restored.sqlite3"))

    assert manifest["tables"]["articles_article"] == 4


@pytest.mark.postgres
def test_backup_then_restore_into_a_fresh_postgresql_gives_back_every_row(site, tmp_path, settings):
    round_trip(tmp_path, settings, fresh_postgres())


def test_the_native_snapshot_holds_the_same_essays(site, tmp_path):
    run("backup", tmp_path / "backup")

    folder = tmp_path / "backup"
    if connections["default"].vendor == "sqlite":
        with sqlite3.connect(folder / "database.sqlite3") as snapshot:
            titles = {row[0] for row in snapshot.execute("SELECT title FROM articles_article")}
        assert titles == set(Article.objects.values_list("title", flat=True))
    else:
        assert (folder / "database.pgdump").read_bytes().startswith(b"PGDMP")


def test_restore_refuses_a_database_that_holds_data(site, tmp_path):
    run("backup", tmp_path / "backup")

    with pytest.raises(CommandError, match=r"is not empty: .*articles_article .*--force"):
        run("restore", tmp_path / "backup")


def test_restore_with_force_replaces_what_the_database_holds(site, tmp_path, settings):
    run("backup", tmp_path / "backup")
    before = every_row("default")
    ArticleFactory(title="Written after the backup")

    run("restore", tmp_path / "backup", force=True)

    assert every_row("default") == before


def test_a_damaged_backup_is_refused_before_anything_changes(site, tmp_path, settings):
    run("backup", tmp_path / "backup")
    image = next((tmp_path / "backup" / "media").rglob("*.png"))
    image.write_bytes(image.read_bytes() + b"tampered")

    with fresh_sqlite(tmp_path / "restored.sqlite3") as alias:
        with pytest.raises(CommandError, match=r"media/.*\.png does not match its checksum"):
            run("restore", tmp_path / "backup", database=alias)
        assert not Article.objects.using(alias).exists()


def test_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "something").write_text("keep me")

    with pytest.raises(CommandError, match="is not empty"):
        run("backup", tmp_path / "backup")


@pytest.mark.postgres
def test_restored_postgresql_sequences_continue_after_the_restored_rows(site, tmp_path, settings):
    run("backup", tmp_path / "backup")
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with fresh_postgres() as alias:
        run("restore", tmp_path / "backup", database=alias)
        newest = Article.objects.using(alias).order_by("-pk").first().pk
        category = CategoryFactory._meta.model.objects.using(alias).first()
        created = Article.objects.using(alias).create(title="New", slug="new", category=category)
        assert created.pk > newest
