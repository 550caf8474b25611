"""
Backups and restores (docs/backups.md): `manage.py backup DIR`, `manage.py restore DIR`.

A backup folder holds
- the database's native snapshot: `database.sqlite3` (SQLite's online backup API, a
  consistent copy while the site runs) or `database.pgdump` (pg_dump's custom format);
- the portable form: `tables/<table>.jsonl`, every row of every table as JSON lines, which
  `restore` loads into SQLite or PostgreSQL alike (moving a site from one to the other);
- `media/`, a copy of the uploaded files;
- `manifest.json`: when, from which database, the migrations applied, each table's row
  count, and the path, size and SHA-256 of every data and media file.

Both the native snapshot and the portable form are read in one transaction (on PostgreSQL
pg_dump shares its snapshot), so they agree with each other. `restore` checks every file
against the manifest before it changes anything, then loads the portable form in one
transaction, into a database holding nothing but what `migrate` creates.
"""

import base64
import datetime
import decimal
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH = 1000
# Made by `migrate` itself: a database holding only these is empty as far as restoring goes.
MADE_BY_MIGRATE = (ContentType, Permission, Group, Group.permissions.through)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class Done:
    """What a backup or restore did, for the command to print."""

    lines: list[str] = field(default_factory=list)

    def __call__(self, line):
        self.lines.append(line)


def model_tables(alias):
    """Every concrete model with a table in the database, many-to-many tables included."""
    existing = set(connections[alias].introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
    ]


def _columns(model):
    return [f for f in model._meta.concrete_fields]


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _encode(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def _decode(field_, value):
    if value is None:
        return None
    if field_.get_internal_type() == "DurationField":
        return datetime.timedelta(seconds=value)
    if field_.get_internal_type() == "JSONField":
        return value
    return field_.to_python(value)


# --- Backup --------------------------------------------------------------------------------


def backup(folder, *, alias="default") -> Done:
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; back up into a new or empty folder.")
    (folder / "tables").mkdir(parents=True, exist_ok=True)
    done = Done()
    connection = connections[alias]
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backing up a {vendor} database is not supported.")
    files = {}
    if vendor == "postgresql":
        with transaction.atomic(using=alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            native = folder / "database.pgdump"
            _pg_dump(connection.settings_dict, native, snapshot)
            # pg_dump read the snapshot this transaction holds: both forms agree.
            migrations, counts = _export(alias, folder, files)
    else:
        native = folder / "database.sqlite3"
        with _sqlite_read_transaction(connection):
            _sqlite_snapshot(connection, native)
            migrations, counts = _export(alias, folder, files)
    files[native.name] = native
    done(f"Database snapshot ({vendor}): {native.name}, {native.stat().st_size:,} bytes")
    done(f"Portable form: {len(counts)} tables, {sum(counts.values()):,} rows")
    media = _copy_media(Path(settings.MEDIA_ROOT), folder / "media")
    done(f"Media: {len(media)} files, {sum(m['size'] for m in media):,} bytes")
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "migrations": migrations,
        "tables": counts,
        "files": [
            {"path": name, "size": path.stat().st_size, "sha256": _sha256(path)}
            for name, path in sorted(files.items())
        ],
        "media": media,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    done(f"Manifest: {folder / MANIFEST}")
    return done


def _export(alias, folder, files):
    """The migrations applied and the rows of every table written as JSON lines."""
    connection = connections[alias]
    migrations = sorted(
        f"{app}.{name}"
        for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name")
    )
    counts = {}
    for model in model_tables(alias):
        table = model._meta.db_table
        path = folder / "tables" / f"{table}.jsonl"
        counts[table] = _write_table(model, alias, path)
        files[f"tables/{table}.jsonl"] = path
    return migrations, counts


@contextmanager
def _sqlite_read_transaction(connection):
    """
    One read transaction (not Django's atomic(), which takes SQLite's write lock): the
    copy and the portable form see the same commits, and editors may save meanwhile.
    """
    if connection.in_atomic_block:
        raise BackupError("Back up outside a transaction: SQLite copies what is committed.")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        cursor.execute("SELECT COUNT(*) FROM sqlite_master")  # the snapshot starts here
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def _sqlite_snapshot(connection, path):
    target = sqlite3.connect(path)
    try:
        # In one step: SQLite's online backup, a page-by-page copy of the snapshot.
        connection.connection.backup(target)
        # A file that stands alone, with no write-ahead log beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def _pg_dump(settings_dict, path, snapshot):
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed; install the PostgreSQL client tools.")
    command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            command.append(f"{option}={settings_dict[key]}")
    command.append(settings_dict["NAME"])
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    result = subprocess.run(command, capture_output=True, text=True, env=environment)  # noqa: S603  (pg_dump with a fixed argument list, no shell)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


def _write_table(model, alias, path):
    names = [f.attname for f in _columns(model)]
    rows = model._base_manager.using(alias).order_by("pk").values_list(*names)
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"model": model._meta.label_lower, "fields": names}) + "\n")
        for row in rows.iterator(chunk_size=BATCH):
            out.write(json.dumps(row, default=_encode, ensure_ascii=False) + "\n")
            count += 1
    return count


