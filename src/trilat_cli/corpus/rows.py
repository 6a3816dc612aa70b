"""The cache's row format: records as tuples marshal can store, and back again."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from .fields import ListOf, MapOf, Nested, field_specs
from .model import is_record


def as_row(record: Any) -> tuple[Any, ...]:
    """A record as a tuple marshal can store: mappings as dicts, nested records as rows."""
    return tuple(stored(value) for value in record)


def stored(value: Any) -> Any:
    if is_record(value):
        return as_row(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple) and value and is_record(value[0]):
        return tuple(as_row(entry) for entry in value)
    return value


@cache
def thawing(record: type) -> tuple[tuple[int, Any], ...]:
    """For each field that a row stores in another form: its position, and how to restore it."""
    steps: list[tuple[int, Any]] = []
    for index, entry in enumerate(field_specs(record)):
        if isinstance(entry.spec, MapOf):
            steps.append((index, MappingProxyType))
        elif isinstance(entry.spec, ListOf) and isinstance(entry.spec.item, Nested):
            nested = entry.spec.item.record
            steps.append(
                (index, lambda rows, nested=nested: tuple(from_row(nested, r) for r in rows))
            )
        elif isinstance(entry.spec, Nested):
            nested = entry.spec.record
            steps.append(
                (index, lambda row, nested=nested: None if row is None else from_row(nested, row))
            )
    return tuple(steps)


def from_row(record: type, row: tuple[Any, ...]) -> Any:
    """A record from `as_row`'s tuple: far cheaper than building it from checked data."""
    steps = thawing(record)
    if steps:
        values = list(row)
        for index, restore in steps:
            values[index] = restore(values[index])
        return record._make(values)  # type: ignore[attr-defined]
    return record._make(row)  # type: ignore[attr-defined]
