"""New rows of several models written in one round trip to PostgreSQL.

A complaint's submission writes the complaint, its first timeline entry, its audit record and its receipt
e-mail. ``Model.save()`` sends each as its own statement and waits for each answer; on a busy server the
round trips and the ORM's per-save work cost more than PostgreSQL's part. Here the primary keys are
reserved first (one ``SELECT nextval(…)`` for all rows), so rows can refer to each other before they
exist, and the INSERTs then go as one batch of statements in one round trip.

The rows are what ``save()`` would write: every concrete field after ``pre_save`` (``auto_now`` and
``auto_now_add`` are filled in) and ``get_db_prep_save``, and ``pre_save``/``post_save`` are sent as for
a save. Call it inside ``transaction.atomic``: the statements of a batch are not a transaction of their own.
"""

from __future__ import annotations

import functools

from django.db import connections, transaction
from django.db.models import Model
from django.db.models.signals import post_save, pre_save


@functools.cache
def _insert_sql(model: type[Model]) -> tuple[str, tuple]:
    """``INSERT INTO table (all columns) VALUES (%s, …)`` and the fields in that order, once per model."""
    fields = tuple(field for field in model._meta.local_concrete_fields if not field.generated)
    quote = connections["default"].ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names from the model, quoted; every value is a parameter.
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})", fields  # noqa: S608


def pk_sequence(model: type[Model], using: str = "default") -> str:
    """The sequence of ``model``'s primary key, for a ``nextval`` in a statement of one's own."""
    key = (model._meta.db_table, model._meta.pk.column)
    if key not in _sequences(using):  # a table migrated in after this process read them
        _sequences.cache_clear()
    return _sequences(using)[key]


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


def insert_rows(*objs: Model, using: str = "default") -> None:
    """INSERT the unsaved ``objs`` (primary keys reserved here if missing) in one round trip, in this order.

    A foreign key set to another object of the batch takes that object's reserved key, as ``save()`` would.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("insert_rows must run inside transaction.atomic")
    reserve_pks(*objs, using=using)
    statements, params = [], []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
        pre_save.send(sender=type(obj), instance=obj, raw=False, using=using, update_fields=None)
        sql, fields = _insert_sql(type(obj))
        statements.append(sql)
        params.extend(field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(";\n".join(statements), params)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
        post_save.send(sender=type(obj), instance=obj, created=True, update_fields=None, raw=False, using=using)