def _copy_media(root, into):
    media = []
    if not root.is_dir():
        return media
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            source = Path(dirpath) / name
            relative = source.relative_to(root).as_posix()
            target = into / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            media.append(
                {"path": relative, "size": target.stat().st_size, "sha256": _sha256(target)}
            )
    return media


# --- Restore -------------------------------------------------------------------------------


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} cannot be read ({error}); is this a backup folder?") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{path} is of another backup format ({manifest.get('format')}).")
    return manifest


def verify(folder, manifest):
    """Every data and media file present, of its size and checksum; else BackupError."""
    folder = Path(folder)
    entries = [
        *manifest["files"],
        *({**m, "path": f"media/{m['path']}"} for m in manifest["media"]),
    ]
    for entry in entries:
        path = folder / entry["path"]
        if not path.is_file():
            raise BackupError(f"The backup is incomplete: {entry['path']} is missing.")
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(
                f"The backup is damaged: {entry['path']} does not match its checksum in the "
                "manifest."
            )
    return len(entries)


def contents(alias):
    """{table: rows} of the tables holding more than `migrate` puts there."""
    made = {model._meta.db_table for model in MADE_BY_MIGRATE}
    found = {}
    for model in model_tables(alias):
        if model._meta.db_table in made:
            continue
        count = model._base_manager.using(alias).count()
        if count:
            found[model._meta.db_table] = count
    return found


def restore(folder, *, alias="default", force=False) -> Done:
    folder = Path(folder)
    done = Done()
    manifest = read_manifest(folder)
    checked = verify(folder, manifest)
    done(f"Checked {checked} files against the manifest")
    connection = connections[alias]
    applied = sorted(
        f"{app}.{name}"
        for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name")
    )
    if applied != manifest["migrations"]:
        missing = sorted(set(manifest["migrations"]) - set(applied))
        extra = sorted(set(applied) - set(manifest["migrations"]))
        raise BackupError(
            "The database's migrations differ from the backup's: run `manage.py migrate` on "
            "an empty database with the code the backup was made with"
            + (f"; not applied here: {', '.join(missing[:5])}" if missing else "")
            + (f"; applied here only: {', '.join(extra[:5])}" if extra else "")
            + "."
        )
    found = contents(alias)
    if found and not force:
        listed = ", ".join(f"{table} ({count:,} rows)" for table, count in sorted(found.items()))
        raise BackupError(
            f"The database '{alias}' is not empty: {listed}. Restore into an empty database "
            "(created and migrated), or pass --force to replace everything in it."
        )
    media_root = Path(settings.MEDIA_ROOT)
    _check_media_targets(folder, manifest, media_root, force)
    models = {model._meta.db_table: model for model in model_tables(alias)}
    unknown = set(manifest["tables"]) - set(models)
    if unknown:
        raise BackupError(
            f"The backup has tables this database lacks: {', '.join(sorted(unknown))}."
        )
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            for sql in connection.ops.sql_flush(no_style(), list(models), allow_cascade=True):
                cursor.execute(sql)
        rows = 0
        for table in manifest["tables"]:
            loaded = _load_table(models[table], folder / "tables" / f"{table}.jsonl", alias)
            if loaded != manifest["tables"][table]:
                raise BackupError(f"{table}: {loaded} rows read, the manifest says "
                                  f"{manifest['tables'][table]}.")  # fmt: skip
            rows += loaded
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                cursor.execute(sql)
    done(f"Database '{alias}' ({connection.vendor}): {len(manifest['tables'])} tables, "
         f"{rows:,} rows loaded")  # fmt: skip
    for entry in manifest["media"]:
        target = media_root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / "media" / entry["path"], target)
    done(f"Media: {len(manifest['media'])} files restored into {media_root}")
    return done


def _check_media_targets(folder, manifest, media_root, force):
    for entry in manifest["media"]:
        target = media_root / entry["path"]
        if ".." in Path(entry["path"]).parts or Path(entry["path"]).is_absolute():
            raise BackupError(f"The manifest names a media path outside the media folder: "
                              f"{entry['path']}.")  # fmt: skip
        if target.exists() and not force and _sha256(target) != entry["sha256"]:
            raise BackupError(
                f"{target} exists with other content; restore into an empty media folder, "
                "or pass --force to overwrite it."
            )


def _load_table(model, path, alias):
    connection = connections[alias]
    fields = {f.attname: f for f in _columns(model)}
    with open(path, encoding="utf-8") as lines:
        header = json.loads(next(lines))
        names = header["fields"]
        if set(names) != set(fields):
            raise BackupError(
                f"{model._meta.db_table}: the backup's columns differ from this database's."
            )
        columns = [fields[name] for name in names]
        quote = connection.ops.quote_name
        # Table and column names come from the models, quoted; the values are parameters.
        table, names_sql = quote(model._meta.db_table), ", ".join(quote(f.column) for f in columns)
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names_sql}) VALUES ({placeholders})"  # noqa: S608
        count, batch = 0, []
        with connection.cursor() as cursor:
            for line in lines:
                values = json.loads(line)
                batch.append(
                    [
                        f.get_db_prep_value(_decode(f, value), connection, prepared=False)
                        for f, value in zip(columns, values, strict=True)
                    ]
                )
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    count, batch = count + len(batch), []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count
