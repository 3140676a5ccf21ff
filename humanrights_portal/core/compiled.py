"""Querysets run with SQL compiled once per shape: a page that loads the same lists for every object.

A case's page loads the case and seven lists of its rows (timeline, recommendations with their follow-up
tasks as JSON, notes …). Django compiles each queryset to SQL on every request, and for these shapes the
compiling costs more than PostgreSQL's answer (a fifth of the page). ``fetch`` keeps the SQL of the first
evaluation under a key naming the shape; later querysets of that shape only compile their WHERE clause (the
one part that differs: the object's id) and run the kept SQL with those values, and Django's own iterable
builds the model instances from the kept column layout. A shape without a WHERE clause (a page of a whole
table) runs the kept SQL as it is.

The key must name everything that shapes the SQL besides the WHERE values (the queryset's select, joins,
annotations, ordering; e.g. the language and the user's permissions when they change the annotations), and
a queryset's values outside its WHERE clause are kept with the SQL: one whose annotations take a value that
changes between requests (today's date, say) must not be fetched this way. A queryset whose WHERE clause or
select list differs from the kept one is compiled as usual.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    where_sql: str
    where_at: int
    where_count: int
    signature: tuple
    select: list
    klass_info: dict | None
    annotation_col_map: dict | None
    col_count: int
    has_extra_select: bool


#: Shape key → what its first compilation left, or ``None`` for a shape compiled each time.
_compiled: dict[tuple, _Compiled | None] = {}
_lock = threading.Lock()
#: Distinct keys kept per process; a key built from unbounded values would otherwise grow without end.
MAX_SHAPES = 256


def _signature(queryset: QuerySet) -> tuple:
    query = queryset.query
    return (
        query.model,
        tuple(query.annotation_select),
        tuple(query.select),
        query.default_cols,
        repr(query.select_related),
        tuple(query.order_by),
        query.low_mark,
        query.high_mark,
        query.distinct,
        tuple(query.alias_map),
        queryset._iterable_class.__name__,
    )


def _where(compiler: SQLCompiler) -> tuple[str, tuple]:
    """The WHERE clause's SQL and values; empty when it has none or matches nothing."""
    try:
        sql, params = compiler.compile(compiler.query.where)
    except (EmptyResultSet, FullResultSet):
        return "", ()
    return sql, tuple(params)


def _remember(key: tuple, queryset: QuerySet) -> None:
    """Compile ``queryset`` as Django does and keep what a later one of the same shape needs."""
    signature = _signature(queryset)  # before compiling, which adds the joins of select_related to the query
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return  # matches nothing (e.g. ``__in=[]``): evaluated as usual, nothing kept
    where_sql, where_params = _where(queryset.query.get_compiler(using=queryset.db))
    if not where_sql:
        position = where_at = 0  # no WHERE (a whole table's page, say): the SQL is the same every time
    else:
        position = sql.find(where_sql)
        where_at = sql[:position].count("%s")
    if where_sql and (
        position < 0
        or sql.find(where_sql, position + 1) >= 0
        or tuple(params[where_at : where_at + len(where_params)]) != where_params
    ):
        # A WHERE that cannot be placed unambiguously: this shape is compiled each time.
        with _lock:
            if len(_compiled) < MAX_SHAPES:
                _compiled[key] = None
        return
    with _lock:
        if len(_compiled) < MAX_SHAPES:
            _compiled[key] = _Compiled(
                sql=sql,
                params=tuple(params),
                where_sql=where_sql,
                where_at=where_at,
                where_count=len(where_params),
                signature=signature,
                select=compiler.select,
                klass_info=compiler.klass_info,
                annotation_col_map=compiler.annotation_col_map,
                col_count=compiler.col_count,
                has_extra_select=compiler.has_extra_select,
            )


def _prepared_compiler(compiled: _Compiled, queryset: QuerySet) -> SQLCompiler | None:
    """A compiler for ``queryset`` that runs the kept SQL with this queryset's WHERE values, or ``None``."""
    if _signature(queryset) != compiled.signature:
        return None
    compiler = queryset.query.get_compiler(using=queryset.db)
    where_sql, where_params = _where(compiler)
    if where_sql != compiled.where_sql or len(where_params) != compiled.where_count:
        return None
    kept = compiled.params
    params = (*kept[: compiled.where_at], *where_params, *kept[compiled.where_at + compiled.where_count :])
    compiler.select = compiled.select
    compiler.klass_info = compiled.klass_info
    compiler.annotation_col_map = compiled.annotation_col_map
    compiler.col_count = compiled.col_count
    compiler.has_extra_select = compiled.has_extra_select
    compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
    return compiler


def fetch(queryset: QuerySet, *, key: tuple) -> QuerySet:
    """Evaluate ``queryset`` (its rows cached on it, as after ``list(queryset)``) and return it."""
    known = key in _compiled
    compiled = _compiled.get(key)
    compiler = _prepared_compiler(compiled, queryset) if compiled is not None else None
    if compiler is None:
        if not known:
            _remember(key, queryset)
        queryset._fetch_all()
        return queryset
    query = queryset.query
    # Django's iterable asks the query for its compiler; for this one evaluation it gets the prepared one.
    query.get_compiler = lambda *args, **kwargs: compiler
    try:
        queryset._fetch_all()
    finally:
        del query.get_compiler
    return queryset
