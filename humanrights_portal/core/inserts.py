"""New rows of several models written in one statement, so in one round trip to PostgreSQL.

A complaint's submission writes the complaint, its first timeline entry, its audit record and its receipt
e-mail. ``Model.save()`` sends each as its own statement and waits for each answer; on a busy server
every round trip waits for PostgreSQL's process to be scheduled, which costs more than the INSERT itself.
``insert_rows`` writes them as one statement (each INSERT a part of a ``WITH`` query), so they are also
one transaction when no ``atomic`` block is open.

The rows are what ``save()`` would write: every concrete field after ``pre_save`` (``auto_now`` and
``auto_now_add`` are filled in) and ``get_db_prep_save``; ``pre_save`` and ``post_save`` are sent as
for a save, and each object gets its primary key. A row that another row of the batch refers to needs
its key before the statement is built: ``reserve_pks`` gives it (here, or earlier in a statement the
caller sends anyway, see ``pk_sequence``).
"""

from __future__ import annotations

import functools

from django.db import connections
from django.db.models import Model
from django.db.models.signals import post_save, pre_save


@functools.cache
def _insert_sql(model: type[Model], with_pk: bool) -> tuple[str, tuple]:
    """``INSERT INTO table (columns) VALUES (%s, …) RETURNING pk`` and its fields, once per model.

    Without ``with_pk`` the key column is left out and PostgreSQL's sequence fills it in."""
    pk = model._meta.pk
    fields = tuple(
        field for field in model._meta.local_concrete_fields if not field.generated and (with_pk or field is not pk)
    )
    quote = connections["default"].ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names from the model, quoted; every value is a parameter.
    table, key = quote(model._meta.db_table), quote(pk.column)
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) RETURNING {key}", fields  # noqa: S608


@functools.cache
def _sequences(using: str) -> dict[tuple[str, str], str]:
    """The sequence behind each serial or identity primary key (read once per process)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)
            FROM information_schema.columns
            WHERE table_schema = current_schema()
              AND (is_identity = 'YES' OR position('nextval(' in column_default) = 1)
            """
        )
        return {(table, column): sequence for table, column, sequence in cursor.fetchall() if sequence}


def pk_sequence(model: type[Model], using: str = "default") -> str:
    """The sequence of ``model``'s primary key, for a ``nextval`` in a statement of one's own."""
    key = (model._meta.db_table, model._meta.pk.column)
    if key not in _sequences(using):  # a table migrated in after this process read them
        _sequences.cache_clear()
    return _sequences(using)[key]


def reserve_pks(*objs: Model, using: str = "default") -> None:
    """Give each unsaved object without a primary key the next value of its table's sequence, in one query."""
    waiting = [obj for obj in objs if obj.pk is None]
    if not waiting:
        return
    sequences = [pk_sequence(type(obj), using) for obj in waiting]
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(["nextval(%s)"] * len(sequences)), sequences)
        values = cursor.fetchone()
    for obj, value in zip(waiting, values, strict=True):
        obj.pk = value


def _referred_to(objs: tuple[Model, ...]) -> list[Model]:
    """The objects of the batch that a foreign key of another object of the batch points to."""
    members = {id(obj) for obj in objs}
    referred = {}
    for obj in objs:
        for field in obj._meta.concrete_fields:
            if field.is_relation and field.is_cached(obj):
                target = field.get_cached_value(obj)
                if target is not None and id(target) in members:
                    referred[id(target)] = target
    return list(referred.values())


def insert_rows(*objs: Model, using: str = "default") -> None:
    """INSERT the unsaved ``objs`` in one statement, in this order; each gets its primary key.

    A foreign key set to another object of the batch takes that object's key, as ``save()`` would (objects
    referred to without a key get one first, in one more query). One statement is atomic: outside an
    ``atomic`` block the batch is one transaction, inside one it is part of it.
    """
    connection = connections[using]
    reserve_pks(*_referred_to(objs), using=using)
    parts, params = [], []
    for number, obj in enumerate(objs):
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
        pre_save.send(sender=type(obj), instance=obj, raw=False, using=using, update_fields=None)
        sql, fields = _insert_sql(type(obj), obj.pk is not None)
        parts.append(f"row{number} AS ({sql})")
        params.extend(field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields)
    keys = ", ".join(f"(SELECT * FROM row{number})" for number in range(len(objs)))  # noqa: S608 - no input
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(parts)} SELECT {keys}", params)
        returned = cursor.fetchone()
    for obj, pk in zip(objs, returned, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = using
        post_save.send(sender=type(obj), instance=obj, created=True, update_fields=None, raw=False, using=using)
