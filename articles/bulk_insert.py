"""
Writing rows without building a model instance per row, for the services' hot paths.

`bulk_create()` builds, validates and prepares an instance for every row: a third of the
time of importing a page, and most of the time of storing 4,000,000 related-articles
candidates. `insert_rows()` writes the same rows in as few statements as the database
accepts (on PostgreSQL, many rows with COPY), for models whose rows need nothing computed
on save (no field left to its default, no signals to send).
"""

import functools
from datetime import date, datetime

from django.db import connection, models

# A statement's size stays moderate where the database sets no limit (PostgreSQL).
MAX_ROWS_PER_STATEMENT = 5000
# From this many rows PostgreSQL is sent them with COPY: psycopg reads a long INSERT's text
# through before sending it, which cost more than the statement itself.
COPY_FROM = 100
# Values these fields take from Python as the database driver takes them.
_PASSED_THROUGH = (models.IntegerField, models.CharField, models.TextField)


def insert_rows(model, field_names, rows):
    """Insert `rows`, tuples of values for `field_names`; returns how many were inserted."""
    rows = list(rows)
    if not rows:
        return 0
    fields, prepare, head, row_sql = _plan(model, tuple(field_names), connection.vendor)
    if any(prepare):
        rows = [
            tuple(
                value if prep is None else prep(value, connection)
                for prep, value in zip(prepare, row, strict=True)
            )
            for row in rows
        ]
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        _copy(model, fields, rows)
        return len(rows)
    per_statement = min(connection.ops.bulk_batch_size(fields, rows), MAX_ROWS_PER_STATEMENT)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            params = [value for row in batch for value in row]
            cursor.execute(head + ", ".join([row_sql] * len(batch)), params)
    return len(rows)


def _copy(model, fields, rows):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    # Only quoted names from the model enter the text; the rows go as data.
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


@functools.cache
def _plan(model, field_names, vendor):
    """What an insert into these columns needs, worked out once per model and columns."""
    fields = [model._meta.get_field(name) for name in field_names]
    prepare = [_preparer(field, vendor) for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    # Only quoted names from the model enter the text; values are parameters.
    head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    return fields, prepare, head, "(" + ", ".join(["%s"] * len(fields)) + ")"


def _preparer(field, vendor):
    if _passed_through(field):
        return None
    if vendor in ("sqlite", "postgresql"):
        if isinstance(field, models.DateTimeField):
            return functools.partial(_aware_datetime, field=field, vendor=vendor)
        if isinstance(field, models.DateField):
            return functools.partial(_date, field=field, vendor=vendor)
    return field.get_db_prep_save


def _aware_datetime(value, connection, *, field, vendor):
    """
    An aware datetime (the services hold no other) as Django's adapter for the database
    writes it: the naive time in the connection's zone, as text, for SQLite; the value
    itself for psycopg. The field's layers around the adapter cost more than the statement
    when an import or a refresh of related pools writes a date per row. Anything else
    (naive, None, an expression) goes the field's own way, with its checks and warnings.
    """
    if isinstance(value, datetime) and value.utcoffset() is not None:
        if vendor == "postgresql":
            return value
        return str(value.astimezone(connection.timezone).replace(tzinfo=None))
    return field.get_db_prep_save(value, connection)


def _date(value, connection, *, field, vendor):
    """A date as Django's adapters write it (ISO text for SQLite, the value for psycopg)."""
    if type(value) is date:
        return value if vendor == "postgresql" else value.isoformat()
    return field.get_db_prep_save(value, connection)


def _passed_through(field):
    if field.is_relation:
        field = field.target_field
    return isinstance(field, _PASSED_THROUGH)


def delete_rows(model, field_name, value):
    """
    Delete the rows whose `field_name` equals `value`; returns how many. For models with
    nothing that cascades or listens to deletion: the ORM's delete() first looks for such
    things, which costs ten times the statement when, as usual, there is nothing to delete.
    """
    quote = connection.ops.quote_name
    column = quote(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        sql = f"DELETE FROM {quote(model._meta.db_table)} WHERE {column} = %s"  # noqa: S608
        cursor.execute(sql, [value])
        return cursor.rowcount
