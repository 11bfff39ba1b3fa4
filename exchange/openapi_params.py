"""The API's query parameters checked against its published OpenAPI description, before the view runs.

Why from the description: what the API accepts is then exactly what it documents — a value outside an enum, too
many values, a number out of range, an empty code are a 400 naming the parameter, as an OpenAPI-driven client or
tester (schemathesis) expects, and the two cannot drift apart. The views keep their own checks (they also serve
the HTML pages' conventions); this is the API's contract on top.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from django.http import QueryDict


@dataclass(frozen=True)
class ParameterProblem:
    parameter: str
    value: str
    message: str


@dataclass(frozen=True)
class _Operation:
    pattern: re.Pattern[str]
    parameters: tuple[dict[str, Any], ...]


class OpenApiParameters:
    """The GET operations of one OpenAPI document, served under ``prefix`` (e.g. ``/api/v1``)."""

    def __init__(self, spec_path: Path, prefix: str) -> None:
        self.spec_path = spec_path
        self.prefix = prefix.rstrip("/")

    @functools.cached_property
    def _operations(self) -> list[_Operation]:
        spec = json.loads(self.spec_path.read_text(encoding="utf-8"))
        operations = []
        for template, methods in spec["paths"].items():
            get = methods.get("get")
            if not get:
                continue
            regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.prefix + template))
            operations.append(_Operation(re.compile(f"^{regex}$"), tuple(get.get("parameters", ()))))
        return operations

    def problems(self, path: str, query: QueryDict) -> list[ParameterProblem] | None:
        """What is wrong with the query parameters of a GET of ``path``; None when the path is not one of the
        document's (Django answers it: a 404)."""
        for operation in self._operations:
            match = operation.pattern.match(path)
            if match:
                path_values = QueryDict(mutable=True)
                for name, value in match.groupdict().items():
                    path_values[name] = value
                return [
                    problem
                    for parameter in operation.parameters
                    if (problem := _check(parameter, path_values if parameter.get("in") == "path" else query))
                    is not None
                ]
        return None


def _check(parameter: dict[str, Any], query: QueryDict) -> ParameterProblem | None:
    if parameter.get("in") not in ("query", "path"):
        return None
    name = parameter["name"]
    if name not in query:
        return None
    schema = parameter.get("schema", {})
    values = query.getlist(name)
    shown = ",".join(values)[:100]
    if schema.get("type") == "array":
        items = schema.get("items", {})
        converted = [_convert(value, items) for value in values]
        if any(value is _WRONG for value in converted):
            return ParameterProblem(name, shown, f"expected {items.get('type', 'text')} values")
        value: Any = converted
    else:
        value = _convert(values[-1], schema)
        if value is _WRONG:
            return ParameterProblem(name, shown, f"expected {schema.get('type', 'text')}")
    try:
        jsonschema.validate(value, schema, format_checker=jsonschema.FormatChecker())
    except jsonschema.ValidationError as error:
        return ParameterProblem(name, shown, error.message[:300])
    return None


_WRONG = object()


def _convert(value: str, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "integer":
        return int(value) if re.fullmatch(r"-?\d{1,18}", value) else _WRONG
    return value
