"""
The production stack comes from the environment: PostgreSQL through psycopg's pool with
health checks, a read replica, S3-compatible object storage for uploads, and gunicorn's
workers, threads and timeouts.
"""

import json
import runpy

from tests.test_settings import PROJECT, settings_in_subprocess

POSTGRES = "postgres://filmculture@db.internal:5432/filmculture"


def settings_value(env, expression):
    result = settings_in_subprocess(env, f"__import__('json').dumps({expression}, default=str)")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_runs_through_a_connection_pool_sized_from_the_environment():
    database = settings_value(
        {"DATABASE_URL": POSTGRES, "DJANGO_DB_POOL": "1", "DJANGO_DB_POOL_MAX_SIZE": "8",
         "DJANGO_DB_POOL_TIMEOUT": "3"},
        "s.DATABASES['default']",
    )  # fmt: skip
    assert database["ENGINE"] == "filmculture.postgresql"
    assert database["OPTIONS"]["pool"]["max_size"] == 8
    assert database["OPTIONS"]["pool"]["timeout"] == 3
    # Django refuses persistent connections beside a pool; health checks stay on.
    assert database["CONN_MAX_AGE"] == 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_without_the_pool_connections_persist_and_fail_fast():
    database = settings_value({"DATABASE_URL": POSTGRES}, "s.DATABASES['default']")
    assert "pool" not in database.get("OPTIONS", {})
    assert database["CONN_MAX_AGE"] == 60


def test_a_replica_url_adds_a_replica_that_readers_are_routed_to():
    env = {"DATABASE_URL": POSTGRES, "DATABASE_REPLICA_URL": POSTGRES.replace("db.", "replica.")}
    replica = settings_value(env, "s.DATABASES['replica']")
    assert replica["HOST"] == "replica.internal"
    assert settings_value(env, "s.DATABASE_READ_REPLICAS") == ["replica"]
    assert settings_value({"DATABASE_URL": POSTGRES}, "s.DATABASE_READ_REPLICAS") == []


def test_uploads_go_to_object_storage_when_a_bucket_is_configured():
    env = {
        "FILMCULTURE_S3_BUCKET": "filmculture-media",
        "FILMCULTURE_S3_ENDPOINT_URL": "https://objects.example.net",
        "FILMCULTURE_S3_CUSTOM_DOMAIN": "media.filmculture.example",
    }
    storage = settings_value(env, "s.STORAGES['default']")
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "filmculture-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://objects.example.net"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert storage["OPTIONS"]["file_overwrite"] is False
    # The app no longer serves /media/ itself: the bucket (or its CDN) does.
    assert settings_value(env, "s.FILMCULTURE_SERVE_MEDIA") is False
    assert settings_value({}, "s.FILMCULTURE_SERVE_MEDIA") is True
    assert settings_value({}, "s.STORAGES['default']['BACKEND']") == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_the_s3_storage_builds_public_addresses_without_touching_the_network(settings):
    from storages.backends.s3 import S3Storage

    storage = S3Storage(
        bucket_name="filmculture-media",
        custom_domain="media.filmculture.example",
        location="media",
        querystring_auth=False,
        access_key="test",
        secret_key="test",
    )
    assert storage.url("lead/night.png") == (
        "https://media.filmculture.example/media/lead/night.png"
    )


def test_gunicorn_takes_workers_threads_and_timeouts_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "6")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "20")
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8179")
    config = runpy.run_path(str(PROJECT / "filmculture" / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"], config["timeout"]) == (6, 4, 20)
    assert config["bind"] == "127.0.0.1:8179"
    assert config["preload_app"] is False


def test_static_files_are_named_by_their_hashes_each_looked_up_once_per_process(tmp_path, settings):
    from unittest import mock

    from filmculture.static_files import StaticFilesStorage

    assert settings_value({"DJANGO_DEBUG": "0"}, "s.STORAGES['staticfiles']['BACKEND']") == (
        "filmculture.static_files.StaticFilesStorage"
    )
    settings.STATIC_ROOT = tmp_path
    manifest = {"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storage = StaticFilesStorage()
    with mock.patch.object(storage, "stored_name", wraps=storage.stored_name) as looked_up:
        first, second = storage.url("css/site.css"), storage.url("css/site.css")

    assert first == second == "/static/css/site.0123abcd.css"
    assert looked_up.call_count == 1
