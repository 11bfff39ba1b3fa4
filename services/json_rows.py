"""Related lists read as JSON inside their parent's row, nested as deep as a page needs, and turned back into
model instances handed to ``instance.<relation>.all()`` as if they had been prefetched.

A prefetch costs one query per relation and level: an area page's groups, their strategies, the strategies'
goals and the goals' national goals are four. As JSON array subqueries (PostgreSQL ``ARRAY(SELECT
jsonb_build_object(...))``) they come in one row, whatever the number of rows at each level; for the short lists
of small rows that pages show, the database does the same work either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any, TypeVar

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import F, Model, QuerySet
from django.db.models.functions import JSONObject

M = TypeVar("M", bound=Model)

# Keys are prefixed by kind (field, annotation, joined row, list): a key named like a field would make Django
# select that field too, and the prefix says how to read the value back.
_FIELD, _ANNOTATION, _JOINED, _LIST = "f_", "a_", "j_", "l_"


class JsonRows:
    """A related list as a JSON array in its parent's row.

    ``queryset`` filters on ``OuterRef`` (the parent's row) and sets the order; its annotations (e.g. a measure's
    latest status) come along and are set on the instances. ``joined`` names forward foreign keys whose rows come
    by join, like ``select_related``; ``lists`` are the instances' own related lists, nested the same way."""

    def __init__(self, queryset: QuerySet, *, joined: Iterable[str] = (), **lists: JsonRows) -> None:
        self.model: type[Model] = queryset.model
        self.queryset = queryset
        self.joined = tuple(joined)
        self.lists = lists

    def row_object(self) -> JSONObject:
        """One row as ``jsonb_build_object(...)``: fields, annotations, joined rows and nested lists."""
        row: dict[str, Any] = {_FIELD + name: F(name) for name in _attnames(self.model)}
        row |= {_ANNOTATION + name: F(name) for name in self.queryset.query.annotations}
        for name in self.joined:
            related = self.model._meta.get_field(name).related_model
            row[_JOINED + name] = JSONObject(**{_FIELD + a: F(f"{name}__{a}") for a in _attnames(related)})
        row |= {_LIST + name: rows.expression() for name, rows in self.lists.items()}
        return JSONObject(**row)

    def expression(self) -> ArraySubquery:
        """The list as ``ARRAY(SELECT jsonb_build_object(...) ...)``, for another list's row."""
        # A plain QuerySet: modeltranslation's would add the translated columns to values() beside the JSON row.
        plain = QuerySet(self.model, query=self.queryset.query.clone())
        return ArraySubquery(plain.values(row=self.row_object()))

    def instance(self, row: Mapping[str, Any]) -> Model:
        """The instance of one row, with its annotations, joined rows and lists."""
        instance = instance_from_row(self.model, row)
        for name, annotation in self.queryset.query.annotations.items():
            setattr(instance, name, annotation.output_field.to_python(row[_ANNOTATION + name]))
        for name in self.joined:
            related_row = row[_JOINED + name]
            related = self.model._meta.get_field(name).related_model
            empty = related_row[_FIELD + related._meta.pk.attname] is None  # an empty foreign key joins nulls
            setattr(instance, name, None if empty else instance_from_row(related, related_row))
        for name, rows in self.lists.items():
            attach(instance, name, rows.read(row[_LIST + name]))
        return instance

    def read(self, rows: Iterable[Mapping[str, Any]] | None) -> list[Model]:
        """The instances of ``rows`` (this list's value in its parent's row)."""
        return [self.instance(row) for row in rows or ()]


class RowWithLists:
    """One row of ``model``, found by a unique field (``by``), with its joined rows and its lists (an area's
    regions, groups, measures...) in one query. The SQL is written once per process: building and compiling nested
    subqueries with the ORM takes several times longer than running them (as for the service page,
    ``services.models``), and nothing in it depends on the request."""

    def __init__(self, model: type[Model], *, by: str = "pk", joined: Iterable[str] = (), **lists: JsonRows) -> None:
        self.model = model
        self.by = by
        self.own = JsonRows(QuerySet(model), joined=joined)
        self.lists = lists

    @cached_property
    def _sql(self) -> tuple[str, tuple[Any, ...]]:
        expressions = {_LIST + name: rows.expression() for name, rows in self.lists.items()}
        # A plain, unordered QuerySet: only these columns, and the SQL ends with its FROM clause (and joins).
        rows = QuerySet(self.model).order_by().values(row=self.own.row_object(), **expressions)
        sql, params = rows.query.sql_with_params()
        column = self.model._meta.pk.column if self.by == "pk" else self.model._meta.get_field(self.by).column
        q = connection.ops.quote_name
        return f"{sql} WHERE {q(self.model._meta.db_table)}.{q(column)} = %s", tuple(params)

    def read(self, value: Any) -> tuple[Model | None, dict[str, list[Model]]]:
        """The row's instance and each list's instances by name; ``None`` and empty lists when there is no row.
        The caller hands the lists that are relations of the model to them (:func:`attach`)."""
        sql, params = self._sql
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, value))
            row = cursor.fetchone()
        if row is None:
            return None, {name: [] for name in self.lists}
        # The database driver hands json and each element of a jsonb array over as text.
        own, *lists = row
        return self.own.instance(json.loads(own)), {
            name: rows.read(json.loads(element) for element in elements or ())
            for (name, rows), elements in zip(self.lists.items(), lists, strict=True)
        }


def attach(instance: Model, name: str, objects: list[Model]) -> None:
    """Hand ``objects`` to ``instance.<name>.all()`` as if they had been prefetched."""
    instance._prefetched_objects_cache = getattr(instance, "_prefetched_objects_cache", {}) | {name: objects}


def instance_from_row(model: type[M], row: Mapping[str, Any]) -> M:
    """A model instance as the database would give it, from a JSON row of :class:`JsonRows` (JSON has no dates:
    each field converts its own value)."""
    fields = model._meta.concrete_fields
    return model.from_db(
        "default",
        [field.attname for field in fields],
        [field.to_python(row[_FIELD + field.attname]) for field in fields],
    )


def _attnames(model: type[Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]
