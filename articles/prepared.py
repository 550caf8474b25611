"""
Reads built with the ORM once per process and database, then run with new values.

Readers' pages run the same few queries on every request with different values (an essay's
address, its id, the time). Building and compiling such a queryset costs 1 to 5 ms of
Python; running its SQL on an index costs a tenth of that (docs/performance.md). A
`PreparedQuery` keeps the ORM as the one place where a rule is written
(`Article.objects.published()`, a subquery, a join) and compiles it once: `build` is
called with stand-in values of the declared types, the stand-ins are found among the
compiled SQL's parameters, and each run swaps in the real values. Rows come back as dicts
converted by the ORM's own converters, as `values()` would give them.

Only scalar values can be parameters (an id, a slug, a datetime): a list changes the SQL's
shape, and so does anything the ORM writes into the SQL text itself (slices' LIMIT and
OFFSET); those belong in `build` as constants. A stand-in the ORM did not pass through as
one parameter is an error when the query is first compiled, not a wrong result.
"""

import threading
from datetime import UTC, datetime, timedelta

from django.db import connections, router

# Stand-in values: unlike anything real, one per parameter.
_STAND_IN_INT = -1_987_654_321
_STAND_IN_DATETIME = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


def _stand_in(kind, number):
    if kind is int:
        return _STAND_IN_INT - number
    if kind is str:
        return f"\x1fprepared-{number}\x1f"
    if kind is datetime:
        return _STAND_IN_DATETIME + timedelta(seconds=number)
    raise TypeError(f"A prepared query's parameter is an int, a str or a datetime, not {kind}.")


def _adapted(connection, kind, value):
    """The value as the ORM passes it to the database driver."""
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value(value)
    return value


class PreparedQuery:
    """
    `build(**values)` returns a `values()` queryset of `model` (whose database the router
    chooses on each run: the primary or a replica); `parameters` name each value's type.
    """

    # Distinct shapes kept per query (see `shaped`).
    MAX_SHAPES = 64

    def __init__(self, model, build, *, shaped=(), **parameters):
        """`shaped` names values written into the SQL itself (a slice's start and stop): each
        distinct combination is compiled once, and the most recent MAX_SHAPES are kept."""
        self.model = model
        self.build = build
        self.shaped = tuple(shaped)
        self.parameters = parameters
        self._compiled = {}
        self._lock = threading.Lock()

    def rows(self, **values) -> list[dict]:
        if values.keys() != self.parameters.keys() | set(self.shaped):
            wanted = sorted(self.parameters.keys() | set(self.shaped))
            raise TypeError(f"A prepared query needs exactly {wanted}.")
        shape = {name: values.pop(name) for name in self.shaped}
        key = (router.db_for_read(self.model), *shape.values())
        compiled = self._compiled.get(key) or self._compile(key, shape)
        connection = connections[compiled.alias]
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = _adapted(connection, self.parameters[name], values[name])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return [compiled.as_dict(row, connection) for row in rows]

    def _compile(self, key, shape):
        alias = key[0]
        with self._lock:
            if key in self._compiled:
                return self._compiled[key]
            stand_ins = {
                name: _stand_in(kind, number)
                for number, (name, kind) in enumerate(self.parameters.items())
            }
            queryset = self.build(**stand_ins, **shape).using(alias)
            compiled = _Compiled(queryset, alias, stand_ins, self.parameters)
            while len(self._compiled) >= self.MAX_SHAPES:
                del self._compiled[next(iter(self._compiled))]
            self._compiled[key] = compiled
            return compiled


class _Compiled:
    def __init__(self, queryset, alias, stand_ins, parameters):
        query = queryset.query
        if not (query.values_select or query.annotation_select):
            raise TypeError("A prepared query is built as a values() queryset.")
        self.alias = alias
        connection = connections[alias]
        compiler = query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()
        self.params = tuple(params)
        wanted = {
            name: _adapted(connection, parameters[name], value) for name, value in stand_ins.items()
        }
        self.slots = [
            (position, name)
            for position, param in enumerate(self.params)
            for name, stand_in in wanted.items()
            if type(param) is type(stand_in) and param == stand_in
        ]
        missing = set(wanted) - {name for _, name in self.slots}
        inlined = [name for name, value in wanted.items() if str(value) in self.sql]
        if missing or inlined:
            raise ValueError(
                f"Prepared query: the values {sorted(missing | set(inlined))} do not reach the "
                "database as parameters of their own; build them into the query instead."
            )
        if query.selected:
            self.names = list(query.selected)
        else:
            self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        expressions = [select[0] for select in compiler.select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(expressions).items())

    def as_dict(self, row, connection):
        row = list(row)
        for position, (converters, expression) in self.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return dict(zip(self.names, row, strict=True))


def columns(model, prefix="", *, leave_out=()):
    """The `values()` names of `model`'s fields under `prefix` (a join: "category__")."""
    return [
        f"{prefix}{field.name}"
        for field in model._meta.concrete_fields
        if field.name not in leave_out
    ]


def instance(model, row, db, prefix=""):
    """
    A `model` instance from a row of `values()` read with `columns(model, prefix)` (fields
    left out are deferred, as with `only()`); None when the row holds none of it (an outer
    join that found nothing).
    """
    fields = [field for field in model._meta.concrete_fields if f"{prefix}{field.name}" in row]
    if row[f"{prefix}{model._meta.pk.name}"] is None:
        return None
    return model.from_db(
        db, [field.attname for field in fields], [row[f"{prefix}{field.name}"] for field in fields]
    )


def cache_related(instance, accessor, related):
    """Hand `related` to `instance.<accessor>` as `select_related` would (no query), found or
    not; for a reverse one-to-one, the way back too."""
    field = type(instance)._meta.get_field(accessor)
    field.set_cached_value(instance, related)
    if related is not None and field.one_to_one and not field.concrete:
        related._meta.get_field(field.field.name).set_cached_value(related, instance)


def instance_with_joins(model, row, db, accessors):
    """
    `instance(model, row, db)` with each of its `accessors` (forward or reverse one-to-one,
    read with `columns(related_model, f"{accessor}__")`) built from the same row and cached.
    """
    obj = instance(model, row, db)
    for accessor in accessors:
        related_model = model._meta.get_field(accessor).related_model
        cache_related(obj, accessor, instance(related_model, row, db, f"{accessor}__"))
    return obj


def as_prefetched(instance, name, objects, model):
    """Hand `objects` to `instance.<name>.all()` as `prefetch_related` would (no query)."""
    queryset = model._default_manager.all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {
        **getattr(instance, "_prefetched_objects_cache", {}),
        name: queryset,
    }
