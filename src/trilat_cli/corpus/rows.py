"""The cache's row format: records as tuples marshal can store, and back again."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from .fields import Either, ListOf, MapOf, Nested, Spec, field_specs
from .model import is_record


def as_row(record: Any) -> tuple[Any, ...]:
    """A record as a tuple marshal can store: mappings as dicts, nested records as rows."""
    return tuple(stored(value) for value in record)


def stored(value: Any) -> Any:
    if is_record(value):
        return as_row(value)
    if isinstance(value, Mapping):
        return {key: stored(entry) for key, entry in value.items()}
    if isinstance(value, tuple) and value and is_record(value[0]):
        return tuple(as_row(entry) for entry in value)
    return value


@cache
def thawing(record: type) -> tuple[tuple[int, Any], ...]:
    """For each field that a row stores in another form: its position, and how to restore it."""
    steps: list[tuple[int, Any]] = []
    for index, entry in enumerate(field_specs(record)):
        codes = coded(entry.spec)
        if codes is not None:
            steps.append(
                (
                    index,
                    lambda rows, codes=codes: MappingProxyType(
                        {key: from_row(codes, row) for key, row in rows.items()}
                    ),
                )
            )
        elif isinstance(entry.spec, MapOf):
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


def coded(spec: Spec) -> type | None:
    """The record each value of a field holds when it maps ids to codes (actor -> role and
    evidence), whichever form people wrote it in."""
    if isinstance(spec, Either):
        spec = spec.long
    if isinstance(spec, MapOf) and isinstance(spec.value, Either):
        nested = spec.value.long
        return nested.record if isinstance(nested, Nested) else None
    return None


def from_row(record: type, row: tuple[Any, ...]) -> Any:
    """A record from `as_row`'s tuple: far cheaper than building it from checked data."""
    steps = thawing(record)
    if steps:
        values = list(row)
        for index, restore in steps:
            values[index] = restore(values[index])
        return record._make(values)  # type: ignore[attr-defined]
    return record._make(row)  # type: ignore[attr-defined]
