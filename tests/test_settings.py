"""Settings come from the environment, and production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def settings_in_subprocess(env, expression):
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    result = subprocess.run(
        [sys.executable, "-c", f"import filmculture.settings as s; print({expression})"],
        cwd=PROJECT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def python_in_subprocess(env, *args):
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("entry_point", ["filmculture.wsgi", "filmculture.asgi"])
def test_production_web_process_without_a_secret_key_refuses_to_start(entry_point):
    result = python_in_subprocess({}, "-c", f"import {entry_point}")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_build_steps_that_need_no_secret_run_without_one(tmp_path):
    # An image build runs the migrations check and collectstatic before secrets exist.
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'build.sqlite3'}"}
    result = python_in_subprocess(env, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_development_needs_nothing_set_and_uses_sqlite():
    result = settings_in_subprocess({"DJANGO_DEBUG": "1"}, "s.DATABASES['default']['ENGINE']")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_and_redis_url_switch_backends():
    result = settings_in_subprocess(
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://u:p@db.internal:5432/films",
            "REDIS_URL": "redis://cache.internal:6379/1",
            "DJANGO_ALLOWED_HOSTS": "films.example,www.films.example",
        },
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.CACHES['default']['OPTIONS']['BACKEND'], s.ALLOWED_HOSTS, s.DEBUG",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "filmculture.postgresql db.internal django.core.cache.backends.redis.RedisCache "
        "['films.example', 'www.films.example'] False"
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be true or false"),
        ({"DJANGO_DEBUG": "1", "FILMCULTURE_AD_EVERY_N_PARAGRAPHS": "0"}, "must be 1 or more"),
        ({"DJANGO_DEBUG": "1", "FILMCULTURE_RELATED_ARTICLES_COUNT": "many"}, "whole number"),
        (
            {"DJANGO_DEBUG": "1", "FILMCULTURE_SITEMAP_PAGE_SIZE": "60000"},
            "FILMCULTURE_SITEMAP_PAGE_SIZE must be between 1 and 50000",
        ),
    ],
)
def test_bad_settings_are_named_in_the_error(env, message):
    result = settings_in_subprocess(env, "s.DEBUG")
    assert result.returncode != 0
    assert message in result.stderr


def test_sqlite_lets_readers_in_while_a_writer_holds_a_transaction(tmp_path):
    """The embedded database keeps serving pages during an editor's save or an import."""
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])\n"
        "    c.execute('PRAGMA synchronous'); print(c.fetchone()[0])\n"
    )
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={
            **clean_env,
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "filmculture.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # WAL: readers never wait for a writer; synchronous=1 (NORMAL): no fsync per commit.
    assert result.stdout.split() == ["wal", "1"]
